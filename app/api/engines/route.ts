import { withApi } from "@/lib/api/with-api";
import type { EnginesBody } from "@/lib/engines/types";

/**
 * GET /api/engines: the engines the caller has a role on (every engine in
 * single-user mode), the default first, and whether each answers now.
 */
export const GET = withApi({ access: "read", scope: "none" }, async ({ actor, auth, engines }) => {
  const user = actor.userId ? auth.accounts.byId(actor.userId) : null;
  const visible = engines.list().filter((s) => actor.kind === "local" || (user !== null && auth.accounts.roleOn(user, s.id) !== null));
  const body: EnginesBody = { engines: await Promise.all(visible.map((s) => s.summary())) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
