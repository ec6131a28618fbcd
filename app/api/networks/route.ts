import { readJson } from "@/lib/api/body";
import { createNetworkCommand } from "@/lib/commands/docker-cli";
import { createNetworkSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { createNetworkOp } from "@/lib/server/networks";

/** POST /api/networks: create a network. 201 { network }. */
export const POST = withApi({ access: "administer", action: "network.create" }, async ({ request, session, audit, announce }) => {
  const body = await readJson(request, createNetworkSchema);
  audit({ target: body.name, command: createNetworkCommand(body) });
  const network = await createNetworkOp(session, body);
  announce({ action: "network.create", networkId: network.id, text: (who) => `${who} created network ${network.name}` });
  return Response.json({ network }, { status: 201 });
});
