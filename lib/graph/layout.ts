/**
 * Node placement. dagre lays the whole graph out top to bottom (networks
 * above the sandboxes attached to them); nodes the user placed, or that are
 * already on the canvas, keep their position, and only new nodes take
 * dagre's, nudged down until they overlap nothing. Pure and deterministic.
 */
import dagre from "@dagrejs/dagre";
import type { XY } from "./types";

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}
export interface LayoutEdge {
  source: string;
  target: string;
}

const GAP = 24;

/** dagre's top-left positions for every node. */
export function autoLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: 170, edgesep: 16, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of nodes) {
    const p = g.node(n.id);
    out.set(n.id, { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) });
  }
  return out;
}

interface Box extends XY {
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

/**
 * Positions for every node: `known` positions are kept; the others come from
 * the automatic layout, moved down past any box they would overlap.
 */
export function placeNodes(nodes: LayoutNode[], edges: LayoutEdge[], known: ReadonlyMap<string, XY>): Map<string, XY> {
  const out = new Map<string, XY>();
  const fresh = nodes.filter((n) => !known.has(n.id));
  const boxes: Box[] = [];
  for (const n of nodes) {
    const p = known.get(n.id);
    if (p) {
      out.set(n.id, p);
      boxes.push({ ...p, width: n.width, height: n.height });
    }
  }
  if (fresh.length === 0) return out;
  const auto = autoLayout(nodes, edges);
  for (const n of fresh) {
    const p = auto.get(n.id) ?? { x: 0, y: 0 };
    const box: Box = { ...p, width: n.width, height: n.height };
    if (boxes.length > 0) {
      for (let guard = 0; guard < 10_000; guard++) {
        const hit = boxes.find((b) => overlaps(box, b));
        if (!hit) break;
        box.y = hit.y + hit.height + GAP + 1;
      }
    }
    boxes.push(box);
    out.set(n.id, { x: box.x, y: box.y });
  }
  return out;
}
