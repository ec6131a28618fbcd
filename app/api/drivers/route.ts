import { withErrors } from "@/lib/api/errors";
import { checkHost } from "@/lib/api/guard";
import { networkDrivers } from "@/lib/docker/engine";

/** GET /api/drivers: the engine's network drivers (plugins included) and IPAM drivers. */
export const GET = withErrors(async (request: Request) => {
  checkHost(request);
  return Response.json(await networkDrivers(), { headers: { "Cache-Control": "no-store" } });
});
