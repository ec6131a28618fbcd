/**
 * OIDC sign-in's settings, from the environment. Pure: lib/config.ts calls
 * it with the environment and turns an error into a ConfigError, so a
 * partial or wrong setting stops the server at start with the reason.
 *
 * - CNMAP_OIDC_ISSUER: the provider's issuer URL; discovery is read from
 *   `<issuer>/.well-known/openid-configuration`. https, or http on loopback.
 * - CNMAP_OIDC_CLIENT_ID; CNMAP_OIDC_CLIENT_SECRET (none for a public
 *   client, which PKCE alone protects).
 * - CNMAP_OIDC_ROLES: groups to roles (lib/auth/oidc-roles.ts). Required:
 *   without it nobody could sign in.
 * - CNMAP_OIDC_SCOPES (default `openid profile email groups`),
 *   CNMAP_OIDC_GROUPS_CLAIM (default `groups`), CNMAP_OIDC_NAME (the
 *   button's "Sign in with …", default the issuer's host name).
 * - CNMAP_PUBLIC_URL must be set: the redirect URI registered at the
 *   provider is built from it.
 */
import type { Parsed } from "../engines/config";
import { parseRoleRules, type OidcRoleRule } from "./oidc-roles";

export interface OidcConfig {
  /** As configured, without a trailing slash. */
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  /** Null for a public client (PKCE only). */
  clientSecret: string | null;
  scopes: string[];
  /** The claim that lists the person's groups: a claim name, or a dotted path into nested claims. */
  groupsClaim: string;
  roles: OidcRoleRule[];
  /** Shown on the sign-in button: "Sign in with <name>". */
  name: string;
  /** `<CNMAP_PUBLIC_URL>/api/session/oidc/callback`: register it at the provider. */
  redirectUri: string;
}

/** Where the provider sends people back (below CNMAP_PUBLIC_URL). */
export const OIDC_CALLBACK_PATH = "/api/session/oidc/callback";

export const OIDC_VARS = [
  "CNMAP_OIDC_ISSUER",
  "CNMAP_OIDC_CLIENT_ID",
  "CNMAP_OIDC_CLIENT_SECRET",
  "CNMAP_OIDC_ROLES",
  "CNMAP_OIDC_SCOPES",
  "CNMAP_OIDC_GROUPS_CLAIM",
  "CNMAP_OIDC_NAME",
] as const;

export const DEFAULT_SCOPES = ["openid", "profile", "email", "groups"];

/** RFC 6749's scope-token: printable ASCII but space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function isLoopbackName(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function parseIssuer(raw: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `CNMAP_OIDC_ISSUER="${raw}" is not a URL (the provider's issuer, e.g. https://id.example.org/realms/main)` };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackName(url.hostname))) {
    return { ok: false, error: `CNMAP_OIDC_ISSUER="${raw}" must be an https:// URL (http:// only on loopback, for testing)` };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, error: `CNMAP_OIDC_ISSUER="${raw}" may not have a query, a fragment or credentials` };
  }
  return { ok: true, value: url.href.replace(/\/+$/, "") };
}

function parseScopes(raw: string | undefined): Parsed<string[]> {
  if (raw === undefined || raw.trim() === "") return { ok: true, value: DEFAULT_SCOPES };
  const scopes = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  const bad = scopes.find((s) => !SCOPE_TOKEN.test(s));
  if (bad !== undefined) return { ok: false, error: `CNMAP_OIDC_SCOPES: "${bad}" is not a scope` };
  if (!scopes.includes("openid")) return { ok: false, error: `CNMAP_OIDC_SCOPES="${raw}" must include openid (OIDC sign-in needs an ID token)` };
  return { ok: true, value: scopes };
}

/**
 * The OIDC settings, null when OIDC is off (no CNMAP_OIDC_* variable set).
 * `publicUrl` is CNMAP_PUBLIC_URL's origin, null when the variable is unset.
 */
export function parseOidcConfig(env: Record<string, string | undefined>, publicUrl: string | null): Parsed<OidcConfig | null> {
  const value = (name: (typeof OIDC_VARS)[number]): string => (env[name] ?? "").trim();
  const issuerRaw = value("CNMAP_OIDC_ISSUER");
  if (issuerRaw === "") {
    const stray = OIDC_VARS.find((v) => value(v) !== "");
    if (stray) return { ok: false, error: `${stray} is set but CNMAP_OIDC_ISSUER is not: set CNMAP_OIDC_ISSUER to turn on OIDC sign-in, or unset the CNMAP_OIDC_* variables` };
    return { ok: true, value: null };
  }
  const issuer = parseIssuer(issuerRaw);
  if (!issuer.ok) return issuer;
  const clientId = value("CNMAP_OIDC_CLIENT_ID");
  if (clientId === "") return { ok: false, error: "CNMAP_OIDC_ISSUER needs CNMAP_OIDC_CLIENT_ID (the client ID registered at the provider)" };
  const rolesRaw = value("CNMAP_OIDC_ROLES");
  if (rolesRaw === "") return { ok: false, error: "CNMAP_OIDC_ISSUER needs CNMAP_OIDC_ROLES, the groups that may sign in and their roles (e.g. cnmap-admins=admin;ops=operator@lab;*=viewer)" };
  const roles = parseRoleRules(rolesRaw);
  if (!roles.ok) return { ok: false, error: `CNMAP_OIDC_ROLES: ${roles.error}` };
  const scopes = parseScopes(env.CNMAP_OIDC_SCOPES);
  if (!scopes.ok) return scopes;
  const groupsClaim = value("CNMAP_OIDC_GROUPS_CLAIM") || "groups";
  if (/\s/.test(groupsClaim)) return { ok: false, error: `CNMAP_OIDC_GROUPS_CLAIM="${groupsClaim}" is not a claim name` };
  const name = value("CNMAP_OIDC_NAME") || new URL(issuer.value).hostname;
  if (name.length > 40 || [...name].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return { ok: false, error: "CNMAP_OIDC_NAME is the button's label: 1 to 40 printable characters" };
  if (publicUrl === null) {
    return { ok: false, error: `CNMAP_OIDC_ISSUER needs CNMAP_PUBLIC_URL, where people open cnmap: the provider sends them back to <CNMAP_PUBLIC_URL>${OIDC_CALLBACK_PATH}, which must be registered there as a redirect URI` };
  }
  return {
    ok: true,
    value: {
      issuer: issuer.value,
      discoveryUrl: `${issuer.value}/.well-known/openid-configuration`,
      clientId,
      clientSecret: value("CNMAP_OIDC_CLIENT_SECRET") || null,
      scopes: scopes.value,
      groupsClaim,
      roles: roles.value,
      name,
      redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
    },
  };
}
