import { readJson } from "@/lib/api/body";
import { withApi } from "@/lib/api/with-api";
import { accountError, expirySeconds, newTokenSchema, ownerOf } from "@/lib/auth/tokens-api";
import type { NewTokenBody, TokensBody } from "@/lib/auth/types";

/** GET /api/tokens: the signed-in user's API tokens (never the tokens themselves). */
export const GET = withApi({ access: "read", scope: "none" }, async ({ actor, auth }) => {
  const body: TokensBody = { tokens: auth.accounts.listTokens(ownerOf(auth, actor).id) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/tokens: a new token for the signed-in user, at most with their role. 201 with the token, shown this once. */
export const POST = withApi({ access: "read", scope: "none", action: "token.create" }, async ({ request, actor, auth, audit }) => {
  const body = await readJson(request, newTokenSchema);
  audit({ target: body.name });
  const owner = ownerOf(auth, actor);
  try {
    const created: NewTokenBody = auth.accounts.createToken(owner, { name: body.name, ...(body.role ? { role: body.role } : {}), expiresInSeconds: expirySeconds(body.expires) });
    return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    throw accountError(err);
  }
});
