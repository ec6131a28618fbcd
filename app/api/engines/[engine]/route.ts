import { withApi } from "@/lib/api/with-api";
import { removeEngine } from "@/lib/server/engines-admin";

/** DELETE /api/engines/{engine}: a global admin removes an engine an admin added (not a configured one: 409). 204. */
export const DELETE = withApi<{ engine: string }>({ access: "administer", scope: "none", action: "engine.remove" }, async (ctx) => {
  removeEngine(ctx, ctx.params.engine);
  return new Response(null, { status: 204 });
});
