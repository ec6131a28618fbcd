/** /api/engines/{engine}/containers/{idOrName}/logs: the handlers of /api/containers/{idOrName}/logs, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/containers/[idOrName]/logs/route";
