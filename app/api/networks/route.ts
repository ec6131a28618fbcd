import { readJson } from "@/lib/api/body";
import { createNetworkCommand } from "@/lib/commands/docker-cli";
import { createNetworkSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { createNetworkOp } from "@/lib/server/networks";

/** POST /api/networks: create a network. 201 { network }. */
export const POST = withApi({ access: "administer", action: "network.create" }, async ({ request, session, audit }) => {
  const body = await readJson(request, createNetworkSchema);
  audit({ target: body.name, command: createNetworkCommand(body) });
  return Response.json({ network: await createNetworkOp(session, body) }, { status: 201 });
});
