/** /api/engines/{engine}/services/{idOrName}/logs: the handlers of /api/services/{idOrName}/logs, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/services/[idOrName]/logs/route";
