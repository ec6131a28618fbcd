/**
 * Whether a page may be shown to the person asking: always in single-user
 * mode (no account, no OIDC), else only with a valid session (pages are for people: no tokens).
 * The pages call it themselves, before rendering anything.
 */
import "server-only";
import { authContext } from "./context";
import { signInRequired } from "./context-open";

export async function pageNeedsSignIn(headers: Headers): Promise<boolean> {
  const ctx = await authContext();
  if (!signInRequired(ctx)) return false;
  const found = await ctx.auth.api.getSession({ headers });
  return !found || !ctx.accounts.byId(found.user.id);
}
