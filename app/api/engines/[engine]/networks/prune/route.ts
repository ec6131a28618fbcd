/** /api/engines/{engine}/networks/prune: the handlers of /api/networks/prune, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/networks/prune/route";
