/** /api/engines/{engine}/health: the handlers of /api/health, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/health/route";
