/** /api/engines/{engine}/export: the handler of /api/export, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/export/route";
