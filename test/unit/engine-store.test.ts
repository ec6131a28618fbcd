/** The engines admins add, kept in the data folder's SQLite file, and the roles that go with an engine when it goes. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openAuthContext } from "@/lib/auth/context-open";
import { migrate } from "@/lib/auth/db";
import type { StoredEngine } from "@/lib/engines/added";

const lab: StoredEngine = { id: "lab", name: "Lab", address: "tcp://10.0.0.5:2375", createdAt: "2026-01-01T00:00:00.000Z", createdBy: "ada" };
const edge: StoredEngine = { id: "edge", name: "edge", address: "ssh://ops@edge1", createdAt: "2026-01-02T00:00:00.000Z", createdBy: "local" };

describe("the engine store", () => {
  it("keeps engines across a reopening of the data folder, the oldest first", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cnmap-engines-"));
    const first = await openAuthContext(dir, "http://127.0.0.1:3000", {});
    expect(first.engines.list()).toEqual([]);
    first.engines.save(edge);
    first.engines.save(lab);
    const again = await openAuthContext(dir, "http://127.0.0.1:3000", {});
    expect(again.engines.list()).toEqual([lab, edge]);
    expect(again.engines.remove("lab")).toBe(true);
    expect(again.engines.remove("lab")).toBe(false);
    expect(again.engines.list()).toEqual([edge]);
  });

  it("replaces a stored row of the same ID (one the server had skipped)", async () => {
    const ctx = await openAuthContext(mkdtempSync(path.join(os.tmpdir(), "cnmap-engines-")), "http://127.0.0.1:3000", {});
    ctx.engines.save(lab);
    ctx.engines.save({ ...lab, address: "tcp://10.0.0.6:2375", createdBy: "bob" });
    expect(ctx.engines.list()).toEqual([{ ...lab, address: "tcp://10.0.0.6:2375", createdBy: "bob" }]);
  });

  it("comes with a migration step that leaves the steps before it as they were", () => {
    const db = new Database(":memory:");
    migrate(db);
    const version = db.pragma("user_version", { simple: true }) as number;
    expect(version).toBeGreaterThanOrEqual(2);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["cnmap_audit", "cnmap_engine", "cnmap_role", "cnmap_token"]));
    // Run again: nothing to do.
    migrate(db);
    expect(db.pragma("user_version", { simple: true })).toBe(version);
  });
});

describe("an engine's roles", () => {
  it("are removed with it, and reported per person; global roles and other engines' stay", async () => {
    const ctx = await openAuthContext(mkdtempSync(path.join(os.tmpdir(), "cnmap-engines-")), "http://127.0.0.1:3000", {});
    const carol = await ctx.accounts.add("carol", "carol-password-1", "operator", "lab");
    const dan = await ctx.accounts.add("dan", "dan-password-12", "viewer");
    ctx.accounts.setRole(dan.id, "admin", "lab");
    ctx.accounts.setRole(dan.id, "operator", "edge");
    expect(ctx.accounts.removeEngineRoles("lab")).toEqual([
      { username: "carol", role: "operator" },
      { username: "dan", role: "admin" },
    ]);
    expect(ctx.accounts.byId(carol.id)).toMatchObject({ role: null, engineRoles: {} });
    expect(ctx.accounts.byId(dan.id)).toMatchObject({ role: "viewer", engineRoles: { edge: "operator" } });
    expect(ctx.accounts.removeEngineRoles("lab")).toEqual([]);
    expect(() => ctx.accounts.removeEngineRoles("")).toThrow(/global roles/);
  });
});
