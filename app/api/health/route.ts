import { serverConfig } from "@/lib/config";
import { eventHub } from "@/lib/events/hub";

/** GET /api/health: the engine address and the state of the event subscription (for operators and tests). */
export function GET(): Response {
  const hub = eventHub();
  hub.ensureStarted();
  return Response.json({ engine: serverConfig().engineAddress, events: hub.stats() }, { headers: { "Cache-Control": "no-store" } });
}
