/**
 * Folding sandboxes into cluster nodes (lib/graph/group.ts), on the captured
 * fixtures and on a synthetic engine of a thousand sandboxes: every sandbox
 * is drawn or in exactly one cluster, links count the edges they stand for,
 * expanding restores the sandboxes and their edges as they were, and the
 * layout hangs each network's cluster under it.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_WIDTH, clusterHeight, topologyToGraph } from "@/lib/graph/to-graph";
import { clusterAssignment, clusterOf, groupGraph, type GroupBy } from "@/lib/graph/group";
import { HOST_NODE_ID, SANDBOX_HOST_HANDLE, UNATTACHED_KEY, clusterNodeId, linkEdgeId, networkNodeId } from "@/lib/graph/ids";
import { isSideEdge, placeNodes, satelliteIds } from "@/lib/graph/layout";
import type { ClusterGraphNode, Graph, GraphEdge, LinkGraphEdge, SandboxGraphNode, XY } from "@/lib/graph/types";
import { COMPOSE_PROJECT_LABEL } from "@/lib/topology/describe";
import { endpoint, network, sandbox } from "./helpers/topology";
import { must, rawContainer, rawNetwork } from "./helpers/fixtures";
import { fixtureGraph, networkNodeNamed, nodeById, sandboxNodeOf, syntheticGraph } from "./helpers/graphs";

const NONE: ReadonlySet<string> = new Set();

const clusters = (g: Graph): ClusterGraphNode[] => g.nodes.filter((n): n is ClusterGraphNode => n.type === "cluster");
const sandboxes = (g: Graph): SandboxGraphNode[] => g.nodes.filter((n): n is SandboxGraphNode => n.type === "sandbox");
const links = (g: Graph): LinkGraphEdge[] => g.edges.filter((e): e is LinkGraphEdge => e.type === "link");
const cluster = (g: Graph, id: string): ClusterGraphNode => must(clusters(g).find((c) => c.id === id), `cluster ${id}`);
const link = (g: Graph, source: string, target: string): LinkGraphEdge =>
  must(links(g).find((e) => e.source === source && e.target === target), `link ${source} -> ${target}`);

/**
 * What must hold of any grouping of `g`: each sandbox drawn (the same object)
 * or in exactly one cluster; each original edge kept (the same object) or
 * stood for by exactly one link, which counts it; every other node kept.
 */
function expectConsistent(g: Graph, grouped: Graph, by: Exclude<GroupBy, "none">, expanded: ReadonlySet<string>): void {
  const original = new Set<object>([...g.nodes, ...g.edges]);
  const nodesBefore = new Map(g.nodes.map((n) => [n.id, n]));
  const edgesBefore = new Map(g.edges.map((e) => [e.id, e]));
  const edgesAfter = new Set<object>(grouped.edges);
  const drawn = new Set(grouped.nodes.map((n) => n.id));
  expect(drawn.size, "node IDs are unique").toBe(grouped.nodes.length);
  expect(new Set(grouped.edges.map((e) => e.id)).size, "edge IDs are unique").toBe(grouped.edges.length);

  // Sandboxes: drawn, or a member of exactly one cluster.
  const memberOf = new Map<string, string>();
  for (const c of clusters(grouped)) {
    expect(c.id).toBe(clusterNodeId(by, c.data.key));
    expect(c.data.by).toBe(by);
    expect(expanded.has(c.id), `${c.id} is expanded`).toBe(false);
    expect(c.data.sandboxCount, `${c.id} has more than one sandbox`).toBeGreaterThan(1);
    expect(c.data.members).toHaveLength(c.data.sandboxCount);
    expect(c.data.members).toEqual([...c.data.members].sort());
    expect(c.data.running + c.data.stopped).toBe(c.data.sandboxCount);
    for (const m of c.data.members) {
      expect(memberOf.has(m), `${m} in one cluster only`).toBe(false);
      expect(drawn.has(m), `${m} drawn and folded`).toBe(false);
      memberOf.set(m, c.id);
    }
    const members = c.data.members.map((m) => nodesBefore.get(m) as SandboxGraphNode);
    expect(c.data.stopped).toBe(members.filter((m) => m.data.stopped).length);
    expect(c.data.containerCount).toBe(members.reduce((n, m) => n + m.data.sandbox.containers.length, 0));
    expect(c.width).toBe(CLUSTER_WIDTH);
    expect(c.height).toBe(clusterHeight(c.data));
  }
  const assignment = clusterAssignment(g, by);
  for (const s of sandboxes(g)) {
    expect(drawn.has(s.id) !== memberOf.has(s.id), `${s.data.ownerName} drawn xor folded`).toBe(true);
    // Folded into the cluster it is assigned to; drawn when its cluster is expanded or it has none.
    expect(memberOf.get(s.id) ?? null).toBe(expanded.has(assignment.get(s.id) ?? "") ? null : (assignment.get(s.id) ?? null));
  }
  const someone = must(sandboxes(g)[0], "a sandbox");
  expect(clusterOf(g, by, someone.id)).toBe(assignment.get(someone.id) ?? null);
  const folded = sandboxes(g).filter((s) => memberOf.has(s.id)).length;
  expect(clusters(grouped).reduce((n, c) => n + c.data.sandboxCount, 0)).toBe(folded);

  // Every node that is not a cluster is an original, in the original order.
  const kept = grouped.nodes.filter((n) => n.type !== "cluster");
  for (const n of kept) expect(original.has(n), `${n.id} is the same object`).toBe(true);
  const order = new Map(g.nodes.map((n, i) => [n.id, i]));
  const indices = kept.map((n) => must(order.get(n.id), n.id));
  expect(indices).toEqual([...indices].sort((a, b) => a - b));
  // Networks first, the host last.
  const types = grouped.nodes.map((n) => n.type);
  expect(types.slice(types.findIndex((t) => t !== "network"))).not.toContain("network");
  if (types.includes("host")) expect(types.indexOf("host")).toBe(types.length - 1);

  // Edges: kept as they were, or stood for by exactly one link.
  const replacedBy = new Map<string, string>();
  for (const l of links(grouped)) {
    expect(l.id).toBe(linkEdgeId(l.source, l.target));
    expect(drawn.has(l.source) && drawn.has(l.target)).toBe(true);
    expect(l.data.count).toBe(l.data.replaces.length);
    expect(l.data.active).toBeLessThanOrEqual(l.data.count);
    const c = cluster(grouped, l.target);
    for (const id of l.data.replaces) {
      expect(replacedBy.has(id), `${id} replaced once`).toBe(false);
      replacedBy.set(id, l.id);
      const e = must(edgesBefore.get(id), id);
      expect(e.source).toBe(l.source);
      expect(memberOf.get(e.target)).toBe(c.id);
      expect(l.data.kind).toBe(e.type === "endpoint" ? "endpoints" : "ports");
    }
    expect(l.targetHandle).toBe(l.data.kind === "ports" ? SANDBOX_HOST_HANDLE : undefined);
    expect(isSideEdge(l)).toBe(l.data.kind === "ports");
  }
  for (const e of g.edges) {
    const kept = edgesAfter.has(e);
    expect(kept !== replacedBy.has(e.id), `${e.id} kept xor replaced`).toBe(true);
    expect(kept).toBe(!memberOf.has(e.target));
  }
  for (const e of grouped.edges) {
    expect(drawn.has(e.source) && drawn.has(e.target), `${e.id} joins drawn nodes`).toBe(true);
    if (e.type !== "link") expect(original.has(e)).toBe(true);
  }
  // A cluster's endpoints are those its endpoint links stand for.
  for (const c of clusters(grouped)) {
    const endpointLinks = links(grouped).filter((l) => l.target === c.id && l.data.kind === "endpoints");
    expect(c.data.endpointCount).toBe(endpointLinks.reduce((n, l) => n + l.data.count, 0));
    expect(c.data.endpointCount).toBe(g.edges.filter((e) => e.type === "endpoint" && memberOf.get(e.target) === c.id).length);
  }
}

/** The network-mode rule: a cluster's home link comes from its network and reaches every member. */
function expectHomeLinks(grouped: Graph): void {
  for (const c of clusters(grouped)) {
    const home = links(grouped).filter((l) => l.target === c.id && l.data.home);
    if (c.data.key === UNATTACHED_KEY) {
      expect(home).toEqual([]);
      expect(c.data.label).toBe("not on a network");
      continue;
    }
    expect(home, `${c.data.label} has one home link`).toHaveLength(1);
    const h = must(home[0], "home link");
    expect(h.source).toBe(networkNodeId(c.data.key));
    expect(h.data.count).toBe(c.data.sandboxCount);
    const net = nodeById(grouped, h.source);
    expect(net.type === "network" && net.data.network.name).toBe(c.data.label);
    expect(net.type === "network" && net.data.network.driver).toBe(c.data.driver);
    // The home link is the cluster's first attachment, so layout hangs the cluster under it.
    expect(grouped.edges.find((e) => e.target === c.id && !isSideEdge(e))).toBe(h);
  }
}

function expectPlacedUnderNetworks(grouped: Graph): void {
  const positions = placeNodes(grouped.nodes, grouped.edges, new Map());
  const pos = (id: string): XY => must(positions.get(id), `position of ${id}`);
  expect(positions.size).toBe(grouped.nodes.length);
  for (const c of clusters(grouped)) {
    if (c.data.by !== "network" || c.data.key === UNATTACHED_KEY) continue;
    const net = nodeById(grouped, networkNodeId(c.data.key));
    expect(pos(c.id).y, `${c.data.label} under its network`).toBeGreaterThan(pos(net.id).y + net.height);
  }
  const boxes = grouped.nodes.map((n) => ({ id: n.id, ...pos(n.id), w: n.width, h: n.height }));
  for (let i = 0; i < boxes.length; i++) {
    const a = must(boxes[i], "a");
    for (let j = i + 1; j < boxes.length; j++) {
      const b = must(boxes[j], "b");
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  if (grouped.nodes.some((n) => n.id === HOST_NODE_ID)) expect(satelliteIds(grouped.nodes, grouped.edges).has(HOST_NODE_ID)).toBe(true);
}

describe("groupGraph: none", () => {
  it("returns the graph itself", () => {
    const g = fixtureGraph("local");
    expect(groupGraph(g, { by: "none", expanded: NONE })).toBe(g);
    expect(clusterAssignment(g, "none").size).toBe(0);
    expect(clusterOf(g, "none", sandboxNodeOf(g, "fx-db").id)).toBeNull();
  });
});

describe("groupGraph by network on local.json", () => {
  const g = fixtureGraph("local");
  const grouped = groupGraph(g, { by: "network", expanded: NONE });
  const back = clusterNodeId("network", networkNodeNamed(g, "fx-back").data.network.id);
  const bridge = clusterNodeId("network", networkNodeNamed(g, "bridge").data.network.id);

  it("folds each network's sandboxes (by their first endpoint) and draws lone ones as themselves", () => {
    expectConsistent(g, grouped, "network", NONE);
    expectHomeLinks(grouped);
    expect(clusters(grouped).map((c) => [c.data.label, c.data.sandboxCount]).sort()).toEqual([
      ["bridge", 2],
      ["fx-back", 3],
    ]);
    // fx-stopped is on fx-back and fx-front; its first endpoint is fx-back's.
    const c = cluster(grouped, back);
    expect(c.data.members).toEqual(["fx-db", "fx-stopped", "fx-web"].map((o) => sandboxNodeOf(g, o).id).sort());
    expect(c.data).toMatchObject({ running: 2, stopped: 1, endpointCount: 5, driver: "bridge", containerCount: 5 });
    expect(c.data.networks).toBeUndefined();
    // Alone on their networks: drawn as sandboxes.
    for (const owner of ["fx-created", "fx-host", "fx-none", "fx-noicc-a", "fx-v6c"]) expect(grouped.nodes).toContain(sandboxNodeOf(g, owner));
    expect(clusterOf(g, "network", sandboxNodeOf(g, "fx-created").id)).toBeNull();
  });

  it("draws one link per network and cluster, counting the endpoints it stands for", () => {
    const front = networkNodeNamed(g, "fx-front").id;
    expect(link(grouped, networkNodeNamed(g, "fx-back").id, back).data).toMatchObject({ kind: "endpoints", count: 3, active: 2, home: true, label: "3 endpoints" });
    expect(link(grouped, front, back).data).toMatchObject({ kind: "endpoints", count: 2, active: 1, home: false, label: "2 endpoints" });
    expect(link(grouped, networkNodeNamed(g, "bridge").id, bridge).data).toMatchObject({ count: 2, active: 1, home: true });
  });

  it("draws the host's ports into a cluster as one side link to its host handle", () => {
    expect(link(grouped, HOST_NODE_ID, bridge).data).toMatchObject({ kind: "ports", count: 2, home: false, driver: "", label: "2 published ports" });
    expect(link(grouped, HOST_NODE_ID, back).data).toMatchObject({ kind: "ports", count: 1, label: "1 published port" });
    // fx-host is alone on the host network: its host-mode edge stays as it was.
    expect(grouped.edges.filter((e) => e.type === "host-mode")).toHaveLength(1);
    expect(nodeById(grouped, HOST_NODE_ID)).toBe(nodeById(g, HOST_NODE_ID));
  });

  it("restores exactly a cluster's sandboxes and their edges when it is expanded", () => {
    const expanded = new Set([back]);
    const open = groupGraph(g, { by: "network", expanded });
    expectConsistent(g, open, "network", expanded);
    const members = cluster(grouped, back).data.members;
    for (const m of members) expect(open.nodes).toContain(nodeById(g, m));
    const theirs = g.edges.filter((e) => members.includes(e.target));
    for (const e of theirs) expect(open.edges).toContain(e);
    expect(open.edges.filter((e) => e.target === back)).toEqual([]);
    // The other cluster is as it was.
    expect(cluster(open, bridge)).toEqual(cluster(grouped, bridge));
    expect(clusterOf(g, "network", must(members[0], "member"))).toBe(back);
  });

  it("returns the graph itself when every cluster is expanded", () => {
    expect(groupGraph(g, { by: "network", expanded: new Set([back, bridge]) })).toBe(g);
  });

  it("is deterministic", () => {
    expect(groupGraph(g, { by: "network", expanded: NONE })).toEqual(grouped);
  });

  it("places each cluster under its network without overlaps", () => {
    expectPlacedUnderNetworks(grouped);
  });
});

describe("groupGraph by network on swarm.json", () => {
  it("keeps every count consistent and places clusters under their networks", () => {
    const g = fixtureGraph("swarm");
    const grouped = groupGraph(g, { by: "network", expanded: NONE });
    expectConsistent(g, grouped, "network", NONE);
    expectHomeLinks(grouped);
    expectPlacedUnderNetworks(grouped);
  });
});

describe("groupGraph: sandboxes on no network", () => {
  const net = network("app");
  const a = sandbox("a");
  const b = sandbox("b", { state: "created" });
  const c = sandbox("c", { networkMode: "none", state: "exited" });
  const d = sandbox("d");
  const g = topologyToGraph({ networks: [net], sandboxes: [a, b, c, d], endpoints: [endpoint(a, net, "10.0.0.2")] });

  it("go into one cluster, with no home link", () => {
    const grouped = groupGraph(g, { by: "network", expanded: NONE });
    expectConsistent(g, grouped, "network", NONE);
    expectHomeLinks(grouped);
    const un = cluster(grouped, clusterNodeId("network", UNATTACHED_KEY));
    expect(un.data).toMatchObject({ label: "not on a network", driver: null, sandboxCount: 3, running: 1, stopped: 2, endpointCount: 0 });
    expect(grouped.edges).toEqual(g.edges); // a's endpoint: a is alone on app
    expectPlacedUnderNetworks(grouped);
  });
});

describe("groupGraph by project on local.json", () => {
  // fx-db, fx-stopped and fx-web (labelled on its sidecar only) in project "fx", whose network is fx-back; fx-default alone in "solo".
  const g = fixtureGraph("local", (f) => {
    for (const name of ["fx-db", "fx-stopped", "fx-sidecar"]) rawContainer(f, name).Labels = { [COMPOSE_PROJECT_LABEL]: "fx" };
    rawContainer(f, "fx-default").Labels = { [COMPOSE_PROJECT_LABEL]: "solo" };
    rawNetwork(f, "fx-back").Labels = { [COMPOSE_PROJECT_LABEL]: "fx" };
  });
  const grouped = groupGraph(g, { by: "project", expanded: NONE });
  const fx = clusterNodeId("project", "fx");

  it("folds a project's sandboxes, using the first container that names a project", () => {
    expectConsistent(g, grouped, "project", NONE);
    expect(clusters(grouped).map((c) => c.id)).toEqual([fx]);
    const c = cluster(grouped, fx);
    expect(c.data).toMatchObject({ label: "fx", key: "fx", driver: null, sandboxCount: 3, networks: ["fx-back", "fx-front"] });
    expect(c.data.members).toContain(sandboxNodeOf(g, "fx-web").id);
    // Alone in its project, or in none: drawn as themselves.
    expect(grouped.nodes).toContain(sandboxNodeOf(g, "fx-default"));
    expect(grouped.nodes).toContain(sandboxNodeOf(g, "fx-created"));
    expect(clusterOf(g, "project", sandboxNodeOf(g, "fx-default").id)).toBeNull();
  });

  it("marks the links from the project's own networks as home", () => {
    expect(link(grouped, networkNodeNamed(g, "fx-back").id, fx).data).toMatchObject({ home: true, count: 3 });
    expect(link(grouped, networkNodeNamed(g, "fx-front").id, fx).data).toMatchObject({ home: false, count: 2 });
  });

  it("places without overlaps", () => {
    expectPlacedUnderNetworks(grouped);
  });
});

describe("groupGraph on 1,000 sandboxes", () => {
  const g = syntheticGraph({ projects: 17 });
  const total = sandboxes(g).length;

  it("has a thousand sandboxes to fold", () => {
    expect(total).toBeGreaterThanOrEqual(1000);
  });

  describe.each<Exclude<GroupBy, "none">>(["network", "project"])("by %s", (by) => {
    const grouped = groupGraph(g, { by, expanded: NONE });

    it("accounts for every sandbox and every edge", () => {
      expectConsistent(g, grouped, by, NONE);
      if (by === "network") expectHomeLinks(grouped);
    });

    it("draws fewer nodes and edges: tens of nodes by network, clusters and the projectless sandboxes by project", () => {
      expect(grouped.nodes.length).toBeLessThan(g.nodes.length / (by === "network" ? 10 : 3));
      // The synthetic projects are spread over every network, so by project each cluster has a link from most networks.
      expect(grouped.edges.length).toBeLessThan(by === "network" ? g.edges.length / 3 : g.edges.length);
    });

    it("keeps every untouched node and edge the same object", () => {
      const before = new Set<object>([...g.nodes, ...g.edges]);
      for (const n of grouped.nodes) if (n.type !== "cluster") expect(before.has(n)).toBe(true);
      for (const e of grouped.edges) if (e.type !== "link") expect(before.has(e)).toBe(true);
    });

    it("restores a cluster's sandboxes and their edges when it is expanded, changing nothing else", () => {
      const biggest = [...clusters(grouped)].sort((a, b) => b.data.sandboxCount - a.data.sandboxCount)[0];
      const c = must(biggest, "a cluster");
      const expanded = new Set([c.id]);
      const open = groupGraph(g, { by, expanded });
      expectConsistent(g, open, by, expanded);
      expect(open.nodes.length).toBe(grouped.nodes.length - 1 + c.data.sandboxCount);
      for (const m of c.data.members) expect(open.nodes).toContain(nodeById(g, m));
      const theirs: GraphEdge[] = g.edges.filter((e) => c.data.members.includes(e.target));
      for (const e of theirs) expect(open.edges).toContain(e);
      const linksInto = links(grouped).filter((l) => l.target === c.id);
      expect(theirs.length).toBe(linksInto.reduce((n, l) => n + l.data.count, 0));
      for (const other of clusters(grouped)) if (other.id !== c.id) expect(cluster(open, other.id)).toEqual(other);
    });

    it("places each cluster under its network without overlaps", () => {
      expectPlacedUnderNetworks(grouped);
    });
  });

  it("leaves sandboxes without a project as they are when grouping by project", () => {
    const grouped = groupGraph(g, { by: "project", expanded: NONE });
    const loose = sandboxes(grouped);
    expect(loose.length).toBeGreaterThan(0);
    for (const s of loose) expect(clusterAssignment(g, "project").has(s.id)).toBe(false);
    expect(clusters(grouped).every((c) => (c.data.networks ?? []).length > 0)).toBe(true);
  });
});

describe("isSideEdge for links", () => {
  it("treats a ports link as a side edge and an endpoints link as an attachment", () => {
    expect(isSideEdge({ source: "a", target: "b", type: "link", data: { kind: "ports" } })).toBe(true);
    expect(isSideEdge({ source: "a", target: "b", type: "link", data: { kind: "endpoints" } })).toBe(false);
    expect(isSideEdge({ source: "a", target: "b", type: "port" })).toBe(true);
    expect(isSideEdge({ source: "a", target: "b", type: "endpoint" })).toBe(false);
    expect(isSideEdge({ source: "a", target: "b" })).toBe(false);
  });
});
