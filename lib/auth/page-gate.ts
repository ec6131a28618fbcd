/**
 * Whether a page may be shown to the person asking: always in single-user
 * mode (no account, no OIDC), else only with a valid session (pages are for people: no tokens).
 * The pages call it themselves, before rendering anything.
 *
 * /present is the one page a presentation link opens too: presentGate says
 * who is looking there (a signed-in person, or a link's holder and the one
 * engine the link shows). Every other page ignores the link's cookie.
 */
import "server-only";
import { authContext } from "./context";
import { cookieValue } from "./cookies";
import { signInRequired } from "./context-open";
import { LINK_COOKIE } from "./present-links";
import { linkTarget } from "./present-api";

export async function pageNeedsSignIn(headers: Headers): Promise<boolean> {
  const ctx = await authContext();
  if (!signInRequired(ctx)) return false;
  const found = await ctx.auth.api.getSession({ headers });
  return !found || !ctx.accounts.byId(found.user.id);
}

export type PresentAccess =
  /** Single-user mode, or a signed-in person: /present as anywhere else, any engine they may see. */
  | { kind: "open" }
  | { kind: "signed-in" }
  /** A presentation link's holder: only `engine`, read-only; `home` is where the link lands (its engine, view and query). */
  | { kind: "link"; engine: string; view: string | null; home: string }
  /** Nobody: the page sends them to sign in. */
  | { kind: "sign-in" };

/**
 * Who may see /present. A page must send a link's holder to `home` when the
 * URL names another engine than the link's (the API would refuse it anyway:
 * 404 for every other engine).
 */
export async function presentGate(headers: Headers): Promise<PresentAccess> {
  const ctx = await authContext();
  if (!signInRequired(ctx)) return { kind: "open" };
  if (!(await pageNeedsSignIn(headers))) return { kind: "signed-in" };
  const token = cookieValue(headers.get("cookie"), LINK_COOKIE);
  if (token === null) return { kind: "sign-in" };
  const link = ctx.links.verify(token);
  if ("refused" in link) return { kind: "sign-in" };
  return { kind: "link", engine: link.engine, view: link.view, home: linkTarget(link) };
}
