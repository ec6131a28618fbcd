import { logsResponse } from "@/lib/api/logs";
import { withApi } from "@/lib/api/with-api";

/**
 * GET /api/services/{idOrName}/logs?tail=N: `docker service logs`, as the
 * container route answers (each line also names its task and node). Only a
 * swarm manager has service logs: elsewhere 409, saying so. For viewers; audited.
 */
export const GET = withApi<{ idOrName: string }>({ access: "read", action: "service.logs" }, (ctx) => logsResponse(ctx, "service"));
