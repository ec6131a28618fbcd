/**
 * The logs routes' one handler (containers and services, tail or follow):
 * the query checked, the read audited with its docker command, and the
 * answer as JSON or, with `follow=1`, as server-sent events.
 */
import { SSE_HEADERS } from "../events/sse";
import { logsFollowOp, logsTailOp } from "../server/logs";
import type { LogKind } from "../logs/types";
import { describeIssues } from "./body";
import { ApiError } from "./errors";
import { refParam } from "./params";
import { logsQuerySchema } from "./schemas";
import type { ApiContext } from "./with-api";

export async function logsResponse(ctx: ApiContext<{ idOrName: string }>, kind: LogKind): Promise<Response> {
  const ref = refParam(ctx.params.idOrName, kind === "service" ? "service" : "container");
  const parsed = logsQuerySchema.safeParse(Object.fromEntries(new URL(ctx.request.url).searchParams));
  if (!parsed.success) throw new ApiError("invalid_input", `Invalid query: ${describeIssues(parsed.error)}.`);
  const query = parsed.data;
  if (!query.follow) {
    const body = await logsTailOp(ctx.session, kind, ref, query, ctx.request.signal);
    ctx.audit({ target: `${kind} ${body.name}`, command: body.command });
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  }
  const { target, body, command } = await logsFollowOp(ctx.session, kind, ref, query, ctx.request.signal);
  ctx.audit({ target: `${kind} ${target.name}`, command });
  return new Response(body, { headers: SSE_HEADERS });
}
