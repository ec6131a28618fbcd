/**
 * The way back from the provider. Pure.
 *
 * The provider returns the person by a cross-site navigation. A redirect from
 * there to the dashboard would keep the navigation cross-site (browsers judge
 * the whole redirect chain), and the new session's SameSite=Strict cookie
 * would not be sent with it: the person would look signed out. So a
 * successful callback answers with a small page of cnmap's own that moves on
 * by itself (a meta refresh, no script needed); that navigation starts on
 * cnmap's own page, is same-site, and carries the cookie.
 */
import { safeNextPath } from "./next-path";
import type { OidcErrorCode } from "./oidc-messages";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page a successful callback answers with; `next` must be a checked path (safeNextPath). */
export function continuePage(next: string): string {
  const href = escapeHtml(safeNextPath(next));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in: cnmap</title></head>
<body><p>Signed in. <a href="${href}">Continue to cnmap</a>.</p></body></html>
`;
}

/** The sign-in page, saying why, and where to go once signed in. */
export function loginLocation(code: OidcErrorCode, next: string): string {
  const params = new URLSearchParams({ error: code });
  const path = safeNextPath(next);
  if (path !== "/") params.set("next", path);
  return `/login?${params.toString()}`;
}

function parse(location: string | null, publicUrl: string): URL | null {
  if (!location) return null;
  try {
    const url = new URL(location, publicUrl);
    return url.origin === new URL(publicUrl).origin ? url : null;
  } catch {
    return null;
  }
}

/** Where better-auth would send the person after a success (the callbackURL cnmap gave it), as a path of this site. */
export function nextFromSuccess(location: string | null, publicUrl: string): string {
  const url = parse(location, publicUrl);
  return url ? safeNextPath(`${url.pathname}${url.search}${url.hash}`) : "/";
}

/** The error better-auth's redirect names (`?error=state_mismatch`), and the `next` of the sign-in page it points to. */
export function failureOf(location: string | null, publicUrl: string): { error: string | null; description: string | null; next: string } {
  const url = parse(location, publicUrl);
  if (!url) return { error: null, description: null, next: "/" };
  return {
    error: url.searchParams.get("error"),
    description: url.searchParams.get("error_description"),
    next: url.pathname === "/login" ? safeNextPath(url.searchParams.get("next")) : "/",
  };
}

/** Whether a Set-Cookie header sets a session (better-auth's session token, with a value). */
export function setsSession(setCookie: string): boolean {
  return /^(__Secure-)?cnmap\.session_token=[^;\s]/.test(setCookie);
}
