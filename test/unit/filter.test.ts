import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  containerCount,
  EMPTY_FILTER,
  filterOptions,
  filterTopology,
  isEmptyFilter,
  networkValuesAsNames,
  sameFilter,
  type CanvasFilter,
} from "@/lib/graph/filter";
import { filterFromParams, filterKey, hrefOf, splitList, withFilter } from "@/lib/graph/filter-url";
import { buildTopology } from "@/lib/topology/build";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { networkNamed } from "./helpers/topology";
import { COMPOSE_PROJECT_LABEL } from "@/lib/topology/describe";

const engine: Topology["engine"] = { host: "unix:///var/run/docker.sock", version: "27.0.0", apiVersion: "1.46", swarm: "inactive" };

function topo(name: "local" | "swarm"): Topology {
  return { engine, ...buildTopology(snapshotOf(loadFixture(name))) };
}

const local = topo("local");
const swarm = topo("swarm");

function f(patch: Partial<CanvasFilter>): CanvasFilter {
  return { ...EMPTY_FILTER, ...patch };
}

function sandboxNames(t: Topology): string[] {
  return t.sandboxes.map((s) => s.containers[0]?.name ?? "").sort();
}

function networkNames(t: Topology): string[] {
  return t.networks.map((n) => n.name).sort();
}

/** "sandbox@network" for every endpoint. */
function endpointPairs(t: Topology): string[] {
  const sb = new Map(t.sandboxes.map((s) => [s.id, s.containers[0]?.name ?? s.id]));
  const nets = new Map(t.networks.map((n) => [n.id, n.name]));
  return t.endpoints.map((e) => `${sb.get(e.sandboxId) ?? e.sandboxId}@${nets.get(e.networkId) ?? e.networkId}`).sort();
}

/** Endpoints refer only to networks and sandboxes that are drawn. */
function expectConsistent(t: Topology): void {
  const nets = new Set(t.networks.map((n) => n.id));
  const sbs = new Set(t.sandboxes.map((s) => s.id));
  for (const e of t.endpoints) {
    expect(nets.has(e.networkId)).toBe(true);
    expect(sbs.has(e.sandboxId)).toBe(true);
  }
}

/** A copy of the local topology with compose project labels on some containers. */
function withProjects(labels: Record<string, string>): Topology {
  const t = topo("local");
  for (const s of t.sandboxes) {
    for (const c of s.containers) {
      const p = labels[c.name];
      if (p) c.labels = { ...c.labels, [COMPOSE_PROJECT_LABEL]: p };
    }
  }
  return t;
}

describe("the empty filter", () => {
  it("is empty and counts nothing", () => {
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
    expect(isEmptyFilter(f({ hidePredefined: true }))).toBe(false);
    expect(isEmptyFilter(f({ states: ["running"] }))).toBe(false);
    expect(activeFilterCount(f({ networks: ["a", "b"], hidePredefined: true }))).toBe(3);
  });

  it("returns the topology itself", () => {
    expect(filterTopology(local, EMPTY_FILTER)).toBe(local);
    expect(filterTopology(local, f({}))).toBe(local);
  });
});

describe("filterOptions on the captured engine", () => {
  it("lists every network by name, with its driver and the containers on it", () => {
    const o = filterOptions(local);
    expect(o.networks.map((x) => x.value)).toEqual(networkNames(local).sort((a, b) => a.localeCompare(b)));
    const back = must(o.networks.find((x) => x.value === "fx-back"), "fx-back option");
    // fx-db, fx-stopped, and fx-web with its two sidecars.
    expect(back.count).toBe(5);
    expect(back.detail).toBe("bridge");
    expect(must(o.networks.find((x) => x.value === "bridge"), "bridge").detail).toBe("bridge · predefined");
  });

  it("lists the drivers and the states present, sorted", () => {
    const o = filterOptions(local);
    expect(o.drivers.map((x) => x.value)).toEqual(["bridge", "host", "null"]);
    expect(must(o.drivers.find((x) => x.value === "bridge"), "bridge").count).toBe(local.networks.filter((n) => n.driver === "bridge").length);
    const states = [...new Set(local.sandboxes.flatMap((s) => s.containers.map((c) => c.state)))].sort();
    expect(o.states.map((x) => x.value)).toEqual(states);
    expect(states).toEqual(expect.arrayContaining(["running", "exited"]));
    const running = local.sandboxes.flatMap((s) => s.containers).filter((c) => c.state === "running").length;
    expect(must(o.states.find((x) => x.value === "running"), "running").count).toBe(running);
    expect(filterOptions(swarm).drivers.map((x) => x.value)).toEqual(["bridge", "host", "ipvlan", "macvlan", "null", "overlay"]);
  });

  it("lists compose projects from the container label, none when no container has one", () => {
    expect(filterOptions(local).projects).toEqual([]);
    const t = withProjects({ "fx-web": "shop", "fx-db": "shop", "fx-sidecar": "tools" });
    expect(filterOptions(t).projects).toEqual([
      { value: "shop", label: "shop", count: 2 },
      { value: "tools", label: "tools", count: 1 },
    ]);
  });
});

describe("filterTopology by network", () => {
  it("keeps the named network, the sandboxes on it and only their endpoints there", () => {
    const t = filterTopology(local, f({ networks: ["fx-back"] }));
    expect(networkNames(t)).toEqual(["fx-back"]);
    expect(sandboxNames(t)).toEqual(["fx-db", "fx-stopped", "fx-web"]);
    expect(endpointPairs(t)).toEqual(["fx-db@fx-back", "fx-stopped@fx-back", "fx-web@fx-back"]);
    expectConsistent(t);
  });

  it("accepts a network ID, full or short, as well as a name", () => {
    const back = networkNamed(local, "fx-back");
    const byName = filterTopology(local, f({ networks: ["fx-back"] }));
    expect(filterTopology(local, f({ networks: [back.id] }))).toEqual(byName);
    expect(filterTopology(local, f({ networks: [back.id.slice(0, 12)] }))).toEqual(byName);
    // Shorter than a short ID: not taken as one.
    expect(filterTopology(local, f({ networks: [back.id.slice(0, 6)] })).networks).toEqual([]);
  });

  it("shows IDs as the names of their networks, leaving unknown values alone", () => {
    const back = networkNamed(local, "fx-back");
    expect(networkValuesAsNames(local, [back.id, "fx-front", back.id.slice(0, 12), "gone"])).toEqual(["fx-back", "fx-front", "gone"]);
  });

  it("keeps several networks (any of them)", () => {
    const t = filterTopology(local, f({ networks: ["fx-back", "fx-v6"] }));
    expect(networkNames(t)).toEqual(["fx-back", "fx-v6"]);
    expect(sandboxNames(t)).toEqual(["fx-db", "fx-stopped", "fx-v6c", "fx-web"]);
    expectConsistent(t);
  });

  it("draws nothing for a network that does not exist", () => {
    const t = filterTopology(local, f({ networks: ["gone"] }));
    expect(t.networks).toEqual([]);
    expect(t.sandboxes).toEqual([]);
    expect(t.endpoints).toEqual([]);
  });
});

describe("filterTopology by driver", () => {
  it("keeps host networks and the host-mode container", () => {
    const t = filterTopology(local, f({ drivers: ["host"] }));
    expect(networkNames(t)).toEqual(["host"]);
    expect(sandboxNames(t)).toEqual(["fx-host"]);
    expectConsistent(t);
  });

  it("keeps overlays on the swarm engine", () => {
    const t = filterTopology(swarm, f({ drivers: ["overlay"] }));
    expect(networkNames(t)).toEqual(["fx-overlay", "ingress"]);
    expect(sandboxNames(t)).toEqual(["fx-ov"]);
    expect(endpointPairs(t)).toEqual(["fx-ov@fx-overlay"]);
  });

  it("combines with a network restriction (both must hold)", () => {
    expect(networkNames(filterTopology(swarm, f({ drivers: ["bridge"], networks: ["fx-back", "fx-overlay"] })))).toEqual(["fx-back"]);
  });
});

describe("filterTopology hiding predefined networks", () => {
  const t = filterTopology(local, f({ hidePredefined: true }));

  it("drops bridge, host and none and their endpoints, but keeps every container", () => {
    expect(networkNames(t)).toEqual(networkNames(local).filter((n) => !["bridge", "host", "none"].includes(n)));
    expect(t.sandboxes).toBe(local.sandboxes);
    expect(endpointPairs(t).some((p) => /@(bridge|host|none)$/.test(p))).toBe(false);
    expect(endpointPairs(t)).toContain("fx-web@fx-front");
    expectConsistent(t);
  });
});

describe("filterTopology by state", () => {
  it("keeps running sandboxes only, every network, and the endpoints of what is kept", () => {
    const t = filterTopology(local, f({ states: ["running"] }));
    expect(sandboxNames(t)).toEqual(sandboxNames(local).filter((n) => !["fx-created", "fx-stopped", "fx-stopped-default"].includes(n)));
    expect(t.networks).toBe(local.networks);
    expect(endpointPairs(t).some((p) => p.startsWith("fx-stopped"))).toBe(false);
    expectConsistent(t);
  });

  it("keeps stopped ones with their endpoints", () => {
    const t = filterTopology(local, f({ states: ["exited"] }));
    expect(sandboxNames(t)).toEqual(["fx-stopped", "fx-stopped-default"]);
    expect(endpointPairs(t)).toEqual(["fx-stopped-default@bridge", "fx-stopped@fx-back", "fx-stopped@fx-front"]);
  });

  it("combined with a network, keeps what is on it and in the state", () => {
    const t = filterTopology(local, f({ networks: ["fx-front"], states: ["running"] }));
    expect(sandboxNames(t)).toEqual(["fx-web"]);
    expect(endpointPairs(t)).toEqual(["fx-web@fx-front"]);
  });

  it("returns the input when nothing is dropped", () => {
    const all = filterOptions(local).states.map((s) => s.value);
    expect(filterTopology(local, f({ states: all }))).toBe(local);
  });
});

describe("filterTopology by compose project", () => {
  const t = withProjects({ "fx-web": "shop", "fx-db": "shop", "fx-sidecar": "tools", "fx-v6c": "lab" });

  it("keeps the sandboxes whose containers carry the project", () => {
    expect(sandboxNames(filterTopology(t, f({ projects: ["shop"] })))).toEqual(["fx-db", "fx-web"]);
    expect(sandboxNames(filterTopology(t, f({ projects: ["shop", "lab"] })))).toEqual(["fx-db", "fx-v6c", "fx-web"]);
  });

  it("matches a sandbox when any of its containers does (a sidecar's project)", () => {
    expect(sandboxNames(filterTopology(t, f({ projects: ["tools"] })))).toEqual(["fx-web"]);
  });

  it("keeps every network (a project alone does not restrict networks)", () => {
    const out = filterTopology(t, f({ projects: ["shop"] }));
    expect(out.networks).toBe(t.networks);
    expect(endpointPairs(out)).toEqual(["fx-db@fx-back", "fx-web@fx-back", "fx-web@fx-front"]);
  });
});

describe("filterTopology's result", () => {
  it("keeps the engine and does not touch the input", () => {
    const before = JSON.stringify(local);
    const t = filterTopology(local, f({ networks: ["fx-back"], hidePredefined: true, states: ["running"] }));
    expect(t.engine).toBe(local.engine);
    expect(JSON.stringify(local)).toBe(before);
  });

  it("reuses the objects it keeps", () => {
    const t = filterTopology(local, f({ networks: ["fx-back"] }));
    const back = networkNamed(local, "fx-back");
    expect(t.networks[0]).toBe(back);
  });

  it("counts containers, sidecars included", () => {
    expect(containerCount(local)).toBe(local.sandboxes.reduce((n, s) => n + s.containers.length, 0));
    expect(containerCount(filterTopology(local, f({ networks: ["fx-back"] })))).toBe(5);
  });

  it("sameFilter compares values", () => {
    expect(sameFilter(f({ networks: ["a"] }), f({ networks: ["a"] }))).toBe(true);
    expect(sameFilter(f({ networks: ["a"] }), f({ networks: ["b"] }))).toBe(false);
    expect(sameFilter(f({ hidePredefined: true }), EMPTY_FILTER)).toBe(false);
  });
});

describe("the filter in the URL", () => {
  it("reads comma-separated lists, trimmed, without empties or repeats", () => {
    const p = new URLSearchParams("net=fx-back,%20fx-front,,fx-back&driver=bridge&project=shop&state=running,exited&hidePredefined=1");
    expect(filterFromParams(p)).toEqual({
      networks: ["fx-back", "fx-front"],
      drivers: ["bridge"],
      projects: ["shop"],
      states: ["running", "exited"],
      hidePredefined: true,
    });
    expect(splitList(null)).toEqual([]);
    expect(filterFromParams(new URLSearchParams("hidePredefined=0"))).toEqual(EMPTY_FILTER);
    expect(filterFromParams(new URLSearchParams(""))).toEqual(EMPTY_FILTER);
  });

  it("writes the filter and keeps every other parameter in place", () => {
    const p = new URLSearchParams("select=sbx:abc&net=old&x=1");
    const out = withFilter(p, f({ networks: ["fx-back", "fx-front"], hidePredefined: true }));
    expect([...out.keys()]).toEqual(["select", "net", "x", "hidePredefined"]);
    expect(out.get("select")).toBe("sbx:abc");
    expect(out.get("net")).toBe("fx-back,fx-front");
    expect(out.get("hidePredefined")).toBe("1");
    expect(p.get("net")).toBe("old");
  });

  it("clearing removes only the filter's parameters", () => {
    const p = new URLSearchParams("net=a&driver=b&project=c&state=d&hidePredefined=1&select=net:abc");
    expect(withFilter(p, EMPTY_FILTER).toString()).toBe("select=net%3Aabc");
  });

  it("round-trips", () => {
    const filter = f({ networks: ["a", "b"], drivers: ["weaveworks/net:latest"], states: ["running"], hidePredefined: true });
    expect(filterFromParams(withFilter(new URLSearchParams(), filter))).toEqual(filter);
  });

  it("has a key that ignores other parameters and parses back to the filter", () => {
    const a = filterKey(new URLSearchParams("net=a&select=sbx:1"));
    expect(a).toBe(filterKey(new URLSearchParams("select=sbx:2&net=a")));
    expect(a).not.toBe(filterKey(new URLSearchParams("net=b")));
    expect(JSON.parse(a)).toEqual(f({ networks: ["a"] }));
  });

  it("builds a readable href", () => {
    expect(hrefOf("/", new URLSearchParams([["select", "sbx:abc"], ["net", "a,b"]]))).toBe("/?select=sbx:abc&net=a,b");
    expect(hrefOf("/", new URLSearchParams(), "#x")).toBe("/#x");
    const back = new URLSearchParams(hrefOf("/", new URLSearchParams([["net", "a,b"], ["select", "ep:1:2"]])).slice(2));
    expect(back.get("net")).toBe("a,b");
    expect(back.get("select")).toBe("ep:1:2");
  });
});
