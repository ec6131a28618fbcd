import { refParam } from "@/lib/api/params";
import { serviceNetworkRmCommand } from "@/lib/commands/docker-cli";
import { withApi } from "@/lib/api/with-api";
import { serviceNetworkRmOp } from "@/lib/server/services";

/** DELETE /api/services/{idOrName}/networks/{networkIdOrName}: `docker service update --network-rm` (its tasks restart). 200 { service, network, command }. */
export const DELETE = withApi<{ idOrName: string; networkIdOrName: string }>({ access: "operate", action: "service.network-rm" }, async ({ params, session, audit, announce }) => {
  const ref = refParam(params.idOrName, "service");
  const networkRef = refParam(params.networkIdOrName);
  audit({ target: `${ref} ← ${networkRef}`, command: serviceNetworkRmCommand(ref, networkRef) });
  const { service, network } = await serviceNetworkRmOp(session, ref, networkRef);
  const command = serviceNetworkRmCommand(service.name, network.name);
  audit({ target: `${service.name} ← ${network.name}`, command });
  announce({ action: "service.network-rm", networkId: network.id, text: (who) => `${who} detached service ${service.name} from ${network.name}` });
  return Response.json({ service, network: { id: network.id, name: network.name }, command });
});
