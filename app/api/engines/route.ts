import { withApi } from "@/lib/api/with-api";
import type { EnginesBody } from "@/lib/engines/types";
import { engineSessions } from "@/lib/server/engines";

/** GET /api/engines: every engine cnmap is configured for, the default first, and whether each answers now. */
export const GET = withApi({ access: "read" }, async () => {
  const body: EnginesBody = { engines: await Promise.all(engineSessions().map((s) => s.summary())) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
