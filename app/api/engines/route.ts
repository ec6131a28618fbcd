import { readJson } from "@/lib/api/body";
import { withApi } from "@/lib/api/with-api";
import { engineBodySchema } from "@/lib/engines/added";
import type { EnginesBody } from "@/lib/engines/types";
import { addEngine } from "@/lib/server/engines-admin";

/**
 * GET /api/engines: the engines the caller has a role on (every engine in
 * single-user mode; a presentation link's one engine), the default first, and whether each answers now.
 */
export const GET = withApi({ access: "read", scope: "none", linkHolders: true }, async ({ actor, auth, engines }) => {
  const user = actor.userId ? auth.accounts.byId(actor.userId) : null;
  const visible = engines
    .list()
    .filter((s) => actor.kind === "local" || (actor.kind === "link" ? s.id === actor.link?.engine : user !== null && auth.accounts.roleOn(user, s.id) !== null));
  const body: EnginesBody = { engines: await Promise.all(visible.map((s) => s.summary())) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/engines: a global admin adds an engine { name, address }, served at once. 201 { engine }: its summary, connected or not. */
export const POST = withApi({ access: "administer", scope: "none", action: "engine.add" }, async (ctx) => {
  const engine = await addEngine(ctx, await readJson(ctx.request, engineBodySchema));
  return Response.json({ engine }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
