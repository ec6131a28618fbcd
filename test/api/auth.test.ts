/**
 * Sign-in, roles, API tokens and the audit trail (issue 8, part 2), against
 * a server with accounts made by the real CLI. Every route is tried as every
 * kind of caller, and the engine is checked unchanged after every refusal.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody, SessionBody } from "@/lib/auth/types";
import type { EnginesBody } from "@/lib/engines/types";
import { addUser, expireToken, signIn, usersCli } from "../support/accounts";
import { cleanupLabelled, createNetwork, runContainer, uniqueName } from "../support/docker-cli";
import { expectError, expectUnchanged, json, post, send, type RawResponse } from "../support/mutate";
import { freePort, freshDataDir, serverExit, startServer, type RunningServer } from "../support/server";

type Access = "read" | "operate" | "administer";
interface RouteCase {
  method: string;
  path: string;
  body?: unknown;
  access: Access;
  /** Streams when allowed: only refusals are checked. */
  stream?: boolean;
}

describe("accounts, roles, tokens and the audit trail", () => {
  const dataDir = freshDataDir();
  let server: RunningServer;
  const net = uniqueName("au-net");
  const box = uniqueName("au-box");
  const passwords: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const routes = (): RouteCase[] => [
    { method: "GET", path: "/api/topology", access: "read" },
    { method: "GET", path: "/api/events", access: "read", stream: true },
    { method: "GET", path: "/api/drivers", access: "read" },
    { method: "GET", path: "/api/health", access: "read" },
    { method: "GET", path: `/api/networks/${net}`, access: "read" },
    { method: "GET", path: `/api/containers/${box}`, access: "read" },
    { method: "GET", path: `/api/containers/${box}/logs?tail=5`, access: "read" },
    { method: "GET", path: "/api/engines", access: "read" },
    { method: "GET", path: "/api/engines/local/topology", access: "read" },
    { method: "GET", path: "/api/audit", access: "read" },
    { method: "GET", path: "/api/datapath", access: "read" },
    { method: "POST", path: `/api/networks/${net}/connect`, body: { container: box }, access: "operate" },
    { method: "POST", path: `/api/engines/local/networks/${net}/disconnect`, body: { container: box }, access: "operate" },
    { method: "POST", path: "/api/probe", body: { from: box, kind: "ping", target: "127.0.0.1", count: 1 }, access: "operate" },
    { method: "POST", path: "/api/networks", body: { name: "not a valid name!" }, access: "administer" },
    { method: "DELETE", path: `/api/networks/${uniqueName("au-nosuch")}`, access: "administer" },
    { method: "POST", path: "/api/networks/prune", body: { dryRun: true }, access: "administer" },
  ];

  const call = (r: RouteCase, headers: Record<string, string>): Promise<RawResponse> =>
    send(server.url, r.method, r.path, { ...(r.body !== undefined ? { body: r.body } : {}), headers });

  beforeAll(async () => {
    createNetwork(net);
    runContainer(box);
    for (const [name, role] of [["vera", "viewer"], ["otto", "operator"], ["ada", "admin"]] as const) passwords[name] = addUser(dataDir, name, role);
    tokens.viewer = usersCli(dataDir, ["token", "vera", "--name", "v1"]);
    tokens.expired = usersCli(dataDir, ["token", "otto", "--name", "soon-gone", "--expires", "30d"]);
    expireToken(dataDir, "soon-gone");
    tokens.revoked = usersCli(dataDir, ["token", "ada", "--name", "revoked-one"]);
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    for (const name of ["vera", "otto", "ada"]) cookies[name] = await signIn(server.url, name, passwords[name] ?? "");
    const revoke = await send(server.url, "DELETE", "/api/tokens/revoked-one", { headers: { cookie: cookies.ada ?? "" } });
    expect(revoke.status, revoke.text).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  it("without valid credentials every route answers 401 and changes nothing", async () => {
    const callers: [string, Record<string, string>][] = [
      ["nobody", {}],
      ["a bad token", { authorization: "Bearer cnmap_not-a-real-token" }],
      ["a malformed header", { authorization: "Basic dmVyYTp4" }],
      ["an expired token", { authorization: `Bearer ${tokens.expired}` }],
      ["a revoked token", { authorization: `Bearer ${tokens.revoked}` }],
      ["a forged cookie", { cookie: "cnmap.session_token=forged.value" }],
    ];
    for (const [who, headers] of callers) {
      for (const r of routes()) {
        const res = await expectUnchanged([box], () => call(r, headers));
        expect(res.status, `${who}: ${r.method} ${r.path}: ${res.text}`).toBe(401);
        expectError(res, 401, "unauthorized");
      }
    }
    const expired = await send(server.url, "GET", "/api/topology", { headers: { authorization: `Bearer ${tokens.expired}` } });
    expectError(expired, 401, "unauthorized", /expired/);
    const revoked = await send(server.url, "GET", "/api/topology", { headers: { authorization: `Bearer ${tokens.revoked}` } });
    expectError(revoked, 401, "unauthorized", /revoked/);
  });

  it("each role does what it may and is refused the rest, with the engine unchanged after each refusal", async () => {
    const callers: [string, Record<string, string>, Access[]][] = [
      ["viewer", { cookie: cookies.vera ?? "" }, ["read"]],
      ["viewer's token", { authorization: `Bearer ${tokens.viewer}` }, ["read"]],
      ["operator", { cookie: cookies.otto ?? "" }, ["read", "operate"]],
      ["admin", { cookie: cookies.ada ?? "" }, ["read", "operate", "administer"]],
    ];
    for (const [who, headers, allowed] of callers) {
      for (const r of routes()) {
        const label = `${who}: ${r.method} ${r.path}`;
        if (allowed.includes(r.access)) {
          if (r.stream) continue;
          const res = await call(r, headers);
          expect([401, 403], `${label}: ${res.text}`).not.toContain(res.status);
        } else {
          const res = await expectUnchanged([box], () => call(r, headers));
          expectError(res, 403, "forbidden", new RegExp(`needs the ${r.access === "operate" ? "operator" : "admin"} role`));
        }
      }
    }
  });

  it("a viewer reads the data path, and the read is in the audit trail: it runs reads inside the containers", async () => {
    const res = await send(server.url, "GET", "/api/datapath", { headers: { cookie: cookies.vera ?? "" } });
    expect(res.status, res.text).toBe(200);
    expect(json<{ available: boolean }>(res).available).toBe(true);
    const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit?actor=vera&action=datapath&limit=5", { headers: { cookie: cookies.ada ?? "" } })).entries;
    expect(trail[0]).toMatchObject({ actor: "vera", action: "datapath", outcome: "ok", target: "data path" });
    expect(trail[0]?.command).toMatch(/^ip -o link; ip route; cat \/etc\/resolv\.conf .*iptables-save$/);
  });

  it("session cookies are httpOnly and SameSite=Strict; a session reads who it is; signing out ends it on the server", async () => {
    const res = await post(server.url, "/api/session", { username: "ada", password: passwords.ada });
    const cookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((c) => c.startsWith("cnmap.session_token=")) ?? "";
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/; Secure/i);
    const value = cookie.split(";")[0] ?? "";
    const me = json<SessionBody>(await send(server.url, "GET", "/api/session", { headers: { cookie: value } }));
    expect(me).toEqual({ authEnabled: true, actor: { name: "ada", kind: "user", role: "admin" }, managesPeople: true });
    const out = await send(server.url, "DELETE", "/api/session", { headers: { cookie: value } });
    expect(out.status).toBe(204);
    expectError(await send(server.url, "GET", "/api/topology", { headers: { cookie: value } }), 401, "unauthorized");
  });

  it("tokens: made by their owner at most with the owner's role, shown once, listed without the secret, revocable", async () => {
    const tooHigh = await post(server.url, "/api/tokens", { name: "grab", role: "admin" }, { cookie: cookies.otto ?? "" });
    expectError(tooHigh, 400, "invalid_input", /cannot have more than its owner's role \(operator\)/);
    const made = await post(server.url, "/api/tokens", { name: "deploy", role: "viewer", expires: "30d" }, { cookie: cookies.otto ?? "" });
    expect(made.status, made.text).toBe(201);
    const { token } = json<{ token: string }>(made);
    expect(token).toMatch(/^cnmap_[A-Za-z0-9_-]{43}$/);
    const listed = await send(server.url, "GET", "/api/tokens", { headers: { cookie: cookies.otto ?? "" } });
    expect(listed.text).not.toContain(token);
    expect(json<{ tokens: { name: string; role: string }[] }>(listed).tokens.map((t) => [t.name, t.role])).toContainEqual(["deploy", "viewer"]);
    // A viewer token of an operator can read but not connect.
    expect((await send(server.url, "GET", "/api/topology", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const refused = await expectUnchanged([box], () => post(server.url, `/api/networks/${net}/connect`, { container: box }, { authorization: `Bearer ${token}` }));
    expectError(refused, 403, "forbidden");
    expect((await send(server.url, "DELETE", "/api/tokens/deploy", { headers: { cookie: cookies.otto ?? "" } })).status).toBe(204);
    expectError(await send(server.url, "GET", "/api/topology", { headers: { authorization: `Bearer ${token}` } }), 401, "unauthorized", /revoked/);
  });

  it("global admins manage people through the API: add, change a role, remove; nobody else may", async () => {
    const asAda = { cookie: cookies.ada ?? "" };
    const eve = addUser(dataDir, "eve", "admin", "local");
    const eveCookie = await signIn(server.url, "eve", eve);
    // An admin of one engine manages that engine, not people; an operator neither.
    for (const headers of [{ cookie: eveCookie }, { cookie: cookies.otto ?? "" }]) {
      expect((await send(server.url, "GET", "/api/users", { headers })).status).toBe(403);
      expect((await post(server.url, "/api/users", { username: "sneaky", password: "sneaky-password-1", role: "admin" }, headers)).status).toBe(403);
    }
    const list = json<{ users: { username: string }[] }>(await send(server.url, "GET", "/api/users", { headers: asAda }));
    expect(list.users.map((u) => u.username)).toEqual(expect.arrayContaining(["ada", "otto", "vera", "eve"]));
    expect(list.users.some((u) => u.username === "sneaky")).toBe(false);

    const made = await post(server.url, "/api/users", { username: "newbie", password: "newbie-password-1", role: "viewer" }, asAda);
    expect(made.status, made.text).toBe(201);
    expectError(await post(server.url, "/api/users", { username: "newbie", password: "another-password-1", role: "viewer" }, asAda), 409, "conflict", /exists already/);
    const newbie = await signIn(server.url, "newbie", "newbie-password-1");
    expectError(await post(server.url, `/api/networks/${net}/connect`, { container: box }, { cookie: newbie }), 403, "forbidden");
    const raised = await send(server.url, "PATCH", "/api/users/newbie", { body: { role: "operator" }, headers: asAda });
    expect(raised.status, raised.text).toBe(200);
    expect(json<{ user: { role: string } }>(raised).user.role).toBe("operator");
    expect(json<SessionBody>(await send(server.url, "GET", "/api/session", { headers: { cookie: newbie } })).actor?.role).toBe("operator");
    expectError(await send(server.url, "DELETE", "/api/users/ada", { headers: asAda }), 409, "conflict", /your own account/);
    expect((await send(server.url, "DELETE", "/api/users/newbie", { headers: asAda })).status).toBe(204);
    expectError(await send(server.url, "GET", "/api/topology", { headers: { cookie: newbie } }), 401, "unauthorized");
    const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit?actor=ada&limit=50", { headers: asAda })).entries.map((e) => [e.action, e.outcome]);
    expect(trail).toEqual(expect.arrayContaining([["user.add", "ok"], ["user.role", "ok"], ["user.remove", "ok"], ["user.remove", "refused"]]));
  });

  it("a role on one engine wins over the global one, and can be given and taken away through the API", async () => {
    const asAda = { cookie: cookies.ada ?? "" };
    const made = await post(server.url, "/api/users", { username: "ines", password: "ines-password-12", role: "viewer" }, asAda);
    expect(made.status, made.text).toBe(201);
    const ines = { cookie: await signIn(server.url, "ines", "ines-password-12") };
    const connect = (): Promise<RawResponse> => post(server.url, `/api/networks/${net}/connect`, { container: box }, ines);
    const disconnect = (): Promise<RawResponse> => post(server.url, `/api/networks/${net}/disconnect`, { container: box }, ines);
    expectError(await expectUnchanged([box], connect), 403, "forbidden");

    // A typo in the engine would grant nothing: refused, and nothing is stored.
    const typo = await send(server.url, "PATCH", "/api/users/ines", { body: { role: "operator", engine: "lcoal" }, headers: asAda });
    expectError(typo, 400, "invalid_input", /No such engine: lcoal/);
    expectError(await post(server.url, "/api/users", { username: "ghost", password: "ghost-password-1", role: "viewer", engine: "lcoal" }, asAda), 400, "invalid_input", /No such engine/);

    const raised = await send(server.url, "PATCH", "/api/users/ines", { body: { role: "operator", engine: "local" }, headers: asAda });
    expect(raised.status, raised.text).toBe(200);
    expect(json<{ user: { role: string; engineRoles: Record<string, string> } }>(raised).user).toMatchObject({ role: "viewer", engineRoles: { local: "operator" } });
    const connected = await connect();
    expect(connected.status, connected.text).toBe(204);
    const disconnected = await disconnect();
    expect(disconnected.status, disconnected.text).toBe(204);

    // Taken away on the engine: the global viewer role applies again.
    const lowered = await send(server.url, "PATCH", "/api/users/ines", { body: { role: null, engine: "local" }, headers: asAda });
    expect(json<{ user: { engineRoles: Record<string, string> } }>(lowered).user.engineRoles).toEqual({});
    expectError(await expectUnchanged([box], connect), 403, "forbidden");
    // No role at all: the engine is not shown to her.
    expect((await send(server.url, "PATCH", "/api/users/ines", { body: { role: null }, headers: asAda })).status).toBe(200);
    expectError(await send(server.url, "GET", "/api/engines/local/topology", { headers: ines }), 404, "not_found");
    expectError(await send(server.url, "GET", "/api/engines", { headers: ines }), 403, "forbidden", /ines has no role on any engine/);
    // An admin cannot take their own global role away either.
    expectError(await send(server.url, "PATCH", "/api/users/ada", { body: { role: null }, headers: asAda }), 409, "conflict", /your own global role/);

    const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit?actor=ada&action=user.role&limit=10", { headers: asAda })).entries;
    expect(trail.map((e) => [e.target, e.outcome])).toEqual(
      expect.arrayContaining([
        ["ines (operator on local)", "ok"],
        ["ines (no role on local)", "ok"],
        ["ines (no role everywhere)", "ok"],
        ["ines (operator on lcoal)", "refused"],
      ]),
    );
    expect((await send(server.url, "DELETE", "/api/users/ines", { headers: asAda })).status).toBe(204);
  });

  it("the audit trail names who did what, allowed or refused; admins see all of it, others their own", async () => {
    expectError(await post(server.url, "/api/session", { username: "mallory", password: "a guess at it" }), 401, "unauthorized");
    // Refused before anyone is known (another origin): recorded all the same.
    const crossSite = await expectUnchanged([box], () => post(server.url, `/api/networks/${net}/connect`, { container: box }, { origin: "http://evil.example", cookie: cookies.otto ?? "" }));
    expectError(crossSite, 403, "forbidden", /another origin/);
    const ok = await post(server.url, `/api/networks/${net}/connect`, { container: box }, { cookie: cookies.otto ?? "" });
    expect(ok.status, ok.text).toBe(204);
    const all = json<AuditBody>(await send(server.url, "GET", `/api/audit?action=network.connect&limit=100`, { headers: { cookie: cookies.ada ?? "" } })).entries;
    const mine = all.find((e) => e.actor === "otto" && e.outcome === "ok");
    expect(mine).toMatchObject({ engine: "local", action: "network.connect", target: `${box} → ${net}`, command: `docker network connect ${net} ${box}`, client: "127.0.0.1" });
    expect(all.some((e) => e.actor === "vera" && e.outcome === "refused" && /operator role/.test(e.message ?? ""))).toBe(true);
    expect(all.some((e) => e.outcome === "refused" && /another origin refused \(Origin: http:\/\/evil\.example\)/.test(e.message ?? ""))).toBe(true);
    // Newest first.
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    // Sign-ins, failed ones too, and token changes are there; no password or token is.
    const every = await send(server.url, "GET", "/api/audit?limit=5000&format=jsonl", { headers: { cookie: cookies.ada ?? "" } });
    expect(every.headers["content-type"]).toMatch(/application\/x-ndjson/);
    const lines = every.text.trim().split("\n").map((l) => JSON.parse(l) as { action: string; outcome: string });
    expect(lines.some((e) => e.action === "sign-in" && e.outcome === "refused")).toBe(true);
    expect(lines.some((e) => e.action === "token.revoke")).toBe(true);
    for (const secret of [...Object.values(passwords), ...Object.values(tokens)]) expect(every.text).not.toContain(secret);
    const csv = await send(server.url, "GET", "/api/audit?format=csv&actor=otto", { headers: { cookie: cookies.ada ?? "" } });
    expect(csv.text.split("\r\n")[0]).toBe("id,at,actor,engine,action,target,command,outcome,message,client");
    // The operator sees only their own entries, whatever they ask for.
    const own = json<AuditBody>(await send(server.url, "GET", "/api/audit?actor=vera", { headers: { cookie: cookies.otto ?? "" } })).entries;
    expect(own).toEqual([]);
    const otto = json<AuditBody>(await send(server.url, "GET", "/api/audit?limit=500", { headers: { cookie: cookies.otto ?? "" } })).entries;
    expect(otto.length).toBeGreaterThan(0);
    expect(otto.every((e) => e.actor === "otto" || e.actor.startsWith("otto/"))).toBe(true);
    expectError(await send(server.url, "GET", "/api/audit?since=yesterday", { headers: { cookie: cookies.ada ?? "" } }), 400, "invalid_input");
  });

  it("a restart keeps sessions, tokens and the audit trail", async () => {
    const before = json<AuditBody>(await send(server.url, "GET", "/api/audit?limit=5000", { headers: { cookie: cookies.ada ?? "" } })).entries;
    await server.stop();
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    expect((await send(server.url, "GET", "/api/topology", { headers: { cookie: cookies.vera ?? "" } })).status).toBe(200);
    expect((await send(server.url, "GET", "/api/topology", { headers: { authorization: `Bearer ${tokens.viewer}` } })).status).toBe(200);
    const after = json<AuditBody>(await send(server.url, "GET", "/api/audit?limit=5000", { headers: { cookie: cookies.ada ?? "" } })).entries;
    expect(after.slice(-before.length)).toEqual(before);
  });

  it("pages send a person without a session to the sign-in page, and back", async () => {
    const page = await send(server.url, "GET", "/?engine=local&select=net:abc");
    expect(page.status).toBe(307);
    const location = new URL(page.headers.location ?? "", server.url);
    expect(location.pathname).toBe("/login");
    const next = new URL(location.searchParams.get("next") ?? "", server.url);
    expect([next.pathname, Object.fromEntries(next.searchParams)]).toEqual(["/", { engine: "local", select: "net:abc" }]);
    const login = await send(server.url, "GET", "/login");
    expect(login.status).toBe(200);
    expect(login.text).toContain("<title>Sign in: cnmap</title>");
    expect((await send(server.url, "GET", "/", { headers: { cookie: cookies.vera ?? "" } })).status).toBe(200);
  });

  // Last: the limit counts failures per client address too, and every test here comes from 127.0.0.1.
  it("one answer for a wrong password and an unknown user, and a limit on attempts", async () => {
    const wrong = await post(server.url, "/api/session", { username: "vera", password: "not her password" });
    const unknown = await post(server.url, "/api/session", { username: "nobody-at-all", password: "whatever it is" });
    expect(json(wrong)).toEqual(json(unknown));
    expectError(wrong, 401, "unauthorized", /^Wrong user name or password\.$/);
    // Five failures for one name, then even the right password waits.
    for (let i = 0; i < 4; i++) await post(server.url, "/api/session", { username: "vera", password: `guess ${i}` });
    const locked = await post(server.url, "/api/session", { username: "vera", password: passwords.vera });
    expectError(locked, 429, "busy", /Too many sign-in attempts/);
  });
});

describe("where accounts are needed", () => {
  it("a server on an address other than loopback with no account refuses to start, and says how to make the first admin", async () => {
    const { code, log } = await serverExit(await freePort(), { HOST: "0.0.0.0" });
    expect(code, log).toBe(2);
    expect(log).toMatch(/refusing to listen on 0\.0\.0\.0 with no accounts.*npm run users -- add NAME --role admin --password-stdin/);
  });

  it("with an account it starts, and cookies are Secure behind HTTPS", async () => {
    const dataDir = freshDataDir();
    const password = addUser(dataDir, "root-admin", "admin");
    const server = await startServer(await freePort(), { HOST: "0.0.0.0", CNMAP_DATA_DIR: dataDir, CNMAP_PUBLIC_URL: "https://cnmap.example.org" });
    try {
      const res = await post(server.url, "/api/session", { username: "root-admin", password });
      expect(([] as string[]).concat(res.headers["set-cookie"] ?? []).find((c) => c.startsWith("__Secure-cnmap.session_token="))).toMatch(/; Secure/i);
    } finally {
      await server.stop();
    }
  });

  it("on loopback with no account it runs as today, as 'local'", async () => {
    const api = inject("apiUrl");
    const me = json<SessionBody>(await send(api, "GET", "/api/session"));
    expect(me).toEqual({ authEnabled: false, actor: { name: "local", kind: "local", role: "admin" }, managesPeople: true });
  });
});

describe("roles per engine", () => {
  const engine2 = inject("engine2Host");
  const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
  let server: RunningServer;
  const dataDir = freshDataDir();
  let cookie = "";

  beforeAll(async () => {
    const password = addUser(dataDir, "carol", "operator", "second");
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir, CNMAP_ENGINES: `main=${local};second=${engine2}` });
    cookie = await signIn(server.url, "carol", password);
  });
  afterAll(async () => server?.stop());

  it("an engine where a user has no role is not shown to them, and its routes do not exist for them", async () => {
    const { engines } = json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: { cookie } }));
    expect(engines.map((e) => e.id)).toEqual(["second"]);
    expect((await send(server.url, "GET", "/api/engines/second/topology", { headers: { cookie } })).status).toBe(200);
    expectError(await send(server.url, "GET", "/api/engines/main/topology", { headers: { cookie } }), 404, "not_found", /No such engine: main/);
    expectError(await send(server.url, "GET", "/api/topology", { headers: { cookie } }), 404, "not_found");
  });
});
