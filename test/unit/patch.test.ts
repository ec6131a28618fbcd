/**
 * Topology patches: applying the diff of two states to the first gives the
 * second, exactly (order included), on states derived from engine JSON
 * captured from a real engine by random edits; unchanged objects keep their
 * identity; the browser's version rules.
 */
import { describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import type { EngineContainerSummary, EngineNetwork } from "@/lib/topology/engine-json";
import { applyLivePatch, applyPatch, diffTopology, sameJson, type TopologyPatch } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, snapshotOf, type EngineFixture, type FixtureName } from "./helpers/fixtures";
import { seededRandom } from "../support/random";

const ENGINE: Topology["engine"] = { host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", swarm: "inactive" };

function topologyOf(f: EngineFixture): Topology {
  return { engine: ENGINE, ...buildTopology(snapshotOf(f)) };
}


/** One random edit of the engine state, of the kinds the engine's events report. */
function edit(f: EngineFixture, random: () => number): void {
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const c: EngineContainerSummary | undefined = pick(f.containers);
  const n: EngineNetwork | undefined = pick(f.networks);
  switch (Math.floor(random() * 7)) {
    case 0: // rm
      if (c) f.containers = f.containers.filter((x) => x !== c);
      break;
    case 1: // rename
      if (c) c.Names = [`/renamed-${Math.floor(random() * 1e6)}`];
      break;
    case 2: // stop
      if (c) {
        c.State = c.State === "running" ? "exited" : "running";
        c.Status = c.State === "running" ? "Up 2 seconds" : "Exited (0) 1 second ago";
      }
      break;
    case 3: // disconnect
      if (c?.NetworkSettings?.Networks) {
        const name = pick(Object.keys(c.NetworkSettings.Networks));
        if (name) delete c.NetworkSettings.Networks[name];
      }
      break;
    case 4: // network rm
      if (n) f.networks = f.networks.filter((x) => x !== n);
      break;
    case 5: // network create (a copy under a new ID and name)
      if (n) f.networks.push({ ...n, Id: `${Math.floor(random() * 1e9)}`.padStart(64, "f"), Name: `made-${Math.floor(random() * 1e6)}`, Labels: { made: "1" } });
      break;
    case 6: // a label changes
      if (c) c.Labels = { ...(c.Labels ?? {}), touched: String(random()) };
      break;
  }
}

const stamp = (from: number): { epoch: string; from: number; to: number } => ({ epoch: "e1", from, to: from + 1 });

describe("diffTopology and applyPatch", () => {
  for (const name of ["local", "swarm"] as FixtureName[]) {
    it(`applying the diff gives the new state exactly, over random edits of the ${name} fixture`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const random = seededRandom(seed);
        const f = loadFixture(name);
        let before = topologyOf(f);
        for (let step = 0; step < 6; step++) {
          for (let k = Math.floor(random() * 3) + 1; k > 0; k--) edit(f, random);
          const after = topologyOf(f);
          const patch = diffTopology(before, after, stamp(step));
          const applied = patch ? applyPatch(before, patch) : before;
          const { live, ...rest } = applied;
          expect(rest, `seed ${seed}, step ${step}`).toEqual(after);
          if (patch) expect(live).toEqual({ epoch: "e1", version: step + 1 });
          before = after;
        }
      }
    });
  }

  it("says nothing changed when nothing did", () => {
    const t = topologyOf(loadFixture("local"));
    expect(diffTopology(t, topologyOf(loadFixture("local")), stamp(0))).toBeNull();
  });

  it("sends only what changed, whole, and keeps the identity of everything else", () => {
    const f = loadFixture("local");
    const before = topologyOf(f);
    const running = f.containers.find((c) => c.State === "running" && Object.keys(c.NetworkSettings?.Networks ?? {}).length > 0);
    if (!running) throw new Error("the fixture has no running attached container");
    running.State = "exited";
    running.Status = "Exited (137) 1 second ago";
    const after = topologyOf(f);
    const patch = diffTopology(before, after, stamp(0));
    expect(patch?.networks).toBeUndefined();
    expect(patch?.sandboxes?.put.map((s) => s.id)).toEqual([running.Id]);
    expect(patch?.sandboxes?.del).toEqual([]);
    expect(new Set(patch?.endpoints?.put.map((e) => e.sandboxId))).toEqual(new Set([running.Id]));
    const applied = applyPatch(before, patch as TopologyPatch);
    for (const s of applied.sandboxes) if (s.id !== running.Id) expect(before.sandboxes).toContain(s);
    for (const n of applied.networks) expect(before.networks).toContain(n);
  });
});

describe("applyLivePatch: what a browser does with a patch", () => {
  const base = { ...topologyOf(loadFixture("local")), live: { epoch: "e1", version: 4 } };
  const patch = (from: number, epoch = "e1"): TopologyPatch => ({ epoch, from, to: from + 1, engine: { ...ENGINE, swarm: "active" } });

  it("applies the next version", () => {
    const r = applyLivePatch(base, patch(4));
    expect(r.kind).toBe("applied");
    if (r.kind === "applied") expect(r.topology).toMatchObject({ live: { epoch: "e1", version: 5 }, engine: { swarm: "active" } });
  });
  it("ignores a patch it already has (a fetch overtook it)", () => {
    expect(applyLivePatch(base, patch(3)).kind).toBe("stale");
  });
  it("fetches again after a missed version, a new model, or without a version", () => {
    expect(applyLivePatch(base, patch(5)).kind).toBe("gap");
    expect(applyLivePatch(base, patch(4, "e2")).kind).toBe("gap");
    expect(applyLivePatch({ ...base, live: undefined }, patch(4)).kind).toBe("gap");
    expect(applyLivePatch(undefined, patch(4)).kind).toBe("gap");
  });
});

describe("sameJson", () => {
  it("agrees with comparing the JSON texts (keys in order) on values made from engine JSON", () => {
    const t = topologyOf(loadFixture("local"));
    const values: unknown[] = [...t.networks, ...t.sandboxes, ...t.endpoints, t.engine, null, 0, "", [], {}, [1, [2]], { a: undefined }];
    for (const a of values) {
      for (const b of values) expect(sameJson(a, b), `${JSON.stringify(a)?.slice(0, 60)} vs ${JSON.stringify(b)?.slice(0, 60)}`).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(sameJson(a, structuredClone(a))).toBe(true);
    }
  });

  it("tells apart what JSON tells apart, and takes an undefined member as absent", () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: { b: [1, { c: "x" }] } }, { a: { b: [1, { c: "y" }] } })).toBe(false);
    expect(sameJson("1", 1)).toBe(false);
  });
});

describe("patches of the swarm part", () => {
  const base = topologyOf(loadFixture("swarm"));
  const svc = (id: string, running: number): Topology["services"][number] => ({
    id,
    name: id,
    mode: "replicated",
    replicas: { desired: 2, running },
    endpointMode: "vip",
    vips: [],
    ports: [],
    networks: [],
  });
  const task = (id: string, serviceId: string, slot: number): Topology["tasks"][number] => ({
    id, serviceId, slot, nodeId: "n1", state: "running", desiredState: "running", containerId: "", addresses: [],
  });
  const before: Topology = { ...base, swarm: { nodeId: "n1", role: "manager", nodes: [] }, services: [svc("a", 1), svc("b", 2)], tasks: [task("t1", "a", 1)] };

  it("sends changed services and tasks whole, and a removed one by ID; applying it gives the new state", () => {
    const after: Topology = { ...before, services: [svc("a", 2)], tasks: [task("t1", "a", 1), task("t2", "a", 2)] };
    const patch = diffTopology(before, after, stamp(1));
    expect(patch?.services).toEqual({ put: [svc("a", 2)], del: ["b"] });
    expect(patch?.tasks).toEqual({ put: [task("t2", "a", 2)], del: [] });
    expect(patch?.swarm).toBeUndefined();
    const applied = applyPatch(before, must(patch));
    expect(applied.services).toEqual(after.services);
    expect(applied.tasks).toEqual(after.tasks);
    expect(applied.tasks[0]).toBe(before.tasks[0]);
  });

  it("says when the engine left its swarm (null), which applying keeps", () => {
    const after: Topology = { ...before, swarm: null, services: [], tasks: [] };
    const patch = must(diffTopology(before, after, stamp(1)));
    expect(patch.swarm).toBeNull();
    expect(JSON.parse(JSON.stringify(patch)).swarm).toBeNull();
    expect(applyPatch(before, patch).swarm).toBeNull();
  });
});

function must<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Error("missing");
  return v;
}
