/** /api/engines/{engine}/probe: the handlers of /api/probe, on the engine the path names (withApi resolves it). */
export { POST } from "@/app/api/probe/route";
