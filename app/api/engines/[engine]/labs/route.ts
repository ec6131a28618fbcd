/** /api/engines/{engine}/labs: the handlers of /api/labs, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/labs/route";
