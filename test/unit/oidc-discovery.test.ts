/** The provider's discovery document, read with a deadline and checked (lib/auth/oidc-discovery.ts). */
import { describe, expect, it } from "vitest";
import { checkDiscovery, OidcUnavailableError, readDiscovery, secretAuthMethod, type DiscoveryDocument } from "@/lib/auth/oidc-discovery";

const ISSUER = "https://id.example.org/realms/main";
const DOC = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/certs`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  code_challenge_methods_supported: ["plain", "S256"],
  token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
};

describe("checkDiscovery", () => {
  it("takes a usable document, the issuer with or without its trailing slash", () => {
    expect(checkDiscovery(DOC, ISSUER)).toEqual({ ok: true, value: DOC });
    expect(checkDiscovery({ ...DOC, issuer: `${ISSUER}/` }, ISSUER).ok).toBe(true);
    const { userinfo_endpoint: _u, code_challenge_methods_supported: _c, token_endpoint_auth_methods_supported: _t, ...bare } = DOC;
    expect(checkDiscovery(bare, ISSUER)).toEqual({ ok: true, value: bare });
  });

  it("refuses another issuer, missing endpoints, and a provider without PKCE S256", () => {
    const bad: [unknown, RegExp][] = [
      [null, /not a JSON object/],
      [{ ...DOC, issuer: "https://evil.example" }, /names the issuer "https:\/\/evil.example", not https:\/\/id.example.org\/realms\/main/],
      [{ ...DOC, token_endpoint: undefined }, /no usable token_endpoint/],
      [{ ...DOC, jwks_uri: "ftp://x" }, /no usable jwks_uri/],
      [{ ...DOC, code_challenge_methods_supported: ["plain"] }, /does not offer PKCE with S256/],
    ];
    for (const [doc, message] of bad) {
      const r = checkDiscovery(doc, ISSUER);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it("authenticates with HTTP Basic unless the provider offers only the form post", () => {
    const base = DOC as DiscoveryDocument;
    expect(secretAuthMethod(base)).toBe("client_secret_basic");
    expect(secretAuthMethod({ ...base, token_endpoint_auth_methods_supported: undefined })).toBe("client_secret_basic");
    expect(secretAuthMethod({ ...base, token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"] })).toBe("client_secret_post");
  });
});

describe("readDiscovery", () => {
  const url = `${ISSUER}/.well-known/openid-configuration`;

  it("reads and checks the document", async () => {
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json(DOC);
    };
    await expect(readDiscovery(url, ISSUER, { fetchImpl })).resolves.toEqual(DOC);
    expect(seen).toEqual([url]);
  });

  it("gives up at its deadline, on an HTTP error and on a bad document, saying why", async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason as Error)));
    await expect(readDiscovery(url, ISSUER, { fetchImpl: never, timeoutMs: 50 })).rejects.toThrow(/no answer within 50 ms/);
    await expect(readDiscovery(url, ISSUER, { fetchImpl: async () => new Response("no", { status: 404 }) })).rejects.toThrow(/answered HTTP 404/);
    await expect(readDiscovery(url, ISSUER, { fetchImpl: async () => Response.json({ ...DOC, issuer: "https://x.example" }) })).rejects.toThrow(OidcUnavailableError);
    await expect(readDiscovery(url, ISSUER, { fetchImpl: async () => new Response("<html>") })).rejects.toThrow(/could not read/);
  });
});
