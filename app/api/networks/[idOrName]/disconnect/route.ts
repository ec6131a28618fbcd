import { readJson } from "@/lib/api/body";
import { refParam } from "@/lib/api/params";
import { disconnectCommand } from "@/lib/commands/docker-cli";
import { disconnectSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { disconnectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/disconnect: disconnect a container. 204. */
export const POST = withApi<{ idOrName: string }>({ access: "operate", action: "network.disconnect" }, async ({ request, params, session, audit, announce }) => {
  const ref = refParam(params.idOrName);
  const body = await readJson(request, disconnectSchema);
  audit({ target: `${body.container} ← ${ref}`, command: disconnectCommand(ref, body) });
  const { network, container } = await disconnectOp(session, ref, body);
  // By name now that they are resolved (the page sends IDs).
  audit({ target: `${container.name} ← ${network.name}`, command: disconnectCommand(network.name, { ...body, container: container.name }) });
  announce({ action: "network.disconnect", networkId: network.id, containerId: container.id, text: (who) => `${who} disconnected ${container.name} from ${network.name}` });
  return new Response(null, { status: 204 });
});
