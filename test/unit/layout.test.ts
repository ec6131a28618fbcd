import { describe, expect, it } from "vitest";
import { autoLayout, placeNodes, type LayoutEdge, type LayoutNode } from "@/lib/graph/layout";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { XY } from "@/lib/graph/types";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";

const GAP = 24;

function fixtureGraph(): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const g = topologyToGraph(buildTopology(snapshotOf(loadFixture("swarm"))));
  return {
    nodes: g.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: g.edges.map((e) => ({ source: e.source, target: e.target })),
  };
}

function pos(m: ReadonlyMap<string, XY>, id: string): XY {
  return must(m.get(id), `position of ${id}`);
}

/** True when two boxes overlap, or come closer than `gap`. */
function tooClose(a: XY & { width: number; height: number }, b: XY & { width: number; height: number }, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function boxes(nodes: LayoutNode[], m: ReadonlyMap<string, XY>) {
  return nodes.map((n) => ({ id: n.id, ...pos(m, n.id), width: n.width, height: n.height }));
}

describe("autoLayout", () => {
  const { nodes, edges } = fixtureGraph();
  const auto = autoLayout(nodes, edges);

  it("positions every node with integer coordinates", () => {
    expect([...auto.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const p of auto.values()) {
      expect(Number.isInteger(p.x)).toBe(true);
      expect(Number.isInteger(p.y)).toBe(true);
    }
  });

  it("puts each network above the sandboxes it connects to", () => {
    expect(edges.length).toBeGreaterThan(0);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const e of edges) {
      const net = pos(auto, e.source);
      const sbx = pos(auto, e.target);
      const netHeight = must(byId.get(e.source), e.source).height;
      expect(net.y + netHeight, `${e.source} above ${e.target}`).toBeLessThan(sbx.y);
    }
  });

  it("does not overlap any two nodes", () => {
    const b = boxes(nodes, auto);
    for (let i = 0; i < b.length; i++) {
      for (let j = i + 1; j < b.length; j++) {
        expect(tooClose(must(b[i], "i"), must(b[j], "j"), 0), `${b[i]?.id} / ${b[j]?.id}`).toBe(false);
      }
    }
  });

  it("is deterministic", () => {
    expect(autoLayout(nodes, edges)).toEqual(auto);
  });

  it("ignores edges to unknown nodes and handles an empty graph", () => {
    const one: LayoutNode[] = [{ id: "a", width: 100, height: 50 }];
    const m = autoLayout(one, [{ source: "a", target: "ghost" }]);
    expect([...m.keys()]).toEqual(["a"]);
    expect(autoLayout([], []).size).toBe(0);
  });
});

describe("placeNodes", () => {
  const { nodes, edges } = fixtureGraph();

  it("returns an empty map for an empty graph", () => {
    expect(placeNodes([], [], new Map()).size).toBe(0);
  });

  it("uses the automatic layout when nothing is known", () => {
    expect(placeNodes(nodes, edges, new Map())).toEqual(autoLayout(nodes, edges));
  });

  it("returns the known positions unchanged when every node is known", () => {
    const known = new Map<string, XY>(nodes.map((n, i) => [n.id, { x: i * 1000 + 0.5, y: -i * 7 }]));
    const out = placeNodes(nodes, edges, known);
    expect(out).toEqual(known);
  });

  it("keeps known positions and places new nodes clear of them", () => {
    // The user piled the first half of the nodes on top of where dagre puts the rest.
    const auto = autoLayout(nodes, edges);
    const half = Math.floor(nodes.length / 2);
    const knownNodes = nodes.slice(0, half);
    const freshNodes = nodes.slice(half);
    const known = new Map<string, XY>();
    knownNodes.forEach((n, i) => {
      const target = pos(auto, must(freshNodes[i % freshNodes.length], "fresh").id);
      known.set(n.id, { x: target.x + 3, y: target.y + 5 });
    });

    const out = placeNodes(nodes, edges, known);
    expect(out.size).toBe(nodes.length);
    for (const [id, p] of known) expect(out.get(id)).toEqual(p);

    const knownBoxes = boxes(knownNodes, out);
    const freshBoxes = boxes(freshNodes, out);
    for (const f of freshBoxes) {
      for (const k of knownBoxes) expect(tooClose(f, k, 0), `${f.id} over ${k.id}`).toBe(false);
    }
    // New nodes do not overlap each other either.
    for (let i = 0; i < freshBoxes.length; i++) {
      for (let j = i + 1; j < freshBoxes.length; j++) {
        expect(tooClose(must(freshBoxes[i], "i"), must(freshBoxes[j], "j"), 0)).toBe(false);
      }
    }
    // Only moved down, never sideways.
    for (const n of freshNodes) {
      expect(pos(out, n.id).x).toBe(pos(auto, n.id).x);
      expect(pos(out, n.id).y).toBeGreaterThanOrEqual(pos(auto, n.id).y);
    }
  });

  it("nudges a new node straight down below the box it would overlap, keeping the gap", () => {
    const nodes2: LayoutNode[] = [
      { id: "old", width: 200, height: 100 },
      { id: "new", width: 200, height: 80 },
    ];
    const auto = autoLayout(nodes2, []);
    const target = pos(auto, "new");
    const known = new Map<string, XY>([["old", { x: target.x, y: target.y }]]);
    const out = placeNodes(nodes2, [], known);
    expect(out.get("old")).toEqual({ x: target.x, y: target.y });
    expect(out.get("new")).toEqual({ x: target.x, y: target.y + 100 + GAP + 1 });
  });

  it("is deterministic: the same input gives the same output", () => {
    const known = new Map<string, XY>([[must(nodes[0], "n0").id, { x: 40, y: 40 }]]);
    const a = placeNodes(nodes, edges, known);
    const b = placeNodes([...nodes], [...edges], new Map(known));
    expect(b).toEqual(a);
  });

  it("places nodes that have no edges", () => {
    const lone: LayoutNode[] = [
      { id: "net:a", width: 260, height: 100 },
      { id: "sbx:b", width: 240, height: 86 },
      { id: "sbx:c", width: 240, height: 86 },
    ];
    const out = placeNodes(lone, [], new Map());
    expect(out.size).toBe(3);
    const b = boxes(lone, out);
    for (let i = 0; i < b.length; i++) {
      for (let j = i + 1; j < b.length; j++) expect(tooClose(must(b[i], "i"), must(b[j], "j"), 0)).toBe(false);
    }
  });

  it("ignores known positions of nodes that are no longer in the graph", () => {
    const lone: LayoutNode[] = [{ id: "a", width: 100, height: 40 }];
    const out = placeNodes(lone, [], new Map([["gone", { x: 1, y: 2 }]]));
    expect([...out.keys()]).toEqual(["a"]);
  });
});
