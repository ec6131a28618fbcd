import { readJson } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { refParam } from "@/lib/api/params";
import { connectSchema } from "@/lib/api/schemas";
import { connectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/connect: connect a container. 204. */
export const POST = withErrors(async (request: Request, ctx: { params: Promise<{ idOrName: string }> }) => {
  checkMutation(request);
  const ref = await refParam(ctx.params);
  await connectOp(ref, await readJson(request, connectSchema));
  return new Response(null, { status: 204 });
});
