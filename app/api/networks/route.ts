import { readJson } from "@/lib/api/body";
import { createNetworkSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { createNetworkOp } from "@/lib/server/networks";

/** POST /api/networks: create a network. 201 { network }. */
export const POST = withApi({ access: "administer" }, async ({ request, session }) => {
  const body = await readJson(request, createNetworkSchema);
  return Response.json({ network: await createNetworkOp(session, body) }, { status: 201 });
});
