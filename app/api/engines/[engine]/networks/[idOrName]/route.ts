/** /api/engines/{engine}/networks/{idOrName}: the handlers of /api/networks/{idOrName}, on the engine the path names (withApi resolves it). */
export { GET, DELETE } from "@/app/api/networks/[idOrName]/route";
