/**
 * Focus mode (lib/graph/focus.ts): one node, its direct neighbours and the
 * edges among them, the same objects as in the graph it came from.
 */
import { describe, expect, it } from "vitest";
import { focusGraph } from "@/lib/graph/focus";
import { groupGraph } from "@/lib/graph/group";
import { HOST_NODE_ID } from "@/lib/graph/ids";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph } from "@/lib/graph/types";
import { endpoint, network, sandbox } from "./helpers/topology";
import { fixtureGraph, networkNodeNamed, sandboxNodeOf, syntheticGraph } from "./helpers/graphs";

const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id).sort();

/** The neighbourhood, worked out independently: what shares an edge with `id`, and every edge among those. */
function expectNeighbourhood(g: Graph, id: string): Graph {
  const focused = focusGraph(g, id);
  const neighbours = new Set([id, ...g.edges.flatMap((e) => (e.source === id ? [e.target] : e.target === id ? [e.source] : []))]);
  expect(ids(focused.nodes)).toEqual([...neighbours].sort());
  expect(ids(focused.edges)).toEqual(ids(g.edges.filter((e) => neighbours.has(e.source) && neighbours.has(e.target))));
  // The same objects, in the graph's order.
  expect(focused.nodes).toEqual(g.nodes.filter((n) => focused.nodes.includes(n)));
  expect(focused.edges).toEqual(g.edges.filter((e) => focused.edges.includes(e)));
  for (const n of focused.nodes) expect(g.nodes).toContain(n);
  for (const e of focused.edges) expect(g.edges).toContain(e);
  return focused;
}

describe("focusGraph on local.json", () => {
  const g = fixtureGraph("local");

  it("returns the graph itself for an unknown node", () => {
    expect(focusGraph(g, "sbx:nothing")).toBe(g);
  });

  it("keeps a sandbox, its networks and the host, not the other sandboxes on its networks", () => {
    const web = sandboxNodeOf(g, "fx-web");
    const f = expectNeighbourhood(g, web.id);
    expect(ids(f.nodes)).toEqual([web.id, networkNodeNamed(g, "fx-back").id, networkNodeNamed(g, "fx-front").id, HOST_NODE_ID].sort());
    expect(f.edges.map((e) => e.type).sort()).toEqual(["endpoint", "endpoint", "port"]);
    expect(f.nodes).not.toContain(sandboxNodeOf(g, "fx-db"));
  });

  it("keeps a network and its sandboxes, without the host", () => {
    const back = networkNodeNamed(g, "fx-back");
    const f = expectNeighbourhood(g, back.id);
    expect(ids(f.nodes)).toEqual([back.id, ...["fx-db", "fx-stopped", "fx-web"].map((o) => sandboxNodeOf(g, o).id)].sort());
    expect(f.edges.every((e) => e.type === "endpoint" && e.source === back.id)).toBe(true);
  });

  it("keeps the host and the sandboxes it publishes to or shares its stack with", () => {
    const f = expectNeighbourhood(g, HOST_NODE_ID);
    expect(ids(f.nodes)).toEqual([HOST_NODE_ID, ...["fx-default", "fx-host", "fx-web"].map((o) => sandboxNodeOf(g, o).id)].sort());
  });

  it("works on a grouped graph: a network with its clusters", () => {
    const grouped = groupGraph(g, { by: "network", expanded: new Set() });
    const f = expectNeighbourhood(grouped, networkNodeNamed(g, "fx-front").id);
    expect(f.nodes.some((n) => n.type === "cluster")).toBe(true);
    expect(f.edges.some((e) => e.type === "link")).toBe(true);
  });
});

describe("focusGraph on 1,000 sandboxes", () => {
  const g = syntheticGraph();
  const grouped = groupGraph(g, { by: "network", expanded: new Set() });

  it("keeps exactly each node's neighbourhood", () => {
    for (const n of g.nodes.filter((_, i) => i % 97 === 0)) expectNeighbourhood(g, n.id);
    for (const n of grouped.nodes) expectNeighbourhood(grouped, n.id);
  });
});

it("returns the graph itself when the neighbourhood is everything", () => {
  const net = network("app");
  const a = sandbox("a");
  const b = sandbox("b");
  const g = topologyToGraph({ networks: [net], sandboxes: [a, b], endpoints: [endpoint(a, net, "10.0.0.2"), endpoint(b, net, "10.0.0.3")] });
  expect(focusGraph(g, networkNodeNamed(g, "app").id)).toBe(g);
  expect(focusGraph(g, sandboxNodeOf(g, "a").id).nodes).toHaveLength(2);
});

it("keeps a node with no edges alone", () => {
  const g = topologyToGraph({ networks: [network("app"), network("empty")], sandboxes: [], endpoints: [] });
  const f = focusGraph(g, networkNodeNamed(g, "empty").id);
  expect(ids(f.nodes)).toEqual([networkNodeNamed(g, "empty").id]);
  expect(f.edges).toEqual([]);
});
