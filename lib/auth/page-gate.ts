/**
 * Whether a page may be shown to the person asking: always in single-user
 * mode, else only with a valid session (pages are for people: no tokens).
 * The pages call it themselves, before rendering anything.
 */
import "server-only";
import { authContext } from "./context";

export async function pageNeedsSignIn(headers: Headers): Promise<boolean> {
  const ctx = await authContext();
  if (ctx.accounts.count() === 0) return false;
  const found = await ctx.auth.api.getSession({ headers });
  return !found || !ctx.accounts.byId(found.user.id);
}
