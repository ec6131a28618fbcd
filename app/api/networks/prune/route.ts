import { readJson } from "@/lib/api/body";
import { pruneSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { pruneOp } from "@/lib/server/networks";

/** POST /api/networks/prune: remove unused networks (dryRun: list them). 200 { removed }. */
export const POST = withApi({ access: "administer" }, async ({ request, session }) =>
  Response.json(await pruneOp(session, await readJson(request, pruneSchema))),
);
