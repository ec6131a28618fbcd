import { withErrors } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import { refParam } from "@/lib/api/params";
import { containerDetailOp } from "@/lib/server/inspect";

/** GET /api/containers/{idOrName}: the container's network configuration. 200 { container }. */
export const GET = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkHost(request);
  const body = await containerDetailOp(await refParam(ctx.params, "container"));
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
