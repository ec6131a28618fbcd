import { readJson } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { refParam } from "@/lib/api/params";
import { disconnectSchema } from "@/lib/api/schemas";
import { disconnectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/disconnect: disconnect a container. 204. */
export const POST = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkMutation(request);
  const ref = await refParam(ctx.params);
  await disconnectOp(ref, await readJson(request, disconnectSchema));
  return new Response(null, { status: 204 });
});
