import { withErrors } from "@/lib/api/errors";
import { checkHost, checkMutation } from "@/lib/api/guard";
import { refParam } from "@/lib/api/params";
import { networkDetailOp } from "@/lib/server/inspect";
import { removeNetworkOp } from "@/lib/server/networks";

/** GET /api/networks/{idOrName}: the engine's `docker network inspect`, unchanged. 200 { network }. */
export const GET = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkHost(request);
  const body = await networkDetailOp(await refParam(ctx.params));
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/networks/{idOrName}: remove a network. 204. */
export const DELETE = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkMutation(request);
  await removeNetworkOp(await refParam(ctx.params));
  return new Response(null, { status: 204 });
});
