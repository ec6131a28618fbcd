/** The registry of engine sessions: configured engines first and fixed; added ones join and leave while the server runs. */
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import type { EngineConfig } from "@/lib/engines/config";
import { EngineRegistry } from "@/lib/server/engine-registry";
import { EngineSession } from "@/lib/server/engine-session";

const nowhere = (name: string): string => `unix:///tmp/cnmap-no-such-engine-${name}.sock`;

function engine(name: string, origin: EngineConfig["origin"]): EngineConfig {
  const address = nowhere(name);
  return { id: name.toLowerCase(), name, address, endpoint: { kind: "unix", socketPath: address.slice("unix://".length) }, origin };
}

const fromList: EngineConfig["origin"] = { kind: "environment", variable: "CNMAP_ENGINES" };
const added: EngineConfig["origin"] = { kind: "added", by: "ada", at: "2026-01-01T00:00:00.000Z" };

function registry(): EngineRegistry {
  return new EngineRegistry([engine("main", fromList), engine("ctx", { kind: "context" }), engine("old", added)], (e) => new EngineSession(e, 1000));
}

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("not refused");
}

describe("the engine registry", () => {
  it("serves the default engine when none is named, and 404 for an unknown one", () => {
    const r = registry();
    expect(r.get().id).toBe("main");
    expect(r.get("ctx").id).toBe("ctx");
    expect(refusal(() => r.get("nosuch"))).toEqual({ code: "not_found", message: "No such engine: nosuch." });
  });

  it("adds an engine at the end, at once, and refuses a taken ID whatever its case", () => {
    const r = registry();
    const lab = r.add(engine("Lab", added));
    expect(r.get("lab")).toBe(lab);
    expect(r.list().map((s) => s.id)).toEqual(["main", "ctx", "old", "lab"]);
    expect(refusal(() => r.add(engine("MAIN", added)))).toEqual({
      code: "conflict",
      message: "An engine named main exists already (CNMAP_ENGINES); engine names are compared without case, so choose another name than MAIN.",
    });
    expect(refusal(() => r.add(engine("lab", added))).code).toBe("conflict");
    expect(() => r.add(engine("fresh", fromList))).toThrow(/only added engines/);
  });

  it("removes an added engine, closing its session, and refuses a configured one with where it comes from", () => {
    const r = registry();
    const old = r.get("old");
    expect(r.remove("old", "ada")).toBe(old);
    expect(old.hub.isEnded()).toBe(true);
    expect(refusal(() => r.get("old")).code).toBe("not_found");
    expect(refusal(() => r.remove("old", "ada")).code).toBe("not_found");
    expect(refusal(() => r.remove("main", "ada"))).toEqual({ code: "conflict", message: "main comes from CNMAP_ENGINES in the server's environment: change it there and restart cnmap." });
    expect(refusal(() => r.remove("ctx", "ada")).message).toMatch(/comes from a Docker context/);
    expect(r.get("main").hub.isEnded()).toBe(false);
    expect(r.list().map((s) => s.id)).toEqual(["main", "ctx"]);
  });

  it("refuses an ID twice in its initial list (composeEngines keeps them unique)", () => {
    expect(() => new EngineRegistry([engine("a", fromList), engine("A", added)], (e) => new EngineSession(e, 1000))).toThrow(/twice/);
  });
});
