import { withApi } from "@/lib/api/with-api";
import { topologyOp } from "@/lib/server/inspect";

/** GET /api/topology: the whole CNM model, read from the engine. 503 when no engine answers. */
export const GET = withApi({ access: "read" }, async ({ session }) =>
  Response.json(await topologyOp(session), { headers: { "Cache-Control": "no-store" } }),
);
