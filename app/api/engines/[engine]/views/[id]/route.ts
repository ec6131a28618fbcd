/** /api/engines/{engine}/views/{id}: the handlers of /api/views/{id}, on the engine the path names (withApi resolves it). */
export { GET, DELETE } from "@/app/api/views/[id]/route";
