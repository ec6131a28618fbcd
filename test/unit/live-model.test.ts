/**
 * The live model's cycles, on a fake engine built from captured engine JSON:
 * events lead to targeted list calls and versioned patches; refresh() means
 * "the model has it"; a failure leads to a full read; a gap too.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ModelEvent } from "@/lib/events/model-events";
import { LiveModel, type ModelSource } from "@/lib/server/live-model";
import type { EngineContainerSummary, EngineNetwork } from "@/lib/topology/engine-json";
import type { EngineSwarmSnapshot } from "@/lib/topology/swarm-json";
import { applyPatch, type TopologyPatch } from "@/lib/topology/patch";
import { loadFixture, type EngineFixture } from "./helpers/fixtures";

class FakeEngine {
  f: EngineFixture = loadFixture("local");
  calls: string[] = [];
  fail = false;
  /** The next this many list calls fail, then the engine answers again. */
  failures = 0;
  /** The next this many filtered container lists answer from this old state (Docker's list lagging its event). */
  lagging: { times: number; old: EngineFixture["containers"] } = { times: 0, old: [] };
  live = true;
  generation = 1;
  patches: TopologyPatch[] = [];
  /** The swarm the engine is in (null: none). */
  swarm: EngineSwarmSnapshot | null = null;
  private observer: ((e: ModelEvent | "gap") => void) | null = null;

  source(): ModelSource {
    const pickIds = <T extends { Id: string }>(list: T[], ids?: readonly string[]): T[] => (ids ? list.filter((x) => ids.includes(x.Id)) : list);
    return {
      listNetworks: async (ids) => {
        this.calls.push(ids ? `networks ${ids.length}` : "networks all");
        if (this.fail) throw new Error("engine down");
        return structuredClone(pickIds(this.f.networks, ids));
      },
      listContainers: async (ids) => {
        this.calls.push(ids ? `containers ${ids.length}` : "containers all");
        if (this.fail) throw new Error("engine down");
        if (this.failures > 0) {
          this.failures -= 1;
          throw new Error("engine hiccup");
        }
        if (ids && this.lagging.times > 0) {
          this.lagging.times -= 1;
          return structuredClone(pickIds(this.lagging.old, ids));
        }
        return structuredClone(pickIds(this.f.containers, ids));
      },
      engineInfo: async () => {
        this.calls.push("info");
        return { host: "unix:///x", version: "20.10.24", apiVersion: "1.41", swarm: this.swarm ? "active" : "inactive" };
      },
      readSwarm: async (ids) => {
        this.calls.push(`swarm ${ids.length}`);
        if (this.fail) throw new Error("engine down");
        return structuredClone(this.swarm);
      },
      details: { resolve: async (cs) => Object.fromEntries(cs.map((c) => [c.Id, this.f.inspects.find((i) => i.Id === c.Id)])), invalidate: () => undefined },
      liveness: { isLive: () => this.live, currentGeneration: () => this.generation },
      observe: (fn) => {
        this.observer = fn;
        return () => {
          this.observer = null;
        };
      },
      publish: (p) => this.patches.push(p),
    };
  }

  emit(e: ModelEvent | "gap"): void {
    this.observer?.(e);
  }
}

const event = (type: ModelEvent["type"], id: string, action: string, container?: string): ModelEvent => ({ type, id, action, time: 1, ...(container ? { container } : {}) });

let engine: FakeEngine;
let model: LiveModel;
beforeEach(() => {
  engine = new FakeEngine();
  model = new LiveModel(engine.source(), 600_000, 600_000);
  return () => model.close();
});

describe("LiveModel", () => {
  it("is built by one full read shared by concurrent readers, and is version 1", async () => {
    const [a, b] = await Promise.all([model.read(), model.read()]);
    expect(a?.topology).toBe(b?.topology);
    expect(engine.calls.filter((c) => c === "containers all")).toHaveLength(1);
    expect(a?.topology.live).toEqual({ epoch: model.epoch, version: 1 });
  });

  it("serves nothing while the event stream is down: the caller reads the engine", async () => {
    engine.live = false;
    expect(await model.read()).toBeNull();
    expect(engine.calls).toEqual([]);
  });

  it("lists only what an event touched, and publishes a patch that makes the new state", async () => {
    const first = (await model.read())?.topology;
    if (!first) throw new Error("no model");
    const victim = engine.f.containers.find((c) => c.State === "running") as EngineContainerSummary;
    engine.f.containers = engine.f.containers.filter((c) => c !== victim);
    engine.calls = [];
    engine.emit(event("container", victim.Id, "destroy"));
    const after = (await model.read())?.topology;
    expect(engine.calls).toEqual(["containers 1"]);
    expect(after?.sandboxes.some((s) => s.id === victim.Id)).toBe(false);
    expect(engine.patches).toHaveLength(1);
    const patch = engine.patches[0] as TopologyPatch;
    expect(patch).toMatchObject({ from: 1, to: 2, epoch: model.epoch });
    expect(applyPatch(first, patch)).toEqual(after);
  });

  it("a network event lists that network and the container it names", async () => {
    await model.read();
    const net = engine.f.networks.find((n) => !["bridge", "host", "none"].includes(n.Name)) as EngineNetwork;
    const c = engine.f.containers[0] as EngineContainerSummary;
    engine.calls = [];
    engine.emit(event("network", net.Id, "connect", c.Id));
    await model.refresh();
    expect(engine.calls.sort()).toEqual(["containers 1", "networks 1"]);
    // Nothing differed: no patch, same version.
    expect(engine.patches).toEqual([]);
    expect(model.stats().version).toBe(1);
  });

  it("refresh() resolves once a cycle that began after it has finished (the model has the change)", async () => {
    await model.read();
    const net = engine.f.networks.find((n) => !["bridge", "host", "none"].includes(n.Name)) as EngineNetwork;
    engine.f.networks = engine.f.networks.filter((n) => n !== net);
    await model.refresh({ networks: [net.Id] });
    expect((await model.read())?.topology.networks.some((n) => n.id === net.Id)).toBe(false);
  });

  it("after a failed cycle, reads in full; a gap does too", async () => {
    await model.read();
    engine.fail = true;
    await expect(model.refresh({ containers: ["x"] })).rejects.toThrow(/engine down/);
    engine.fail = false;
    engine.calls = [];
    await model.read();
    expect(engine.calls).toContain("containers all");
    engine.calls = [];
    engine.generation += 1;
    engine.emit("gap");
    await model.read();
    expect(engine.calls).toContain("containers all");
  });

  it("a refresh asked for while a cycle fails gets a cycle of its own, not the resync timer's", async () => {
    await model.read();
    engine.failures = 1;
    const failing = model.refresh({ containers: ["x"] });
    // Asked for while that cycle is listing: it is not in the failing batch.
    const after = model.refresh();
    const reader = model.read();
    await expect(failing).rejects.toThrow(/engine hiccup/);
    const stranded = new Promise((resolve) => setTimeout(() => resolve("stranded"), 1_000));
    await expect(Promise.race([after.then(() => "served"), stranded])).resolves.toBe("served");
    await expect(Promise.race([reader.then((s) => (s ? "served" : "null")), stranded])).resolves.toBe("served");
    expect(engine.calls).toContain("containers all");
  });

  it("a read waits for the events already received", async () => {
    await model.read();
    const victim = engine.f.containers[1] as EngineContainerSummary;
    engine.f.containers = engine.f.containers.filter((c) => c !== victim);
    engine.emit(event("container", victim.Id, "destroy"));
    // No await between the event and the read.
    expect((await model.read())?.topology.sandboxes.some((s) => s.id === victim.Id)).toBe(false);
  });
});

describe("a container list that lags its event (Docker 20.10)", () => {
  it("lists the container again until it shows the connect, and publishes it then", async () => {
    await model.read();
    const c = engine.f.containers.find((x) => x.State === "running" && Object.keys(x.NetworkSettings?.Networks ?? {}).length === 1) as EngineContainerSummary;
    const net = engine.f.networks.find((n) => !["bridge", "host", "none"].includes(n.Name) && !Object.values(c.NetworkSettings?.Networks ?? {}).some((ep) => ep.NetworkID === n.Id)) as EngineNetwork;
    engine.lagging = { times: 2, old: structuredClone(engine.f.containers) };
    const ep = Object.values(c.NetworkSettings?.Networks ?? {})[0];
    if (!c.NetworkSettings?.Networks || !ep) throw new Error("fixture");
    c.NetworkSettings.Networks[net.Name] = { ...ep, NetworkID: net.Id, EndpointID: "e".repeat(64), IPAddress: "10.99.0.2" };
    engine.emit(event("network", net.Id, "connect", c.Id));
    await vi.waitFor(() => expect(engine.patches).toHaveLength(1), { timeout: 1000 });
    expect(engine.patches[0]?.endpoints?.put.map((e) => [e.sandboxId, e.networkId])).toEqual([[c.Id, net.Id]]);
    expect(model.stats().lagRetries).toBe(2);
    expect(engine.calls.filter((x) => x === "containers 1")).toHaveLength(3);
  });

  it("gives up after a while when the list never shows it (the next full read has the last word)", async () => {
    vi.useFakeTimers();
    try {
      await model.read();
      const c = engine.f.containers.find((x) => x.State === "running") as EngineContainerSummary;
      engine.emit(event("container", c.Id, "die"));
      await vi.advanceTimersByTimeAsync(10_000);
      const retries = model.stats().lagRetries;
      expect(retries).toBeGreaterThan(3);
      expect(retries).toBeLessThan(12);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(model.stats().lagRetries).toBe(retries);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a closed LiveModel (its engine removed from cnmap)", () => {
  it("keeps no resync timer and hears no more events", async () => {
    vi.useFakeTimers();
    try {
      const fresh = new FakeEngine();
      const closing = new LiveModel(fresh.source(), 600_000, 600_000);
      await closing.read();
      expect(vi.getTimerCount()).toBe(1);
      closing.close();
      expect(vi.getTimerCount()).toBe(0);
      const calls = fresh.calls.length;
      fresh.emit(event("container", "c".repeat(64), "start"));
      await vi.advanceTimersByTimeAsync(1_200_000);
      expect(fresh.calls).toHaveLength(calls);
      expect(fresh.patches).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("LiveModel in a swarm", () => {
  const swarm = (running: number): EngineSwarmSnapshot => ({
    nodeId: "node1",
    manager: true,
    nodes: [{ ID: "node1", Spec: { Role: "manager", Availability: "active" }, Description: { Hostname: "vm" }, Status: { State: "ready", Addr: "10.0.0.1" }, ManagerStatus: { Leader: true } }],
    services: [{ ID: "svc1", Spec: { Name: "web", Mode: { Replicated: { Replicas: 2 } } }, ServiceStatus: { RunningTasks: running, DesiredTasks: 2 } }],
    tasks: [],
    networks: [],
  });

  it("reads the swarm on a full read, and only the swarm on a service event", async () => {
    engine.swarm = swarm(1);
    const first = await model.read();
    expect(first?.topology.services.map((s) => [s.name, s.replicas])).toEqual([["web", { desired: 2, running: 1 }]]);
    expect(first?.topology.swarm?.nodes.map((n) => n.hostname)).toEqual(["vm"]);
    engine.calls = [];
    engine.swarm = swarm(2);
    engine.emit(event("service", "svc1", "update"));
    const after = await model.read();
    expect(engine.calls).toEqual(["swarm 0"]);
    expect(after?.topology.services[0]?.replicas.running).toBe(2);
    expect(engine.patches.at(-1)?.services?.put.map((s) => s.id)).toEqual(["svc1"]);
    expect(engine.patches.at(-1)?.networks).toBeUndefined();
  });

  it("polls the swarm while the engine is in one, and stops once it has left", async () => {
    vi.useFakeTimers();
    try {
      const e = new FakeEngine();
      e.swarm = swarm(1);
      const m = new LiveModel(e.source(), 600_000, 2000);
      await m.read();
      e.calls = [];
      e.swarm = swarm(2);
      await vi.advanceTimersByTimeAsync(2000);
      expect(e.calls).toEqual(["swarm 0"]);
      expect((await m.read())?.topology.services[0]?.replicas.running).toBe(2);
      // Leaving the swarm comes with no event: the poll sees it, and a full read follows.
      e.calls = [];
      e.swarm = null;
      await vi.advanceTimersByTimeAsync(2000);
      const left = await m.read();
      expect(left?.topology.swarm).toBeNull();
      expect(left?.topology.services).toEqual([]);
      expect(e.calls).toContain("networks all");
      e.calls = [];
      await vi.advanceTimersByTimeAsync(10_000);
      expect(e.calls).toEqual([]);
      m.close();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
