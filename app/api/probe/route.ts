import { readJson } from "@/lib/api/body";
import { probeSchema } from "@/lib/api/schemas";
import { withApi } from "@/lib/api/with-api";
import { probeOp } from "@/lib/server/probe";

/**
 * POST /api/probe: run a connectivity probe (ping, dns, tcp, http) inside a
 * container. It executes a program in the user's container, so it needs the
 * operate role and is refused in read-only mode. 200 ProbeResult whenever
 * the probe ran, whatever it found.
 */
export const POST = withApi({ access: "operate", action: "probe" }, async ({ request, session, audit }) => {
  const body = await readJson(request, probeSchema);
  audit({ target: `${body.kind} ${body.from} → ${body.target}${body.port ? `:${body.port}` : ""}` });
  const result = await probeOp(session, body);
  audit({ command: result.command });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
