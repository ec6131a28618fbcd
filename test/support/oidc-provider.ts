/**
 * A real OpenID Connect provider for the OIDC tests: panva's oidc-provider
 * (certified, the provider behind many production IdPs), on 127.0.0.1 on a
 * free port, with one client registered for the test server's redirect URI,
 * PKCE required, and a plain login form of its own (oidc-provider's dev form
 * loads a web font from the internet; this one loads nothing). The people it
 * knows sign in with their login and password; their claims carry
 * `preferred_username`, `email` and `groups`.
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Configuration, FindAccount, KoaContextWithOIDC } from "oidc-provider";

export interface TestPerson {
  login: string;
  password: string;
  /** The claims the provider gives for this person (`sub` is the login). */
  claims: { preferred_username?: string; email?: string; name?: string; groups?: string[] };
}

export interface TestProviderOptions {
  /** The redirect URIs registered for the client. */
  redirectUris: string[];
  people: TestPerson[];
  /** A public client (no secret, PKCE only) instead of a confidential one. */
  publicClient?: boolean;
  /** Put the scope claims (groups, preferred_username...) in the ID token too, not only in userinfo. */
  claimsInIdToken?: boolean;
  /**
   * The loopback address to listen on (default 127.0.0.1). Another one than
   * cnmap's (127.0.0.2) makes the provider another site to a browser, so the
   * way back to cnmap is a cross-site navigation, as with a real provider.
   */
  host?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  /** Undefined for a public client. */
  clientSecret: string | undefined;
  /** Authorization requests the provider received, as their query parameters (to check PKCE and state). */
  authorizationRequests: URLSearchParams[];
  stop(): Promise<void>;
}

const CLIENT_ID = "cnmap-test";
const CLIENT_SECRET = "cnmap-test-client-secret-0123456789abcdef";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginForm(uid: string, error: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test provider: sign in</title></head><body>
<h1>Test provider</h1>
${error ? `<p id="provider-error">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Login <input name="login" id="provider-login" autocomplete="off" required></label>
<label>Password <input name="password" id="provider-password" type="password" required></label>
<button type="submit" id="provider-submit">Sign in</button>
</form></body></html>`;
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (text += d));
    req.on("end", () => resolve(new URLSearchParams(text)));
    req.on("error", reject);
  });
}

export async function startTestProvider(opts: TestProviderOptions): Promise<TestProvider> {
  // ESM-only package: imported when used, so the CommonJS test runners load this module too.
  const { default: Provider } = await import("oidc-provider");
  const people = new Map(opts.people.map((p) => [p.login, p]));
  const findAccount: FindAccount = (_ctx, id) => {
    const person = people.get(id);
    if (!person) return undefined;
    return { accountId: id, claims: () => ({ sub: id, email_verified: true, ...person.claims }) };
  };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const config: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        ...(opts.publicClient ? { token_endpoint_auth_method: "none" } : { client_secret: CLIENT_SECRET }),
        redirect_uris: opts.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      profile: ["preferred_username", "name"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    conformIdTokenClaims: !opts.claimsInIdToken,
    findAccount,
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["test-provider-cookie-key"] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
  };

  const server = http.createServer();
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, config);
  const authorizationRequests: URLSearchParams[] = [];
  const callback = provider.callback();

  /** Grants what the client asked for, as a person consenting would. */
  async function consent(accountId: string, scope: string): Promise<string> {
    const grant = new provider.Grant({ accountId, clientId: CLIENT_ID });
    grant.addOIDCScope(scope);
    return grant.save();
  }

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const scope = typeof details.params.scope === "string" ? details.params.scope : "openid";
    if (req.method === "GET" && details.prompt.name === "consent" && details.session) {
      const grantId = await consent(details.session.accountId, scope);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(details.uid, ""));
      return;
    }
    if (req.method === "POST" && path.endsWith("/login")) {
      const form = await readForm(req);
      const person = people.get(form.get("login") ?? "");
      if (!person || person.password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(details.uid, "Wrong login or password."));
        return;
      }
      const grantId = await consent(person.login, scope);
      await provider.interactionFinished(req, res, { login: { accountId: person.login }, consent: { grantId } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(405).end();
  }

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url.pathname).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
      return;
    }
    if (url.pathname === "/auth") authorizationRequests.push(url.searchParams);
    void callback(req, res);
  });

  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: opts.publicClient ? undefined : CLIENT_SECRET,
    authorizationRequests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
