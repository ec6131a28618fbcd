import { refParam } from "@/lib/api/params";
import { removeNetworkCommand } from "@/lib/commands/docker-cli";
import { withApi } from "@/lib/api/with-api";
import { networkDetailOp } from "@/lib/server/inspect";
import { removeNetworkOp } from "@/lib/server/networks";

/** GET /api/networks/{idOrName}: the engine's `docker network inspect`, unchanged. 200 { network }. */
export const GET = withApi<{ idOrName: string }>({ access: "read" }, async ({ params, session }) => {
  const body = await networkDetailOp(session, refParam(params.idOrName));
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/networks/{idOrName}: remove a network. 204. */
export const DELETE = withApi<{ idOrName: string }>({ access: "administer", action: "network.remove" }, async ({ params, session, audit, announce }) => {
  const ref = refParam(params.idOrName);
  audit({ target: ref, command: removeNetworkCommand(ref) });
  const network = await removeNetworkOp(session, ref);
  audit({ target: network.name, command: removeNetworkCommand(network.name) });
  announce({ action: "network.remove", networkId: network.id, text: (who) => `${who} removed network ${network.name}` });
  return new Response(null, { status: 204 });
});
