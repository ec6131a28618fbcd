import { describe, expect, it } from "vitest";
import { ContainerDetailCache, fingerprint, type Inspect, type Liveness } from "@/lib/docker/container-cache";
import { buildTopology } from "@/lib/topology/build";
import type { EngineContainerDetail, EngineContainerSummary } from "@/lib/topology/engine-json";
import { loadFixture, rawContainer, snapshotOf, type EngineFixture } from "./helpers/fixtures";

class FakeLiveness implements Liveness {
  live = true;
  generation = 1;
  isLive(): boolean {
    return this.live;
  }
  currentGeneration(): number {
    return this.generation;
  }
}

interface FakeEngine {
  inspect: Inspect;
  calls: string[];
  /** Containers whose inspect answers 404 (null). */
  missing: Set<string>;
}

function fakeEngine(f: EngineFixture): FakeEngine {
  const byId = new Map<string, EngineContainerDetail>(f.inspects.map((i) => [i.Id, i]));
  const engine: FakeEngine = {
    calls: [],
    missing: new Set(),
    inspect: async (id) => {
      engine.calls.push(id);
      await Promise.resolve();
      if (engine.missing.has(id)) return null;
      return byId.get(id) ?? null;
    },
  };
  return engine;
}

function setup() {
  const f = loadFixture("local");
  const engine = fakeEngine(f);
  const liveness = new FakeLiveness();
  const cache = new ContainerDetailCache(engine.inspect, liveness);
  /** Runs one resolve and returns the IDs it inspected, sorted. */
  const resolve = async (containers: EngineContainerSummary[] = f.containers) => {
    const before = engine.calls.length;
    const details = await cache.resolve(containers);
    return { details, inspected: engine.calls.slice(before).sort() };
  };
  const all = f.containers.map((c) => c.Id).sort();
  return { f, engine, liveness, cache, resolve, all };
}

describe("ContainerDetailCache", () => {
  it("inspects every container on the first resolve and none in steady state", async () => {
    const { f, cache, resolve, all } = setup();
    expect(f.containers).toHaveLength(12);
    const first = await resolve();
    expect(first.inspected).toEqual(all);
    expect(cache.inspects).toBe(12);
    const second = await resolve();
    expect(second.inspected).toEqual([]);
    expect(cache.inspects).toBe(12);
    expect(second.details).toEqual(first.details);
    const third = await resolve();
    expect(third.inspected).toEqual([]);
  });

  it("returns slimmed details: only the aliases per network", async () => {
    const { f, resolve } = setup();
    const { details } = await resolve();
    const web = rawContainer(f, "fx-web").Id;
    expect(details[web]).toEqual({
      Id: web,
      NetworkSettings: {
        Networks: {
          "fx-back": { Aliases: ["api", "c950ea928934"] },
          "fx-front": { Aliases: ["web", "www", "c950ea928934"] },
        },
      },
    });
    expect(details[rawContainer(f, "fx-default").Id]).toEqual({
      Id: rawContainer(f, "fx-default").Id,
      NetworkSettings: { Networks: { bridge: { Aliases: null } } },
    });
    expect(Object.keys(details).sort()).toEqual(f.containers.map((c) => c.Id).sort());
  });

  it("yields the same topology as the full inspects, from cache too", async () => {
    const { f, resolve } = setup();
    const want = buildTopology(snapshotOf(f));
    const first = await resolve();
    expect(buildTopology({ networks: f.networks, containers: f.containers, details: first.details })).toEqual(want);
    const cached = await resolve();
    expect(cached.inspected).toEqual([]);
    expect(buildTopology({ networks: f.networks, containers: f.containers, details: cached.details })).toEqual(want);
  });

  it("re-inspects only a container whose list entry changed", async () => {
    const { f, resolve } = setup();
    await resolve();
    const stopped = rawContainer(f, "fx-stopped");
    const started: EngineContainerSummary = structuredClone(stopped);
    started.State = "running";
    const front = started.NetworkSettings?.Networks?.["fx-front"];
    if (!front) throw new Error("fixture lacks fx-stopped on fx-front");
    front.EndpointID = "e".repeat(64);
    front.IPAddress = "172.31.10.9";
    const next = f.containers.map((c) => (c.Id === stopped.Id ? started : c));
    expect((await resolve(next)).inspected).toEqual([stopped.Id]);
    expect((await resolve(next)).inspected).toEqual([]);
  });

  it("re-inspects a container connected to another network while stopped (no event)", async () => {
    const { f, resolve } = setup();
    await resolve();
    const created = rawContainer(f, "fx-created");
    const connected = structuredClone(created);
    const nets = connected.NetworkSettings?.Networks;
    if (!nets) throw new Error("fixture lacks networks");
    nets["fx-back"] = { NetworkID: "", EndpointID: "", IPAddress: "", MacAddress: "" };
    expect(fingerprint(connected)).not.toBe(fingerprint(created));
    const next = f.containers.map((c) => (c.Id === created.Id ? connected : c));
    expect((await resolve(next)).inspected).toEqual([created.Id]);
  });

  it("invalidate(ids) re-inspects only those containers", async () => {
    const { f, cache, resolve } = setup();
    await resolve();
    const web = rawContainer(f, "fx-web").Id;
    const db = rawContainer(f, "fx-db").Id;
    cache.invalidate([web]);
    expect((await resolve()).inspected).toEqual([web]);
    cache.invalidate([db, web, "not-a-container"]);
    expect((await resolve()).inspected).toEqual([db, web].sort());
    expect((await resolve()).inspected).toEqual([]);
  });

  it('invalidate("all") re-inspects everything once', async () => {
    const { cache, resolve, all } = setup();
    await resolve();
    cache.invalidate("all");
    expect((await resolve()).inspected).toEqual(all);
    expect((await resolve()).inspected).toEqual([]);
    expect(cache.inspects).toBe(24);
  });

  it("re-inspects everything after a generation change (the event stream reconnected)", async () => {
    const { liveness, resolve, all } = setup();
    await resolve();
    liveness.generation = 2;
    expect((await resolve()).inspected).toEqual(all);
    expect((await resolve()).inspected).toEqual([]);
  });

  it("trusts nothing while the event stream is down, and caches nothing either", async () => {
    const { liveness, resolve, all } = setup();
    liveness.live = false;
    const a = await resolve();
    expect(a.inspected).toEqual(all);
    expect(Object.keys(a.details).sort()).toEqual(all);
    expect((await resolve()).inspected).toEqual(all);
    liveness.live = true;
    liveness.generation = 2;
    expect((await resolve()).inspected).toEqual(all);
    expect((await resolve()).inspected).toEqual([]);
  });

  it("does not reuse entries made before the stream went down, even in the same generation", async () => {
    const { liveness, resolve, all } = setup();
    await resolve();
    liveness.live = false;
    expect((await resolve()).inspected).toEqual(all);
  });

  it("handles a 404 inspect (container removed meanwhile): no details, cached as such", async () => {
    const { f, engine, resolve } = setup();
    const gone = rawContainer(f, "fx-db").Id;
    engine.missing.add(gone);
    const first = await resolve();
    expect(first.inspected).toContain(gone);
    expect(first.details[gone]).toBeUndefined();
    expect(gone in first.details).toBe(true);
    const t = buildTopology({ networks: f.networks, containers: f.containers, details: first.details });
    expect(t.endpoints.find((e) => e.containerId === gone)?.aliases).toEqual([]);
    expect((await resolve()).inspected).toEqual([]);
  });

  it("forgets containers that are no longer listed", async () => {
    const { f, resolve } = setup();
    await resolve();
    const db = rawContainer(f, "fx-db");
    const without = f.containers.filter((c) => c.Id !== db.Id);
    expect((await resolve(without)).inspected).toEqual([]);
    // Listed again with the very same entry: it was forgotten, so it is inspected afresh.
    expect((await resolve()).inspected).toEqual([db.Id]);
  });

  it("forgets a removed container even when another one appears at the same time", async () => {
    const { f, resolve } = setup();
    const db = rawContainer(f, "fx-db");
    await resolve(f.containers.filter((c) => c.Id !== db.Id));
    const none = rawContainer(f, "fx-none");
    const swapped = f.containers.filter((c) => c.Id !== none.Id);
    expect((await resolve(swapped)).inspected).toEqual([db.Id]);
    expect((await resolve()).inspected).toEqual([none.Id]);
  });

  it("batches many inspects and still inspects each once", async () => {
    const { f, engine, cache } = setup();
    const template = rawContainer(f, "fx-db");
    const many = Array.from({ length: 30 }, (_, i) => ({ ...template, Id: `${i}`.padStart(64, "0") }));
    const details = await cache.resolve(many);
    expect(engine.calls.sort()).toEqual(many.map((c) => c.Id).sort());
    expect(cache.inspects).toBe(30);
    expect(Object.keys(details)).toHaveLength(30);
  });
});

describe("fingerprint", () => {
  const f = loadFixture("local");

  it("depends on state, network mode and attachments, not on key order or status text", () => {
    const web = rawContainer(f, "fx-web");
    const reordered = structuredClone(web);
    const nets = reordered.NetworkSettings?.Networks ?? {};
    reordered.NetworkSettings = { Networks: Object.fromEntries(Object.entries(nets).reverse()) };
    reordered.Status = "Up 3 hours";
    expect(fingerprint(reordered)).toBe(fingerprint(web));
    expect(fingerprint(web)).toBe(
      "running|fx-front|" +
        "fx-back=0d388794b56134294d951273a771d4c8b8bbd74991fdb6fcb4ddeed0f44575eb/116988269ff06aa2160f3d3390d6a87757dd9165b3eab4dfc3e9672dc7eaf72d/172.31.11.129/02:42:ac:1f:0b:81," +
        "fx-front=c91524921829e9022deae1f0d2f98ecbdf328243fa08df1081066708b5f57800/b20407cb1d06e0532f0db5e7ecc4f5fb3ed44d256af90e0618133b493a22a98f/172.31.10.2/02:42:ac:1f:0a:02",
    );
  });

  it("differs between every pair of fixture containers with different attachments", () => {
    const prints = f.containers.map(fingerprint);
    // The two sidecars join the same namespace with identical entries; all others differ.
    expect(new Set(prints).size).toBe(f.containers.length - 1);
    expect(fingerprint({ ...rawContainer(f, "fx-web"), State: "paused" })).not.toBe(fingerprint(rawContainer(f, "fx-web")));
  });
});
