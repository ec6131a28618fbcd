/** /api/engines/{engine}/networks/{idOrName}/connect: the handlers of /api/networks/{idOrName}/connect, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/networks/[idOrName]/connect/route";
