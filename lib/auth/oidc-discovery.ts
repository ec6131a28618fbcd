/**
 * The provider's discovery document (`<issuer>/.well-known/openid-configuration`),
 * read by cnmap before it hands the provider to better-auth: with a deadline
 * (better-auth's first read has none, and a provider that never answers
 * would hold every OIDC request), checked (the issuer it names must be the
 * one configured, as OpenID Connect Discovery requires; PKCE S256 offered),
 * and used to choose how cnmap authenticates at the token endpoint.
 */
import type { Parsed } from "../engines/config";

export interface DiscoveryDocument {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
}

export class OidcUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OidcUnavailableError";
  }
}

const stripSlash = (s: string): string => s.replace(/\/+$/, "");

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

/** Whether a discovery document is usable for `issuer` (as configured, without a trailing slash). Pure. */
export function checkDiscovery(doc: unknown, issuer: string): Parsed<DiscoveryDocument> {
  if (typeof doc !== "object" || doc === null) return { ok: false, error: "the discovery document is not a JSON object" };
  const d = doc as Record<string, unknown>;
  if (typeof d.issuer !== "string" || stripSlash(d.issuer) !== issuer) {
    return { ok: false, error: `the discovery document names the issuer ${JSON.stringify(d.issuer)}, not ${issuer} (CNMAP_OIDC_ISSUER must be the provider's issuer exactly)` };
  }
  for (const key of ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
    if (!isHttpUrl(d[key])) return { ok: false, error: `the discovery document has no usable ${key}` };
  }
  const challenge = stringList(d.code_challenge_methods_supported);
  if (challenge && !challenge.includes("S256")) return { ok: false, error: "the provider does not offer PKCE with S256 (code_challenge_methods_supported)" };
  const userinfo = d.userinfo_endpoint;
  const authMethods = stringList(d.token_endpoint_auth_methods_supported);
  return {
    ok: true,
    value: {
      issuer: d.issuer,
      authorization_endpoint: d.authorization_endpoint as string,
      token_endpoint: d.token_endpoint as string,
      jwks_uri: d.jwks_uri as string,
      ...(isHttpUrl(userinfo) ? { userinfo_endpoint: userinfo } : {}),
      ...(challenge ? { code_challenge_methods_supported: challenge } : {}),
      ...(authMethods ? { token_endpoint_auth_methods_supported: authMethods } : {}),
    },
  };
}

/**
 * How a client with a secret authenticates at the token endpoint: HTTP Basic,
 * the default of OpenID Connect's client registration, unless the provider
 * offers only the form-post method. Pure.
 */
export function secretAuthMethod(doc: DiscoveryDocument): "client_secret_basic" | "client_secret_post" {
  const offered = doc.token_endpoint_auth_methods_supported;
  return !offered || offered.includes("client_secret_basic") || !offered.includes("client_secret_post") ? "client_secret_basic" : "client_secret_post";
}

/** Reads and checks the discovery document; an OidcUnavailableError says why it cannot be used. */
export async function readDiscovery(
  discoveryUrl: string,
  issuer: string,
  { fetchImpl = fetch, timeoutMs = 10_000 }: { fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): Promise<DiscoveryDocument> {
  let body: unknown;
  try {
    const res = await fetchImpl(discoveryUrl, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new OidcUnavailableError(`${discoveryUrl} answered HTTP ${res.status}`);
    body = await res.json();
  } catch (err) {
    if (err instanceof OidcUnavailableError) throw err;
    const reason = err instanceof Error && err.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
    throw new OidcUnavailableError(`could not read ${discoveryUrl}: ${reason}`);
  }
  const checked = checkDiscovery(body, issuer);
  if (!checked.ok) throw new OidcUnavailableError(checked.error);
  return checked.value;
}
