import { readJson } from "@/lib/api/body";
import { pruneNetworksCommand } from "@/lib/commands/docker-cli";
import { pruneSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { pruneOp } from "@/lib/server/networks";

/** POST /api/networks/prune: remove unused networks (dryRun: list them). 200 { removed }. */
export const POST = withApi({ access: "administer", action: "network.prune" }, async ({ request, session, audit }) => {
  const body = await readJson(request, pruneSchema);
  audit({ target: body.dryRun ? "(dry run)" : "unused networks", command: pruneNetworksCommand(body) });
  const result = await pruneOp(session, body);
  if (!body.dryRun) audit({ target: result.removed.join(", ") || "(none)" });
  return Response.json(result);
});
