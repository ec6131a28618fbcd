/** /api/engines/{engine}/events: the handlers of /api/events, on the engine the path names (withApi resolves it). */
export { GET } from "@/app/api/events/route";
