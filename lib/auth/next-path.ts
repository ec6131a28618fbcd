/**
 * Where to send someone after signing in: a path of this site only, never
 * another origin (no open redirect). Pure; the sign-in form and the OIDC
 * routes use the same rule.
 */
const BASE = "http://cnmap.invalid";

function hasControlOrBackslash(s: string): boolean {
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || c === "\\") return true;
  }
  return false;
}

/** `raw` when it is a path of this site ("/", "/audit?actor=x"), else "/". */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || hasControlOrBackslash(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : "/";
}
