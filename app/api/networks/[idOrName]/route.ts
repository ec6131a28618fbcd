import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { refParam } from "@/lib/api/params";
import { removeNetworkOp } from "@/lib/server/networks";

/** DELETE /api/networks/{idOrName}: remove a network. 204. */
export const DELETE = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkMutation(request);
  await removeNetworkOp(await refParam(ctx.params));
  return new Response(null, { status: 204 });
});
