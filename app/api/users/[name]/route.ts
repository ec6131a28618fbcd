import { readJson } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { requireGlobalAdmin, requireKnownEngine, roleSchema, userNamed } from "@/lib/auth/users-api";

/** PATCH /api/users/{name}: set a role, global or on one engine, or take it away (role null). 200 { user }. */
export const PATCH = withApi<{ name: string }>({ access: "administer", scope: "none", action: "user.role" }, async ({ request, params, actor, auth, audit, engines }) => {
  const body = await readJson(request, roleSchema);
  audit({ target: `${params.name.slice(0, 64)} (${body.role ?? "no role"}${body.engine ? ` on ${body.engine}` : " everywhere"})` });
  requireGlobalAdmin(auth, actor);
  const user = userNamed(auth, params.name);
  if (user.id === actor.userId && !body.engine && body.role !== "admin") throw new ApiError("conflict", "You cannot lower your own global role: ask another admin.");
  if (body.role === null) {
    // Taking a role away from an engine that is gone is allowed: it is how a stale role is cleaned up.
    auth.accounts.clearRole(user.id, body.engine ?? "");
  } else {
    requireKnownEngine(engines, body.engine);
    auth.accounts.setRole(user.id, body.role, body.engine ?? "");
  }
  return Response.json({ user: auth.accounts.byId(user.id) }, { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/users/{name}: remove an account with its sessions, roles and tokens. 204. */
export const DELETE = withApi<{ name: string }>({ access: "administer", scope: "none", action: "user.remove" }, async ({ params, actor, auth, audit }) => {
  audit({ target: params.name.slice(0, 64) });
  requireGlobalAdmin(auth, actor);
  const user = userNamed(auth, params.name);
  if (user.id === actor.userId) throw new ApiError("conflict", "You cannot remove your own account: ask another admin.");
  auth.accounts.remove(user.username);
  return new Response(null, { status: 204 });
});
