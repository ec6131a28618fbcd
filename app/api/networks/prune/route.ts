import { readJson } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { pruneSchema } from "@/lib/api/schemas";
import { pruneOp } from "@/lib/server/networks";

/** POST /api/networks/prune: remove unused networks (dryRun: list them). 200 { removed }. */
export const POST = withErrors(async (request: Request) => {
  checkMutation(request);
  return Response.json(await pruneOp(await readJson(request, pruneSchema)));
});
