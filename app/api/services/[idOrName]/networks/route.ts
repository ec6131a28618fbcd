import { readJson } from "@/lib/api/body";
import { refParam } from "@/lib/api/params";
import { serviceNetworkAddCommand } from "@/lib/commands/docker-cli";
import { serviceNetworkAddSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { serviceNetworkAddOp } from "@/lib/server/services";

/** POST /api/services/{idOrName}/networks: `docker service update --network-add` (its tasks restart). 200 { service, network, command }. */
export const POST = withApi<{ idOrName: string }>({ access: "operate", action: "service.network-add" }, async ({ request, params, session, audit, announce }) => {
  const ref = refParam(params.idOrName, "service");
  const body = await readJson(request, serviceNetworkAddSchema);
  audit({ target: `${ref} → ${body.network}`, command: serviceNetworkAddCommand(ref, body.network, body.aliases) });
  const { service, network, aliases } = await serviceNetworkAddOp(session, ref, body);
  // By name now that they are resolved (the page sends IDs).
  const command = serviceNetworkAddCommand(service.name, network.name, aliases);
  audit({ target: `${service.name} → ${network.name}`, command });
  announce({ action: "service.network-add", networkId: network.id, text: (who) => `${who} attached service ${service.name} to ${network.name}` });
  return Response.json({ service, network: { id: network.id, name: network.name }, command });
});
