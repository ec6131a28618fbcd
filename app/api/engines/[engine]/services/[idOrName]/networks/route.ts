/** /api/engines/{engine}/services/{idOrName}/networks: the handlers of /api/services/{idOrName}/networks, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/services/[idOrName]/networks/route";
