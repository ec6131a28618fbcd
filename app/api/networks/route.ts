import { readJson } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { createNetworkSchema } from "@/lib/api/schemas";
import { createNetworkOp } from "@/lib/server/networks";

/** POST /api/networks: create a network. 201 { network }. */
export const POST = withErrors(async (request: Request) => {
  checkMutation(request);
  const body = await readJson(request, createNetworkSchema);
  return Response.json({ network: await createNetworkOp(body) }, { status: 201 });
});
