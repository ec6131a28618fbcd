import { readJson } from "@/lib/api/body";
import { refParam } from "@/lib/api/params";
import { connectCommand } from "@/lib/commands/docker-cli";
import { connectSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { connectOp } from "@/lib/server/networks";

/** POST /api/networks/{idOrName}/connect: connect a container. 204. */
export const POST = withApi<{ idOrName: string }>({ access: "operate", action: "network.connect" }, async ({ request, params, session, audit, announce }) => {
  const ref = refParam(params.idOrName);
  const body = await readJson(request, connectSchema);
  audit({ target: `${body.container} → ${ref}`, command: connectCommand(ref, body) });
  const { network, container } = await connectOp(session, ref, body);
  // By name now that they are resolved (the page sends IDs).
  audit({ target: `${container.name} → ${network.name}`, command: connectCommand(network.name, { ...body, container: container.name }) });
  announce({ action: "network.connect", networkId: network.id, containerId: container.id, text: (who) => `${who} connected ${container.name} to ${network.name}` });
  return new Response(null, { status: 204 });
});
