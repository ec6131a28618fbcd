import { withErrors } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import { getTopology } from "@/lib/server/topology";

/** GET /api/topology: the whole CNM model, read from the engine. 503 when no engine answers. */
export const GET = withErrors(async (request: Request) => {
  checkHost(request);
  return Response.json(await getTopology(), { headers: { "Cache-Control": "no-store" } });
});
