import { readJson } from "@/lib/api/body";
import { withApi } from "@/lib/api/with-api";
import { accountRefusal, newUserSchema, requireGlobalAdmin, requireKnownEngine, summaries } from "@/lib/auth/users-api";

/** GET /api/users: every account with its roles and active token count (global admins). */
export const GET = withApi({ access: "administer", scope: "none" }, async ({ actor, auth }) => {
  requireGlobalAdmin(auth, actor);
  return Response.json({ users: summaries(auth) }, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/users: a new account with a password and a role, global or on one engine. 201 { user }. */
export const POST = withApi({ access: "administer", scope: "none", action: "user.add" }, async ({ request, actor, auth, audit, engines }) => {
  const body = await readJson(request, newUserSchema);
  audit({ target: `${body.username} (${body.role}${body.engine ? ` on ${body.engine}` : ""})` });
  requireGlobalAdmin(auth, actor);
  requireKnownEngine(engines, body.engine);
  try {
    const user = await auth.accounts.add(body.username, body.password, body.role, body.engine);
    return Response.json({ user }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    throw accountRefusal(err);
  }
});
