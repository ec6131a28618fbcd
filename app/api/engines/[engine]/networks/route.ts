/** /api/engines/{engine}/networks: the handlers of /api/networks, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/networks/route";
