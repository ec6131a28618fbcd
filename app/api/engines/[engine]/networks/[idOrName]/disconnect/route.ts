/** /api/engines/{engine}/networks/{idOrName}/disconnect: the handlers of /api/networks/{idOrName}/disconnect, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/networks/[idOrName]/disconnect/route";
