import { withErrors } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import type { HealthBody } from "@/lib/api/health";
import { serverConfig } from "@/lib/config";
import { eventHub } from "@/lib/events/hub";
import { detailCache } from "@/lib/server/topology";

/**
 * GET /api/health: the engine address, the state of the event subscription,
 * and how many container inspects the topology snapshots have made since the
 * server started (for operators, tests and the benchmark: in steady state it
 * stays put, as snapshots then make no per-container call).
 */
export const GET = withErrors(async (request: Request) => {
  checkHost(request);
  const hub = eventHub();
  hub.ensureStarted();
  const { engineAddress, readOnly } = serverConfig();
  const body: HealthBody = { engine: engineAddress, readOnly, events: hub.stats(), inspects: detailCache().inspects };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
