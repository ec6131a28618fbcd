/** Accounts, tokens, roles, the sign-in limiter and the audit trail, on a real SQLite file. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditCsv, auditJsonLines } from "@/lib/auth/audit";
import { openAuthContext, type AuthContext } from "@/lib/auth/context-open";
import { lesserRole, parseDuration, roleAllows } from "@/lib/auth/roles";
import { MAX_FAILURES, SignInLimiter, WINDOW_MS } from "@/lib/auth/sign-in-limit";

let ctx: AuthContext;
beforeAll(async () => {
  ctx = await openAuthContext(mkdtempSync(path.join(os.tmpdir(), "cnmap-acc-")), "http://127.0.0.1:3000", {});
});

describe("accounts", () => {
  it("adds users with a global or per-engine role; the engine's own role wins", async () => {
    expect(ctx.accounts.count()).toBe(0);
    const ann = await ctx.accounts.add("Ann", "ann-password-1", "operator");
    expect(ann).toMatchObject({ username: "ann", role: "operator", engineRoles: {} });
    ctx.accounts.setRole(ann.id, "admin", "lab");
    const again = ctx.accounts.byName("ann");
    expect(again && ctx.accounts.roleOn(again, "lab")).toBe("admin");
    expect(again && ctx.accounts.roleOn(again, "local")).toBe("operator");
    const lab = await ctx.accounts.add("labby", "labby-password-1", "viewer", "lab");
    expect(ctx.accounts.roleOn(lab, "local")).toBeNull();
    expect(ctx.accounts.bestRole(lab)).toBe("viewer");
    expect(ctx.accounts.count()).toBe(2);
  });

  it("takes one role away and leaves the others", () => {
    const ann = ctx.accounts.byName("ann");
    if (!ann) throw new Error("ann is missing");
    ctx.accounts.setRole(ann.id, "viewer", "edge");
    ctx.accounts.clearRole(ann.id, "lab");
    expect(ctx.accounts.byId(ann.id)).toMatchObject({ role: "operator", engineRoles: { edge: "viewer" } });
    ctx.accounts.clearRole(ann.id);
    const left = ctx.accounts.byId(ann.id);
    expect(left).toMatchObject({ role: null, engineRoles: { edge: "viewer" } });
    expect(left && ctx.accounts.roleOn(left, "local")).toBeNull();
    ctx.accounts.setRole(ann.id, "operator");
    ctx.accounts.clearRole(ann.id, "edge");
    ctx.accounts.setRole(ann.id, "admin", "lab");
  });

  it("refuses bad names, short passwords and a taken name", async () => {
    await expect(ctx.accounts.add("a b", "long-enough-pw", "viewer")).rejects.toThrow(/is not a user name/);
    await expect(ctx.accounts.add("bob", "short", "viewer")).rejects.toThrow(/at least 10/);
    await expect(ctx.accounts.add("ann", "ann-password-2", "viewer")).rejects.toThrow(/exists already/);
  });

  it("signs in with the password, and checks it with better-auth's hash", async () => {
    const ok = await ctx.auth.api.signInUsername({ body: { username: "ann", password: "ann-password-1" }, returnHeaders: true });
    expect(ok.response?.user.id).toBe(ctx.accounts.byName("ann")?.id);
    await expect(ctx.auth.api.signInUsername({ body: { username: "ann", password: "wrong-password" } })).rejects.toThrow();
  });

  it("tokens: hashed, prefixed, capped at the owner's role, expiring and revocable", async () => {
    const ann = await ctx.accounts.add("cara", "cara-password-1", "operator");
    const { token, record } = ctx.accounts.createToken(ann, { name: "ci", role: "viewer", expiresInSeconds: 60 });
    expect(token).toMatch(/^cnmap_/);
    expect(record.prefix).toBe(token.slice(0, 12));
    expect(ctx.accounts.verifyToken(token)).toMatchObject({ user: { username: "cara" }, token: { name: "ci", role: "viewer" } });
    expect(ctx.accounts.verifyToken("cnmap_nope")).toEqual({ refused: "unknown token" });
    expect(ctx.accounts.verifyToken("ghp_other")).toEqual({ refused: "not a cnmap API token" });
    expect(() => ctx.accounts.createToken(ann, { name: "big", role: "admin" })).toThrow(/more than its owner's role \(operator\)/);
    expect(ctx.accounts.revokeToken(ann.id, "ci")?.revokedAt).toBeTruthy();
    expect(ctx.accounts.verifyToken(token)).toEqual({ refused: "the token was revoked" });
    expect(ctx.accounts.listTokens(ann.id).map((t) => t.name)).toEqual(["ci"]);
  });

  it("removing a user removes their tokens and roles", () => {
    const labby = ctx.accounts.byName("labby");
    if (!labby) throw new Error("no labby");
    const { token } = ctx.accounts.createToken(labby, { name: "t" });
    expect(ctx.accounts.remove("labby")).toBe(true);
    expect(ctx.accounts.verifyToken(token)).toEqual({ refused: "unknown token" });
    expect(ctx.accounts.remove("labby")).toBe(false);
  });

  it("replaces all of a user's roles at once, finds a user by an external account, and ends their sessions", async () => {
    const cleo = await ctx.accounts.add("cleo", "cleo-password-1", "admin");
    ctx.accounts.setRole(cleo.id, "viewer", "lab");
    ctx.accounts.replaceRoles(cleo.id, { role: "viewer", engineRoles: { edge: "operator" } });
    expect(ctx.accounts.byName("cleo")).toMatchObject({ role: "viewer", engineRoles: { edge: "operator" } });
    ctx.accounts.replaceRoles(cleo.id, { role: null, engineRoles: {} });
    expect(ctx.accounts.byName("cleo")).toMatchObject({ role: null, engineRoles: {} });

    const internal = await ctx.auth.$context;
    await internal.internalAdapter.linkAccount({ userId: cleo.id, providerId: "oidc", accountId: "https://id.example#c1" });
    expect(ctx.accounts.byProviderAccount("oidc", "https://id.example#c1")?.id).toBe(cleo.id);
    expect(ctx.accounts.byProviderAccount("oidc", "https://other.example#c1")).toBeNull();
    expect(ctx.accounts.byProviderAccount("credential", "https://id.example#c1")).toBeNull();

    const { headers } = await ctx.auth.api.signInUsername({ body: { username: "cleo", password: "cleo-password-1" }, returnHeaders: true });
    const cookie = (headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    expect(await ctx.auth.api.getSession({ headers: new Headers({ cookie }) })).not.toBeNull();
    ctx.accounts.endSessions(cleo.id);
    expect(await ctx.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    ctx.accounts.remove("cleo");
  });
});

describe("the audit trail", () => {
  it("records, filters newest first, and is append-only", () => {
    const base = { engine: "local", target: "web → backend", command: "docker network connect backend web", client: "127.0.0.1" };
    ctx.audit.record({ ...base, actor: "ann", action: "network.connect", outcome: "ok" });
    ctx.audit.record({ ...base, actor: "ann/ci", action: "network.connect", outcome: "refused", message: "This needs the operator role" });
    ctx.audit.record({ ...base, actor: "bob", action: "probe", outcome: "error", message: "=cmd|' /C calc'!A0" });
    expect(ctx.audit.list({ action: "network.connect" }).map((e) => e.actor)).toEqual(["ann/ci", "ann"]);
    expect(ctx.audit.list({ owner: "ann" }).map((e) => e.actor)).toEqual(["ann/ci", "ann"]);
    expect(ctx.audit.list({ since: "2999-01-01" })).toEqual([]);
    expect(ctx.audit.list({ limit: 1 })).toHaveLength(1);
    const db = (ctx.accounts as unknown as { db: { prepare(sql: string): { run(): unknown } } }).db;
    expect(() => db.prepare("DELETE FROM cnmap_audit").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE cnmap_audit SET actor = 'x'").run()).toThrow(/append-only/);
  });

  it("exports CSV (a formula-looking cell defused) and JSON lines", () => {
    const entries = ctx.audit.list({ actor: "bob" });
    const csv = auditCsv(entries);
    expect(csv.split("\r\n")[1]).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(auditJsonLines(entries).trim().split("\n").map((l) => JSON.parse(l) as { actor: string })[0]?.actor).toBe("bob");
  });
});

describe("roles and the sign-in limiter", () => {
  it("ranks roles and reads durations", () => {
    expect(roleAllows("viewer", "read")).toBe(true);
    expect(roleAllows("viewer", "operate")).toBe(false);
    expect(roleAllows("operator", "administer")).toBe(false);
    expect(lesserRole("admin", "viewer")).toBe("viewer");
    expect([parseDuration("30d"), parseDuration("12h"), parseDuration("45m"), parseDuration("90"), parseDuration("0"), parseDuration("1y")]).toEqual([2_592_000, 43_200, 2700, 90, null, null]);
  });

  it("locks a name and a client after MAX_FAILURES failures, until the oldest leaves the window", () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter(() => now);
    for (let i = 0; i < MAX_FAILURES; i++) limiter.failed("ann", "10.0.0.1");
    expect(limiter.retryAfter("ann", "10.0.0.2")).toBe(WINDOW_MS / 1000);
    expect(limiter.retryAfter("bob", "10.0.0.1")).toBe(WINDOW_MS / 1000);
    expect(limiter.retryAfter("bob", "10.0.0.2")).toBe(0);
    now += WINDOW_MS;
    expect(limiter.retryAfter("ann", "10.0.0.1")).toBe(0);
  });
});
