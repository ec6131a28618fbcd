import { logsResponse } from "@/lib/api/logs";
import { withApi } from "@/lib/api/with-api";

/**
 * GET /api/containers/{idOrName}/logs?tail=N: the last N lines (default 200,
 * at most 2000, 1 MiB of text) of `docker logs`, stdout and stderr apart, each
 * with its time. `follow=1` streams new lines as server-sent events, bounded
 * (`maxLines`, `maxSeconds`; `since` continues a tail). For viewers; audited.
 */
export const GET = withApi<{ idOrName: string }>({ access: "read", action: "container.logs" }, (ctx) => logsResponse(ctx, "container"));
