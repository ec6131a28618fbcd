import { describe, expect, it } from "vitest";
import { DAGRE_LIMIT, autoLayout, placeNodes, type LayoutEdge, type LayoutNode } from "@/lib/graph/layout";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { XY } from "@/lib/graph/types";
import { buildTopology } from "@/lib/topology/build";
import { seededRandom } from "../support/random";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import * as bruteForce from "./helpers/layout-brute-force";

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
    // A new node whose automatic spot was free keeps it exactly.
    for (const n of freshNodes) {
      const a = { ...pos(auto, n.id), width: n.width, height: n.height };
      if (knownBoxes.every((k) => !tooClose(a, k, GAP))) expect(pos(out, n.id)).toEqual(pos(auto, n.id));
    }
  });
  it("puts a new sandbox under its network and a new network beside the graph, moving nothing", () => {
    const nodes2: LayoutNode[] = [
      { id: "net:a", width: 260, height: 100 },
      { id: "sbx:1", width: 240, height: 90 },
      { id: "sbx:2", width: 240, height: 90 },
      { id: "sbx:3", width: 240, height: 90 },
      { id: "net:b", width: 260, height: 100 },
    ];
    const edges2: LayoutEdge[] = [
      { source: "net:a", target: "sbx:1" },
      { source: "net:a", target: "sbx:2" },
      { source: "net:a", target: "sbx:3" },
    ];
    const known = new Map<string, XY>([
      ["net:a", { x: 1000, y: 500 }],
      ["sbx:1", { x: 1010, y: 750 }],
      ["sbx:2", { x: 1300, y: 750 }],
    ]);
    const out = placeNodes(nodes2, edges2, known);
    for (const [id, p] of known) expect(out.get(id)).toEqual(p);
    const s3 = pos(out, "sbx:3");
    expect(s3.y).toBeGreaterThanOrEqual(500 + 100 + 150); // below its network, leaving room for labels
    expect(Math.abs(s3.x - 1010)).toBeLessThanOrEqual(3 * (240 + GAP)); // near it, not across the canvas
    const b = pos(out, "net:b");
    expect(b.x).toBeGreaterThan(1300 + 240); // right of everything
    expect(b.y).toBe(500); // level with the top
    const all = boxes(nodes2, out);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(tooClose(must(all[i], "i"), must(all[j], "j"), 0)).toBe(false);
    }
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

describe("block layout for large graphs", () => {
  // 40 networks with 8 sandboxes each, some sandboxes on two networks, a few unattached nodes.
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  for (let n = 0; n < 40; n++) {
    nodes.push({ id: `net:${n}`, width: 260, height: 100 + (n % 3) * 18 });
    for (let k = 0; k < 8; k++) {
      const id = `sbx:${n}-${k}`;
      nodes.push({ id, width: 240, height: 86 + (k % 2) * 42 });
      edges.push({ source: `net:${n}`, target: id });
      if (k === 0) edges.push({ source: `net:${(n + 1) % 40}`, target: id });
    }
  }
  nodes.push({ id: "sbx:orphan", width: 240, height: 86 }, { id: "net:empty", width: 260, height: 100 });
  const out = autoLayout(nodes, edges);

  it("is used past DAGRE_LIMIT and places every node without overlaps", () => {
    expect(nodes.length).toBeGreaterThan(DAGRE_LIMIT);
    expect(out.size).toBe(nodes.length);
    const all = boxes(nodes, out).sort((a, b) => a.x - b.x);
    for (let i = 0; i < all.length; i++) {
      const a = must(all[i], "a");
      for (let j = i + 1; j < all.length && must(all[j], "b").x < a.x + a.width; j++) {
        expect(tooClose(a, must(all[j], "b"), 0), `${a.id} / ${must(all[j], "b").id}`).toBe(false);
      }
    }
  });

  it("hangs each sandbox below its first network", () => {
    for (const e of edges.filter((e) => e.target.endsWith("-1"))) {
      expect(pos(out, e.target).y).toBeGreaterThan(pos(out, e.source).y + 100);
    }
  });

  it("has a screen-like shape, not one endless row", () => {
    const all = boxes(nodes, out);
    const width = Math.max(...all.map((b) => b.x + b.width)) - Math.min(...all.map((b) => b.x));
    const height = Math.max(...all.map((b) => b.y + b.height)) - Math.min(...all.map((b) => b.y));
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(4);
  });

  it("is deterministic", () => {
    expect(autoLayout(nodes, edges)).toEqual(out);
  });
});

/** Pairs of boxes that overlap or touch, found by a sweep along x (fast enough for thousands). */
function overlappingPairs(all: (XY & { id: string; width: number; height: number })[]): string[] {
  const sorted = [...all].sort((a, b) => a.x - b.x);
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = must(sorted[i], "a");
    for (let j = i + 1; j < sorted.length && must(sorted[j], "b").x < a.x + a.width; j++) {
      const b = must(sorted[j], "b");
      if (tooClose(a, b, 0)) pairs.push(`${a.id} / ${b.id}`);
    }
  }
  return pairs;
}

/**
 * A graph like a large engine's: `networks` networks, `sandboxes` sandboxes
 * spread over them (a third on a second network too, some with published
 * ports to the host node), of varied heights, and a few unattached nodes.
 */
function syntheticGraph(networks: number, sandboxes: number, seed: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const random = seededRandom(seed);
  const nodes: LayoutNode[] = [{ id: "host:engine", width: 220, height: 104 }];
  const edges: LayoutEdge[] = [];
  for (let n = 0; n < networks; n++) nodes.push({ id: `net:${n}`, width: 260, height: 100 + Math.floor(random() * 4) * 18 });
  for (let s = 0; s < sandboxes; s++) {
    const id = `sbx:${s}`;
    nodes.push({ id, width: 240, height: 86 + Math.floor(random() * 4) * 21 });
    if (s % 97 === 5) continue; // unattached: a stopped container
    const first = Math.floor(random() * networks);
    edges.push({ source: `net:${first}`, target: id });
    if (random() < 1 / 3) edges.push({ source: `net:${(first + 1 + Math.floor(random() * (networks - 1))) % networks}`, target: id });
    if (random() < 0.1) edges.push({ source: "host:engine", target: id, type: "port" });
  }
  return { nodes, edges };
}

describe("placement at scale matches the brute-force placement exactly", () => {
  const { nodes, edges } = syntheticGraph(100, 1000, 42);
  const random = seededRandom(9);
  const first = bruteForce.placeNodes(nodes, edges, new Map());
  const span = (axis: "x" | "y"): number => Math.max(...[...first.values()].map((p) => p[axis]));

  it("on a first layout with nothing known (the block layout and the host beside it)", () => {
    expect(nodes.length).toBeGreaterThan(DAGRE_LIMIT);
    expect(placeNodes(nodes, edges, new Map())).toEqual(first);
  });

  it("on a first layout with some positions known, piled where new nodes would go", () => {
    const known = new Map<string, XY>();
    for (const n of nodes) {
      if (random() < 0.15) known.set(n.id, { x: Math.floor(random() * span("x")) + (random() < 0.3 ? 0.5 : 0), y: Math.floor(random() * span("y")) });
    }
    const out = placeNodes(nodes, edges, known);
    expect(out).toEqual(bruteForce.placeNodes(nodes, edges, known));
    // Some nodes really were moved off their automatic spot, so the free-spot search was exercised.
    expect([...out].filter(([id, p]) => !known.has(id) && (p.x !== first.get(id)?.x || p.y !== first.get(id)?.y)).length).toBeGreaterThan(20);
  });

  it("on an update: new sandboxes, networks and the host among nodes the user moved", () => {
    const known = new Map<string, XY>();
    for (const [id, p] of first) {
      if (random() < 0.08) continue; // new since the last draw
      // The user dragged some nodes, a few onto others.
      known.set(id, random() < 0.2 ? { x: p.x + Math.floor(random() * 600) - 300, y: p.y + Math.floor(random() * 400) - 200 } : p);
    }
    known.delete("host:engine");
    const out = placeNodes(nodes, edges, known);
    expect(nodes.length - known.size).toBeGreaterThan(50);
    expect(out).toEqual(bruteForce.placeNodes(nodes, edges, known));
  });

  it("on a graph small enough for dagre, with a few positions known", () => {
    const small = syntheticGraph(12, DAGRE_LIMIT - 13, 5);
    const auto = bruteForce.placeNodes(small.nodes, small.edges, new Map());
    expect(placeNodes(small.nodes, small.edges, new Map())).toEqual(auto);
    const known = new Map<string, XY>();
    small.nodes.forEach((n, i) => {
      const p = must(auto.get(n.id), n.id);
      if (i % 5 === 0) known.set(n.id, { x: p.x + 130, y: p.y + 40 });
    });
    expect(placeNodes(small.nodes, small.edges, known)).toEqual(bruteForce.placeNodes(small.nodes, small.edges, known));
  });
});

describe("placing 2,000 new nodes among 2,000 known ones", () => {
  const { nodes, edges } = syntheticGraph(200, 3799, 11);
  const random = seededRandom(3);
  // The known half: networks and sandboxes where the automatic layout put them, some dragged about, a few onto each other.
  const auto = autoLayout(nodes, edges);
  const known = new Map<string, XY>();
  for (const n of nodes) {
    if (known.size >= 2000 || (n.id.startsWith("sbx:") && random() < 0.5)) continue;
    const p = pos(auto, n.id);
    known.set(n.id, random() < 0.25 ? { x: p.x + Math.floor(random() * 800) - 400, y: p.y + Math.floor(random() * 500) - 250 } : p);
  }
  const out = placeNodes(nodes, edges, known);

  it("keeps every known position and places every new node", () => {
    expect(nodes.length).toBe(4000);
    expect(known.size).toBe(2000);
    expect(out.size).toBe(4000);
    for (const [id, p] of known) expect(out.get(id)).toEqual(p);
  });

  it("overlaps nothing: new nodes stay clear of known ones and of each other", () => {
    const fresh = boxes(
      nodes.filter((n) => !known.has(n.id)),
      out,
    );
    const knownIds = new Set(known.keys());
    const clashes = overlappingPairs(boxes(nodes, out)).filter((pair) => pair.split(" / ").some((id) => !knownIds.has(id)));
    expect(fresh.length).toBe(2000);
    expect(clashes).toEqual([]);
  });
});
