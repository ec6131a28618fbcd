import type { HealthBody } from "@/lib/api/health";
import { doorStats, withApi } from "@/lib/api/with-api";
import { serverConfig } from "@/lib/config";

/**
 * GET /api/health: the engine address, the state of the event subscription,
 * and counters for operators, tests and the benchmark: container inspects
 * (flat in steady state, as reads then make no per-container call), full
 * engine reads, the mutation queue, and requests whose client went away.
 */
export const GET = withApi({ access: "read" }, async ({ session, actor }) => {
  session.hub.ensureStarted();
  const body: HealthBody = {
    engine: session.address,
    readOnly: serverConfig().readOnly,
    events: session.hub.stats(),
    inspects: session.details.inspects,
    session: session.stats(),
    clientGone: doorStats().clientGone,
    you: { name: actor.name, role: actor.role, kind: actor.kind },
  };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
