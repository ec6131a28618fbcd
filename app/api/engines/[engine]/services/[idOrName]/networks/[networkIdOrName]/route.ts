/** /api/engines/{engine}/services/{idOrName}/networks/{networkIdOrName}: the handlers of /api/services/{idOrName}/networks/{networkIdOrName}, on the engine the path names (withApi resolves it). */
export { DELETE } from "@/app/api/services/[idOrName]/networks/[networkIdOrName]/route";
