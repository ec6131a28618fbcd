import { refParam } from "@/lib/api/params";
import { withApi } from "@/lib/api/with-api";
import { containerDetailOp } from "@/lib/server/inspect";

/** GET /api/containers/{idOrName}: the container's network configuration. 200 { container }. */
export const GET = withApi<{ idOrName: string }>({ access: "read" }, async ({ params, session }) => {
  const body = await containerDetailOp(session, refParam(params.idOrName, "container"));
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
