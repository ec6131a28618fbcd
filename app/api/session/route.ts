import { z } from "zod";
import { readJson } from "@/lib/api/body";
import { withApi } from "@/lib/api/with-api";
import { signInRequired } from "@/lib/auth/context-open";
import { signIn, signOut } from "@/lib/auth/session-api";
import type { SessionBody } from "@/lib/auth/types";

const signInSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();

/** GET /api/session: who is signed in, and whether sign-in is needed at all. */
export const GET = withApi({ access: "public", scope: "none" }, async ({ actor, auth }) => {
  const user = actor?.userId ? auth.accounts.byId(actor.userId) : null;
  const body: SessionBody = {
    authEnabled: signInRequired(auth),
    actor: actor && { name: actor.name, kind: actor.kind, role: actor.role },
    managesPeople: actor?.kind === "local" || (actor?.kind === "user" && user?.role === "admin"),
  };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/session: sign in with a user name and password. 200 and a session cookie; 401 for any wrong pair; 429 after too many. */
export const POST = withApi({ access: "public", scope: "none" }, async ({ request, auth, client }) => {
  const { username, password } = await readJson(request, signInSchema);
  const { username: name, headers } = await signIn(auth, request, client, username, password);
  const res = Response.json({ name }, { headers: { "Cache-Control": "no-store" } });
  for (const cookie of headers.getSetCookie()) res.headers.append("Set-Cookie", cookie);
  return res;
});

/** DELETE /api/session: sign out (the session ends on the server too). 204. */
export const DELETE = withApi({ access: "public", scope: "none" }, async ({ request, actor, auth, client }) => {
  const headers = await signOut(auth, request);
  if (actor && actor.kind === "user") auth.audit.record({ actor: actor.name, engine: "", action: "sign-out", target: actor.name, command: "", outcome: "ok", client });
  const res = new Response(null, { status: 204 });
  for (const cookie of headers.getSetCookie()) res.headers.append("Set-Cookie", cookie);
  return res;
});
