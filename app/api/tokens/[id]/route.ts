import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { ownerOf } from "@/lib/auth/tokens-api";

/** DELETE /api/tokens/{id}: revoke one of the signed-in user's tokens (by ID or name). 204. */
export const DELETE = withApi<{ id: string }>({ access: "read", scope: "none", action: "token.revoke" }, async ({ params, actor, auth, audit }) => {
  const ref = params.id.slice(0, 64);
  audit({ target: ref });
  if (!auth.accounts.revokeToken(ownerOf(auth, actor).id, ref)) throw new ApiError("not_found", `You have no active token ${ref}.`);
  return new Response(null, { status: 204 });
});
