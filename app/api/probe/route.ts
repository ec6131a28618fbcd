import { readJson } from "@/lib/api/body";
import { withErrors } from "@/lib/api/errors";
import { checkMutation } from "@/lib/api/guard";
import { probeSchema } from "@/lib/api/schemas";
import { probeOp } from "@/lib/server/probe";

/**
 * POST /api/probe: run a connectivity probe (ping, dns, tcp, http) inside a
 * container. It executes a program in the user's container, so it is guarded
 * like a mutation (same origin, refused in read-only mode). 200 ProbeResult
 * whenever the probe ran, whatever it found.
 */
export const POST = withErrors(async (request: Request) => {
  checkMutation(request);
  const body = await readJson(request, probeSchema);
  return Response.json(await probeOp(body), { headers: { "Cache-Control": "no-store" } });
});
