/**
 * Opening a presentation link (`GET /p/{token}`): the answer that hands the
 * browser the link's cookie and moves it on to /present, or says the link is
 * no good. Pure.
 *
 * The link is usually opened from elsewhere (a chat, a mail): a cross-site
 * navigation. A redirect would keep it cross-site, and the SameSite=Strict
 * cookie would not be sent on the way to /present. So the answer is a small
 * page of cnmap's own that moves on by itself (a meta refresh, as the OIDC
 * callback does, lib/auth/oidc-return.ts): that navigation is same-site.
 * The token leaves the address bar there, and no Referer carries it anywhere.
 */
import { LINK_COOKIE } from "./present-links";

/** How long a browser keeps a link's cookie (it is checked at every request; revoking is what ends it). */
export const LINK_COOKIE_MAX_AGE = 30 * 86_400;

/** The page's own `<meta name="referrer">` is what keeps the token out of the Referer (the app's headers set a Referrer-Policy of their own). */
const HEADERS = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function linkCookie(token: string, secure: boolean): string {
  return `${LINK_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${LINK_COOKIE_MAX_AGE}${secure ? "; Secure" : ""}`;
}

/** 200: the cookie, and a page that moves on to `target` (a path of this site, from linkTarget). */
export function openedPage(token: string, target: string, secure: boolean): Response {
  const href = escapeHtml(target.startsWith("/") && !target.startsWith("//") ? target : "/present");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>cnmap</title></head>
<body><p><a href="${href}">Open the presentation</a>.</p></body></html>
`;
  return new Response(html, { status: 200, headers: { ...HEADERS, "Set-Cookie": linkCookie(token, secure) } });
}

/** 404: the link is not (or no longer) good; any cookie of an earlier link is cleared. */
export function refusedPage(reason: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Link not valid: cnmap</title></head>
<body><h1>This presentation link does not open cnmap</h1><p>${escapeHtml(reason)}. Ask the person who gave it to you for a new one.</p></body></html>
`;
  return new Response(html, { status: 404, headers: { ...HEADERS, "Set-Cookie": `${LINK_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } });
}
