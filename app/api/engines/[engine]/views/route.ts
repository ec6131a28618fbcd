/** /api/engines/{engine}/views: the handlers of /api/views, on the engine the path names (withApi resolves it). */
export { GET, POST } from "@/app/api/views/route";
