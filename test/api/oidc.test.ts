/**
 * OIDC sign-in against a real provider (panva's oidc-provider, on a free
 * loopback port), over HTTP the way a browser does it: discovery, the
 * authorization request with PKCE S256, the provider's login form, cnmap's
 * callback; the session then works on the API with the role the groups map
 * to. Refusals (groups with no role, a name a local account has, a bad,
 * foreign or replayed state) are checked on the answer, on the accounts and
 * in the audit trail.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody, SessionBody } from "@/lib/auth/types";
import type { UserRecord } from "@/lib/auth/accounts";
import { addUser, signIn } from "../support/accounts";
import { finishAt, oidcSignIn } from "../support/oidc-browser";
import { startTestProvider, type TestPerson, type TestProvider } from "../support/oidc-provider";
import { json, send } from "../support/mutate";
import { freePort, freshDataDir, serverExit, startServer, type RunningServer } from "../support/server";

const ROLES = "cnmap-admins=admin;lab-ops=operator@local;readers=viewer";

function person(login: string, preferred: string, groups: string[]): TestPerson {
  return { login, password: `${login}-at-the-provider`, claims: { preferred_username: preferred, email: `${login}@example.org`, groups } };
}

async function oidcServer(provider: (redirectUri: string) => Promise<TestProvider>, extra: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await provider(`${base}/api/session/oidc/callback`);
  const dataDir = freshDataDir();
  return { idp, dataDir, port, base, env: { CNMAP_DATA_DIR: dataDir, CNMAP_PUBLIC_URL: base, CNMAP_OIDC_ISSUER: idp.issuer, CNMAP_OIDC_CLIENT_ID: idp.clientId, CNMAP_OIDC_ROLES: ROLES, CNMAP_OIDC_NAME: "Test IdP", ...(idp.clientSecret ? { CNMAP_OIDC_CLIENT_SECRET: idp.clientSecret } : {}), ...extra } };
}

describe("OIDC sign-in with a confidential client", () => {
  const people = new Map<string, TestPerson>();
  const ada = person("ada", "Ada", ["cnmap-admins"]);
  const vic = person("vic", "Vic.Torres", ["readers", "lab-ops"]);
  const nora = person("nora", "nora", ["staff"]);
  // Someone at the provider whose chosen name is that of cnmap's local admin.
  const mallory = person("mallory", "Alice", ["cnmap-admins"]);
  let idp: TestProvider;
  let server: RunningServer;
  let dataDir = "";
  let alicePassword = "";
  let adaCookie = "";

  const audit = async (cookie: string): Promise<AuditBody["entries"]> => {
    const res = await send(server.url, "GET", "/api/audit?action=sign-in&limit=100", { headers: { cookie } });
    expect(res.status, res.text).toBe(200);
    return json<AuditBody>(res).entries;
  };
  const users = async (): Promise<UserRecord[]> => {
    const res = await send(server.url, "GET", "/api/users", { headers: { cookie: adaCookie } });
    expect(res.status, res.text).toBe(200);
    return json<{ users: UserRecord[] }>(res).users;
  };
  const session = async (cookie: string): Promise<SessionBody> => json<SessionBody>(await send(server.url, "GET", "/api/session", { headers: { cookie } }));

  beforeAll(async () => {
    for (const p of [ada, vic, nora, mallory]) people.set(p.login, p);
    const setup = await oidcServer((redirectUri) => startTestProvider({ redirectUris: [redirectUri], people: [...people.values()] }));
    idp = setup.idp;
    dataDir = setup.dataDir;
    alicePassword = addUser(dataDir, "alice", "admin");
    server = await startServer(setup.port, setup.env);
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
  });

  it("sends the browser to the discovered authorization endpoint with PKCE S256, state and nonce", async () => {
    const start = await send(server.url, "GET", "/api/session/oidc?next=%2Faudit", { headers: { accept: "text/html" } });
    expect(start.status).toBe(302);
    expect(start.headers["cache-control"]).toBe("no-store");
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
    const auth = new URL(String(start.headers.location));
    expect(`${auth.origin}${auth.pathname}`).toBe(discovery.authorization_endpoint);
    const q = auth.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(idp.clientId);
    expect(q.get("redirect_uri")).toBe(`${server.url}/api/session/oidc/callback`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("state")).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(q.get("nonce")).toMatch(/.{16,}/);
    expect(q.get("scope")?.split(" ")).toEqual(["openid", "profile", "email", "groups"]);
    // The state cookie must come back on the provider's cross-site return: Lax, not Strict; httpOnly; short-lived.
    const state = ([] as string[]).concat(start.headers["set-cookie"] ?? []).find((c) => c.startsWith("cnmap.state="));
    expect(state).toMatch(/; SameSite=Lax/i);
    expect(state).toMatch(/; HttpOnly/i);
    expect(state).toMatch(/Max-Age=300/);
  });

  it("signs in a person whose group maps to admin: a session on the API, the way on to where they came from", async () => {
    const run = await oidcSignIn(server.url, "ada", ada.password, "/audit?actor=ada");
    expect(run.callback.status, run.callback.text).toBe(200);
    expect(run.callback.headers["content-type"]).toMatch(/^text\/html/);
    expect(run.callback.text).toContain('<meta http-equiv="refresh" content="0;url=/audit?actor=ada">');
    const cookies = ([] as string[]).concat(run.callback.headers["set-cookie"] ?? []);
    expect(cookies.find((c) => c.startsWith("cnmap.session_token="))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i);
    expect(run.sessionCookie).not.toBeNull();
    adaCookie = run.sessionCookie ?? "";
    const health = await send(server.url, "GET", "/api/health", { headers: { cookie: adaCookie } });
    expect(health.status, health.text).toBe(200);
    expect((await session(adaCookie)).actor).toEqual({ name: "ada", kind: "user", role: "admin" });
    // The provider must have seen PKCE: it requires it, and cnmap's request carried S256.
    expect(idp.authorizationRequests.at(-1)?.get("code_challenge_method")).toBe("S256");
    const entry = (await audit(adaCookie))[0];
    expect(entry).toMatchObject({ actor: "ada", target: "ada", action: "sign-in", outcome: "ok", message: "OIDC (Test IdP) as admin" });
  });

  it("gives per-engine roles from groups, and a user name made from preferred_username", async () => {
    const run = await oidcSignIn(server.url, "vic", vic.password);
    expect(run.callback.status, run.callback.text).toBe(200);
    expect(run.callback.text).toContain('content="0;url=/"');
    const vicCookie = run.sessionCookie ?? "";
    expect((await session(vicCookie)).actor).toEqual({ name: "vic.torres", kind: "user", role: "operator" });
    expect((await users()).find((u) => u.username === "vic.torres")).toMatchObject({ role: "viewer", engineRoles: { local: "operator" } });
    // An operator on the default engine, not an admin.
    const create = await send(server.url, "POST", "/api/networks", { body: { name: "x" }, headers: { cookie: vicCookie } });
    expect(create.status).toBe(403);
  });

  it("refuses groups that map to no role: no account, the reason on the sign-in page and in the audit trail", async () => {
    const run = await oidcSignIn(server.url, "nora", nora.password, "/audit");
    expect(run.callback.status).toBe(302);
    expect(run.callback.headers.location).toBe("/login?error=oidc_no_role");
    expect(run.sessionCookie).toBeNull();
    expect((await users()).map((u) => u.username)).not.toContain("nora");
    const entry = (await audit(adaCookie))[0];
    expect(entry).toMatchObject({ actor: "nora", action: "sign-in", outcome: "refused", message: "OIDC (Test IdP): groups staff: no role in CNMAP_OIDC_ROLES" });
    const page = await send(server.url, "GET", "/login?error=oidc_no_role");
    expect(page.text).toContain("Your account at Test IdP is in no group that has a role in cnmap");
  });

  it("never hands a local password account to an OIDC identity that claims its name", async () => {
    const before = (await users()).find((u) => u.username === "alice");
    const run = await oidcSignIn(server.url, "mallory", mallory.password);
    expect(run.callback.status).toBe(302);
    expect(run.callback.headers.location).toBe("/login?error=oidc_name_taken");
    expect(run.sessionCookie).toBeNull();
    expect((await users()).find((u) => u.username === "alice")).toEqual(before);
    const db = new Database(path.join(dataDir, "cnmap.db"), { readonly: true });
    try {
      const providers = db.prepare(`SELECT a."providerId" AS p FROM "account" a JOIN "user" u ON u.id = a."userId" WHERE u.username = 'alice'`).all() as { p: string }[];
      expect(providers.map((r) => r.p)).toEqual(["credential"]);
      // OIDC accounts are keyed by issuer and subject, and keep none of the provider's tokens.
      const oidc = db.prepare(`SELECT "accountId" AS id, "accessToken" AS a, "refreshToken" AS r, "idToken" AS i FROM "account" WHERE "providerId" = 'oidc' ORDER BY "accountId"`).all();
      expect(oidc).toEqual([
        { id: `${idp.issuer}#ada`, a: null, r: null, i: null },
        { id: `${idp.issuer}#vic`, a: null, r: null, i: null },
      ]);
    } finally {
      db.close();
    }
    // Alice still signs in with her password, as the admin she was.
    const aliceCookie = await signIn(server.url, "alice", alicePassword);
    expect((await session(aliceCookie)).actor).toEqual({ name: "alice", kind: "user", role: "admin" });
    expect((await audit(adaCookie))[1]).toMatchObject({ actor: "alice", outcome: "refused", message: expect.stringMatching(/an account named alice exists already and is not this identity's; not joined/) });
  });

  it("refuses a replayed callback, an unknown state, and a state from another browser, and audits each", async () => {
    const run = await oidcSignIn(server.url, "ada", ada.password);
    expect(run.callback.status).toBe(200);
    const replay = await finishAt(server.url, run.callbackUrl, run.stateCookie);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toBe("/login?error=oidc_state");
    expect(replay.headers["set-cookie"] ?? []).not.toContainEqual(expect.stringMatching(/^cnmap\.session_token=[^;]/));

    const forged = new URL(run.callbackUrl);
    forged.searchParams.set("state", "not-a-state-cnmap-made-0123456789");
    expect((await finishAt(server.url, forged, run.stateCookie)).headers.location).toBe("/login?error=oidc_state");

    // A sign-in started in one browser and finished in another (login CSRF): the state exists, but its cookie is not there.
    const started = await send(server.url, "GET", "/api/session/oidc");
    const { providerLogin } = await import("../support/oidc-browser");
    const back = await providerLogin(new URL(String(started.headers.location)), "ada", ada.password);
    const elsewhere = await finishAt(server.url, back, null);
    expect(elsewhere.status).toBe(302);
    expect(elsewhere.headers.location).toBe("/login?error=oidc_state");
    expect((await audit(adaCookie)).slice(0, 3).map((e) => [e.outcome, e.message])).toEqual([
      ["refused", "OIDC (Test IdP): state_mismatch"],
      ["refused", "OIDC (Test IdP): state_mismatch"],
      ["refused", "OIDC (Test IdP): state_mismatch"],
    ]);
    // It was the missing cookie: the browser that started it still finishes it.
    const ownCookie = ([] as string[]).concat(started.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("cnmap.state="));
    expect((await finishAt(server.url, back, ownCookie ?? null)).status).toBe(200);

    const entries = await audit(adaCookie);
    // No secret in the trail: not the client secret, nor a code, nor a token.
    const trail = JSON.stringify(entries);
    expect(trail).not.toContain(idp.clientSecret ?? "never");
    expect(trail).not.toContain(run.callbackUrl.searchParams.get("code") ?? "never");
    expect(trail).not.toMatch(/eyJ[\w-]+\./);
  });

  it("applies the groups again at every sign-in: roles follow them, and a person who lost them loses access", async () => {
    ada.claims.groups = ["readers"];
    const demoted = await oidcSignIn(server.url, "ada", ada.password);
    expect((await session(demoted.sessionCookie ?? "")).actor?.role).toBe("viewer");
    ada.claims.groups = ["staff"];
    const refused = await oidcSignIn(server.url, "ada", ada.password);
    expect(refused.callback.headers.location).toBe("/login?error=oidc_no_role");
    // Her sessions are over, the earlier ones too.
    for (const cookie of [adaCookie, demoted.sessionCookie ?? ""]) {
      expect((await send(server.url, "GET", "/api/health", { headers: { cookie } })).status).toBe(401);
    }
    ada.claims.groups = ["cnmap-admins"];
    adaCookie = (await oidcSignIn(server.url, "ada", ada.password)).sessionCookie ?? "";
    expect((await session(adaCookie)).actor?.role).toBe("admin");
    expect((await users()).filter((u) => u.username === "ada")).toHaveLength(1);
  });
});

describe("OIDC sign-in with a public client, before any account exists", () => {
  let idp: TestProvider;
  let server: RunningServer;

  beforeAll(async () => {
    const setup = await oidcServer((redirectUri) =>
      startTestProvider({ redirectUris: [redirectUri], people: [person("pia", "pia", ["cnmap-admins"])], publicClient: true, claimsInIdToken: true }),
    );
    idp = setup.idp;
    server = await startServer(setup.port, setup.env);
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
  });

  it("asks for sign-in even with no account (OIDC configured is sign-in on), and the login page offers the provider", async () => {
    expect((await send(server.url, "GET", "/api/health")).status).toBe(401);
    expect(json<SessionBody>(await send(server.url, "GET", "/api/session")).authEnabled).toBe(true);
    const login = await send(server.url, "GET", "/login");
    expect(login.text).toContain('data-testid="login-oidc"');
    expect(login.text).toContain("Sign in with Test IdP");
  });

  it("signs in with PKCE alone, the claims read from the ID token", async () => {
    expect(idp.clientSecret).toBeUndefined();
    const run = await oidcSignIn(server.url, "pia", "pia-at-the-provider");
    expect(run.callback.status, run.callback.text).toBe(200);
    const res = await send(server.url, "GET", "/api/session", { headers: { cookie: run.sessionCookie ?? "" } });
    expect(json<SessionBody>(res).actor).toEqual({ name: "pia", kind: "user", role: "admin" });
  });
});

describe("without OIDC configured", () => {
  it("has no OIDC routes to speak of and no button", async () => {
    const base = inject("apiUrl");
    for (const p of ["/api/session/oidc", "/api/session/oidc/callback?code=x&state=y"]) {
      const res = await send(base, "GET", p);
      expect(res.status, p).toBe(404);
      expect(res.text).toMatch(/OIDC sign-in is not configured/);
    }
    const login = await send(base, "GET", "/login");
    expect(login.status).toBe(200);
    expect(login.text).toContain('data-testid="login-submit"');
    expect(login.text).not.toContain("login-oidc");
  });
});

describe("an OIDC setting checked at start", () => {
  it("refuses to start on a partial setting, naming what is missing", async () => {
    const partial = await serverExit(await freePort(), { CNMAP_OIDC_CLIENT_ID: "cnmap" });
    expect(partial.code, partial.log).toBe(2);
    expect(partial.log).toMatch(/configuration error: CNMAP_OIDC_CLIENT_ID is set but CNMAP_OIDC_ISSUER is not/);
    const noUrl = await serverExit(await freePort(), { CNMAP_OIDC_ISSUER: "https://id.example.org", CNMAP_OIDC_CLIENT_ID: "cnmap", CNMAP_OIDC_ROLES: "a=admin" });
    expect(noUrl.code, noUrl.log).toBe(2);
    expect(noUrl.log).toMatch(/CNMAP_OIDC_ISSUER needs CNMAP_PUBLIC_URL/);
  });

  it("with OIDC configured, starts on a non-loopback HOST before any account exists (sign-in is on)", async () => {
    const port = await freePort();
    const server = await startServer(port, {
      HOST: "0.0.0.0",
      CNMAP_PUBLIC_URL: `http://127.0.0.1:${port}`,
      CNMAP_OIDC_ISSUER: "http://127.0.0.1:9",
      CNMAP_OIDC_CLIENT_ID: "cnmap",
      CNMAP_OIDC_ROLES: "admins=admin",
    });
    try {
      expect((await send(server.url, "GET", "/api/health")).status).toBe(401);
      // The provider is not there: the sign-in page says so, rather than the browser failing on the way.
      const start = await send(server.url, "GET", "/api/session/oidc?next=%2Faudit");
      expect(start.status).toBe(302);
      expect(start.headers.location).toBe("/login?error=oidc_unavailable&next=%2Faudit");
      expect(server.log()).toMatch(/OIDC sign-in could not start: could not read http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/);
    } finally {
      await server.stop();
    }
  });
});
