/** /api/engines/{engine}/topology: the handlers of /api/topology, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/topology/route";
