/** /api/engines/{engine}/containers/{idOrName}: the handlers of /api/containers/{idOrName}, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/containers/[idOrName]/route";
