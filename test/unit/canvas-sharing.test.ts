/**
 * Structural sharing from the topology to the canvas's objects: after a
 * change, only what it touched is a new object (React Flow re-renders a node
 * or edge whose object changed, and only those).
 */
import { describe, expect, it } from "vitest";
import { toFlowEdges, toFlowNodes, withClassNames, type FlowEdgeLike, type FlowNodeLike } from "@/lib/graph/flow";
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import { shareGraph } from "@/lib/graph/share";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph, XY } from "@/lib/graph/types";
import { buildTopology } from "@/lib/topology/build";
import { applyPatch, shareTopology } from "@/lib/topology/patch";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, snapshotOf } from "./helpers/fixtures";

const ENGINE: Topology["engine"] = { host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", swarm: "inactive" };
const full: Topology = { engine: ENGINE, ...buildTopology(snapshotOf(loadFixture("local"))) };

/** The fixture without one endpoint of a sandbox that has two or more: the state before a `docker network connect`. */
function beforeConnect(): { before: Topology; added: Topology["endpoints"][number] } {
  const perSandbox = new Map<string, number>();
  for (const e of full.endpoints) perSandbox.set(e.sandboxId, (perSandbox.get(e.sandboxId) ?? 0) + 1);
  const added = full.endpoints.find((e) => (perSandbox.get(e.sandboxId) ?? 0) >= 2);
  if (!added) throw new Error("the fixture has no sandbox on two networks");
  return { before: { ...full, endpoints: full.endpoints.filter((e) => e !== added) }, added };
}

/** IDs of the nodes and edges of `after` that are not the very objects of `before`. */
function changed(before: Graph, after: Graph): string[] {
  const old = new Set<object>([...before.nodes, ...before.edges]);
  return [...after.nodes, ...after.edges].filter((x) => !old.has(x)).map((x) => x.id).sort();
}

describe("shareGraph", () => {
  it("after a connect, only the new edge and its network are new objects (the sandbox's data does not hold endpoints)", () => {
    const { before, added } = beforeConnect();
    const g1 = topologyToGraph(before);
    const after = applyPatch(before, { epoch: "e", from: 0, to: 1, endpoints: { put: [added], del: [] } });
    const g2 = shareGraph(g1, topologyToGraph(after));
    const touched = changed(g1, g2);
    expect(touched).toContain(endpointEdgeId(added.networkId, added.sandboxId));
    expect(touched).toContain(networkNodeId(added.networkId));
    // At most the edge and its two nodes.
    const allowed = [endpointEdgeId(added.networkId, added.sandboxId), networkNodeId(added.networkId), sandboxNodeId(added.sandboxId)];
    expect(touched.every((id) => allowed.includes(id))).toBe(true);
  });

  it("returns the previous graph itself when nothing changed", () => {
    const g1 = topologyToGraph(full);
    expect(shareGraph(g1, topologyToGraph(full))).toBe(g1);
    expect(shareGraph(null, g1)).toBe(g1);
  });

  it("gives a new graph, with the rest shared, when a node goes", () => {
    const g1 = topologyToGraph(full);
    const gone = full.sandboxes[0];
    if (!gone) throw new Error("no sandbox");
    const without: Topology = { ...full, sandboxes: full.sandboxes.slice(1), endpoints: full.endpoints.filter((e) => e.sandboxId !== gone.id) };
    const g2 = shareGraph(g1, topologyToGraph(without));
    expect(g2).not.toBe(g1);
    expect(g2.nodes.some((n) => n.id === sandboxNodeId(gone.id))).toBe(false);
    const touched = changed(g1, g2);
    // The networks it was on change their endpoint counts; no sandbox changes.
    expect(touched.filter((id) => id.startsWith("sbx:"))).toEqual([]);
  });
});

describe("shareTopology", () => {
  it("keeps the held topology when a fetch brings the same state", () => {
    const held = { ...full, live: { epoch: "e", version: 3 } };
    expect(shareTopology(held, structuredClone(held))).toBe(held);
  });

  it("shares every unchanged network, sandbox and endpoint of a fetched topology", () => {
    const held = { ...full, live: { epoch: "e", version: 3 } };
    const fetched = structuredClone(held);
    fetched.live = { epoch: "e", version: 4 };
    const renamed = fetched.sandboxes[0];
    if (!renamed?.containers[0]) throw new Error("no container");
    renamed.containers[0].name = "renamed";
    const shared = shareTopology(held, fetched);
    expect(shared.live).toEqual({ epoch: "e", version: 4 });
    expect(shared.networks.every((n, i) => n === held.networks[i])).toBe(true);
    expect(shared.endpoints.every((e, i) => e === held.endpoints[i])).toBe(true);
    const same = shared.sandboxes.filter((s) => held.sandboxes.includes(s));
    expect(same.length).toBe(held.sandboxes.length - 1);
    expect(shared.sandboxes.find((s) => s.id === renamed.id)?.containers[0]?.name).toBe("renamed");
  });

  it("takes a fetched topology as it is when nothing is held", () => {
    expect(shareTopology(undefined, full)).toBe(full);
  });
});

describe("toFlowNodes / toFlowEdges", () => {
  const graph = topologyToGraph(full);
  const at = (x: number): ReadonlyMap<string, XY> => new Map(graph.nodes.map((n, i) => [n.id, { x: x + i, y: 0 }]));

  it("keeps every object whose data and position are the same", () => {
    const nodes = toFlowNodes<FlowNodeLike>(graph, at(0), []);
    expect(toFlowNodes(graph, at(0), nodes).every((n, i) => n === nodes[i])).toBe(true);
    const edges = toFlowEdges<FlowEdgeLike>(graph, []);
    expect(toFlowEdges(graph, edges).every((e, i) => e === edges[i])).toBe(true);
  });

  it("makes a new object for a moved node, keeping what React Flow stored on the old one", () => {
    const nodes = toFlowNodes<FlowNodeLike & { measured?: { width: number } }>(graph, at(0), []).map((n) => ({ ...n, measured: { width: 7 }, selected: true }));
    const moved = toFlowNodes(graph, at(5), nodes);
    expect(moved[0]).not.toBe(nodes[0]);
    expect(moved[0]).toMatchObject({ measured: { width: 7 }, selected: true, position: { x: 5, y: 0 } });
  });

  it("adds new edges unselected and decorated, keeping the selection of an edge whose data changed", () => {
    const edges = toFlowEdges<FlowEdgeLike & { marked?: boolean }>(graph, [], () => ({ marked: true }));
    expect(edges.every((e) => e.marked && e.selected === false)).toBe(true);
    const first = edges[0];
    if (!first) throw new Error("no edge");
    const selected = edges.map((e, i) => (i === 0 ? { ...e, selected: true, data: {} } : e));
    const again = toFlowEdges(graph, selected, () => ({ marked: true }));
    expect(again[0]).not.toBe(selected[0]);
    expect(again[0]?.selected).toBe(true);
    expect(again.slice(1).every((e, i) => e === selected[i + 1])).toBe(true);
  });
});

describe("withClassNames", () => {
  it("reuses the dimmed copy of an unchanged item and forgets items no longer dimmed", () => {
    const items = [
      { id: "a", v: 1 },
      { id: "b", v: 2 },
    ];
    const cache = new Map();
    const one = withClassNames(items, (i) => (i.id === "a" ? "dim" : undefined), cache);
    expect(one[1]).toBe(items[1]);
    expect(one[0]).toMatchObject({ id: "a", className: "dim" });
    const two = withClassNames(items, (i) => (i.id === "a" ? "dim" : undefined), cache);
    expect(two[0]).toBe(one[0]);
    withClassNames(items, () => undefined, cache);
    expect(cache.size).toBe(0);
  });
});

describe("topologyToGraph", () => {
  it("gives back the same node and edge objects for the same topology objects", () => {
    const g1 = topologyToGraph(full);
    const g2 = topologyToGraph({ ...full });
    expect(g2.nodes.filter((n) => n.type !== "host").every((n, i) => n === g1.nodes[i])).toBe(true);
    expect(g2.edges.filter((e) => e.type === "endpoint").every((e, i) => e === g1.edges[i])).toBe(true);
  });

  it("makes a network's node anew when its endpoint count changes, and an endpoint's edge when its owner is renamed", () => {
    const { before, added } = beforeConnect();
    const g1 = topologyToGraph(before);
    const g2 = topologyToGraph(full);
    const id = networkNodeId(added.networkId);
    expect(g2.nodes.find((n) => n.id === id)).not.toBe(g1.nodes.find((n) => n.id === id));
    const owner = full.sandboxes.find((s) => s.id === added.sandboxId);
    const first = owner?.containers[0];
    if (!owner || !first) throw new Error("no owner");
    const renamed = { ...owner, containers: [{ ...first, name: "renamed" }, ...owner.containers.slice(1)] };
    const g3 = topologyToGraph({ ...full, sandboxes: full.sandboxes.map((s) => (s === owner ? renamed : s)) });
    const edgeId = endpointEdgeId(added.networkId, added.sandboxId);
    const edge = g3.edges.find((e) => e.id === edgeId);
    expect(edge).not.toBe(g2.edges.find((e) => e.id === edgeId));
    expect(edge?.type === "endpoint" && edge.data.ownerName).toBe("renamed");
  });
});
