/**
 * Node placement. Pure and deterministic.
 *
 * - A first layout of a small graph uses dagre (top to bottom: networks
 *   above the sandboxes attached to them), whose crossing minimisation
 *   reads best. Past DAGRE_LIMIT nodes dagre takes seconds and yields one
 *   row hundreds of thousands of pixels wide, so large graphs get a block
 *   layout instead: each network with the sandboxes that hang mainly off it
 *   in a grid beneath it, blocks packed in shelves to a screen-like shape.
 * - An update keeps every known position (nodes already drawn, or placed by
 *   the user) and puts each new node next to what it is attached to: a new
 *   sandbox under its network, a new network beside the graph, in the first
 *   free spot. Nothing already on the canvas moves. Spots are tested
 *   against a grid index of what is placed (spatial-index.ts), not every
 *   node, so placing k nodes among n costs about k, not k·n.
 * - The host node (published ports, host mode) is a satellite: its edges
 *   ("port", "host-mode") are not attachments, so they neither rank the
 *   graph nor make the host any sandbox's parent. It is placed left of the
 *   graph, level with its top, with room between for its column of port
 *   labels; its edges reach the sandboxes' left side.
 */
import dagre from "@dagrejs/dagre";
import { BoxIndex, type Box } from "./spatial-index";
import type { XY } from "./types";

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}
export interface LayoutEdge {
  source: string;
  target: string;
  /** The graph edge's type; "port" and "host-mode" edges do not shape the layout. */
  type?: string;
  /** The graph edge's data: a "link" edge standing for published ports (`kind: "ports"`) is a side edge too. */
  data?: Record<string, unknown>;
}

/** Edge types that show a relation without attaching the target under the source. */
const SIDE_EDGE_TYPES: ReadonlySet<string> = new Set(["port", "host-mode"]);

/**
 * Whether an edge only shows a relation (published ports, host mode, or a
 * cluster's link standing for those) rather than attaching its target under
 * its source. A cluster's endpoint link is an attachment, like an endpoint.
 */
export function isSideEdge(e: LayoutEdge): boolean {
  if (e.type === undefined) return false;
  return SIDE_EDGE_TYPES.has(e.type) || (e.type === "link" && e.data?.kind === "ports");
}

/**
 * Nodes that only originate side edges (the host node): laid out apart from
 * the graph. A node with any attachment of its own stays in the graph.
 */
export function satelliteIds(nodes: LayoutNode[], edges: LayoutEdge[]): Set<string> {
  const attached = new Set<string>();
  const sideSources = new Set<string>();
  for (const e of edges) {
    if (isSideEdge(e)) {
      sideSources.add(e.source);
    } else {
      attached.add(e.source);
      attached.add(e.target);
    }
  }
  const ids = new Set<string>();
  for (const n of nodes) if (sideSources.has(n.id) && !attached.has(n.id)) ids.add(n.id);
  return ids;
}

/** Above this many nodes the first layout is the block layout, not dagre. */
export const DAGRE_LIMIT = 150;
const GAP = 24;
/** Vertical room between a network and its sandboxes, for the endpoint labels. */
const RANK_GAP = 150;
/** Room between a satellite (the host) and the graph, for the column of port labels beside it. */
export const SATELLITE_GAP = 340;

export function dagreLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: RANK_GAP + 20, edgesep: 16, marginx: 16, marginy: 16, ranker: "tight-tree" });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (!isSideEdge(e) && g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of nodes) {
    const p = g.node(n.id);
    out.set(n.id, { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) });
  }
  return out;
}

/**
 * For each node with incoming edges (a sandbox or cluster), its first source
 * (its main network). Side edges (published ports, host mode) never make a parent.
 */
export function primaryParents(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, string> {
  const ids = new Set(nodes.map((n) => n.id));
  const parent = new Map<string, string>();
  for (const e of edges) {
    if (isSideEdge(e)) continue;
    if (ids.has(e.source) && ids.has(e.target) && !parent.has(e.target)) parent.set(e.target, e.source);
  }
  return parent;
}

export function blockLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, XY> {
  const parent = primaryParents(nodes, edges);
  const children = new Map<string, LayoutNode[]>();
  const heads: LayoutNode[] = [];
  for (const n of nodes) {
    const p = parent.get(n.id);
    if (p === undefined) heads.push(n);
    else {
      const kids = children.get(p);
      if (kids) kids.push(n);
      else children.set(p, [n]);
    }
  }

  // Lay out each block at the origin: the head centred above a grid of its children.
  interface Block {
    width: number;
    height: number;
    items: { id: string; x: number; y: number }[];
  }
  const blocks: Block[] = heads.map((head) => {
    const kids = children.get(head.id) ?? [];
    if (kids.length === 0) return { width: head.width, height: head.height, items: [{ id: head.id, x: 0, y: 0 }] };
    const cols = Math.max(1, Math.ceil(Math.sqrt(kids.length * 1.6)));
    const cellW = extreme(Math.max, kids, (k) => k.width) + GAP;
    const rows: LayoutNode[][] = [];
    for (let i = 0; i < kids.length; i += cols) rows.push(kids.slice(i, i + cols));
    const gridW = Math.min(cols, kids.length) * cellW - GAP;
    const width = Math.max(head.width, gridW);
    const items = [{ id: head.id, x: Math.round((width - head.width) / 2), y: 0 }];
    let y = head.height + RANK_GAP;
    for (const row of rows) {
      const x0 = Math.round((width - (row.length * cellW - GAP)) / 2);
      row.forEach((k, i) => items.push({ id: k.id, x: x0 + i * cellW, y }));
      y += extreme(Math.max, row, (k) => k.height) + GAP;
    }
    return { width, height: y - GAP, items };
  });

  // Shelf-pack the blocks, widest rows first in reading order, to about 16:9.
  const area = blocks.reduce((sum, b) => sum + (b.width + RANK_GAP) * (b.height + RANK_GAP), 0);
  const rowWidth = Math.max(Math.sqrt((area * 16) / 9), extreme(Math.max, blocks, (b) => b.width));
  const out = new Map<string, XY>();
  let x = 0;
  let y = 0;
  let shelf = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.width > rowWidth) {
      x = 0;
      y += shelf + RANK_GAP;
      shelf = 0;
    }
    for (const it of b.items) out.set(it.id, { x: x + it.x, y: y + it.y });
    x += b.width + RANK_GAP;
    shelf = Math.max(shelf, b.height);
  }
  return out;
}

/**
 * `pick(...items.map(value))` (pick: Math.max or Math.min) in one pass, with
 * no array and no argument list as long as the graph; the same answer, -0,
 * NaN and an empty list (pick() itself) included.
 */
function extreme<T>(pick: (...values: number[]) => number, items: readonly T[], value: (item: T) => number): number {
  let result = pick();
  for (const item of items) result = pick(result, value(item));
  return result;
}

/**
 * Where satellites go: stacked left of the nodes at `positions`, the first
 * level with their top. The returned function gives a satellite's start; the
 * nodes' left and top are found once, not per satellite.
 */
function satelliteStarts(positions: readonly XY[]): (n: LayoutNode) => XY {
  if (positions.length === 0) return () => ({ x: 0, y: 0 });
  const left = extreme(Math.min, positions, (p) => p.x);
  const top = extreme(Math.min, positions, (p) => p.y);
  return (n) => ({ x: left - SATELLITE_GAP - n.width, y: top });
}

/** Node `n`'s box at `p`. A literal, not `{ ...p }`: spreading is several times slower, and runs once per node. */
function boxAt(p: XY, n: LayoutNode): Box {
  return { x: p.x, y: p.y, width: n.width, height: n.height };
}

export interface LayoutOptions {
  /**
   * Blocks whatever the size. A grouped graph (lib/graph/group) is small but
   * dense: dagre draws its networks in one row above their clusters, a strip
   * 36 times wider than high, where blocks give a readable screen shape.
   */
  blocks?: boolean;
}

/**
 * A first layout of the whole graph: dagre when small, blocks when large (or
 * asked for); satellites (the host node) left of the result, level with its top.
 */
export function autoLayout(nodes: LayoutNode[], edges: LayoutEdge[], options: LayoutOptions = {}): Map<string, XY> {
  const satellites = satelliteIds(nodes, edges);
  const main = satellites.size === 0 ? nodes : nodes.filter((n) => !satellites.has(n.id));
  const out = main.length <= DAGRE_LIMIT && !options.blocks ? dagreLayout(main, edges) : blockLayout(main, edges);
  if (satellites.size === 0) return out;
  // One column left of the graph, each satellite's right edge SATELLITE_GAP from it.
  const satelliteStart = satelliteStarts(main.map((n) => out.get(n.id) ?? { x: 0, y: 0 }));
  let y: number | undefined;
  for (const n of nodes) {
    if (!satellites.has(n.id)) continue;
    const start = satelliteStart(n);
    y ??= start.y;
    out.set(n.id, { x: start.x, y });
    y += n.height + GAP;
  }
  return out;
}

const OFFSETS = [0, 1, -1, 2, -2, 3, -3];

/**
 * The first spot free of every box in `placed` (none within GAP of it),
 * scanning rows downward from `start`, each row outward from its x.
 */
function freeSpot(start: XY, size: { width: number; height: number }, placed: BoxIndex): XY {
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  for (let row = 0; row < 10_000; row++) {
    for (const k of OFFSETS) {
      const box: Box = { x: start.x + k * stepX, y: start.y + row * stepY, width: size.width, height: size.height };
      if (!placed.anyNear(box)) return { x: box.x, y: box.y };
    }
  }
  return start;
}

/**
 * Positions for every node: `known` positions are kept. When most nodes are
 * new (a first load, with a few saved positions), the others take the
 * automatic layout's positions, moved to the nearest free spot; otherwise
 * each new node goes next to what it is attached to.
 */
export function placeNodes(nodes: LayoutNode[], edges: LayoutEdge[], known: ReadonlyMap<string, XY>, options: LayoutOptions = {}): Map<string, XY> {
  const out = new Map<string, XY>();
  const drawn: Box[] = [];
  const fresh: LayoutNode[] = [];
  for (const n of nodes) {
    const p = known.get(n.id);
    if (p) {
      out.set(n.id, p);
      drawn.push(boxAt(p, n));
    } else {
      fresh.push(n);
    }
  }
  if (fresh.length === 0) return out;
  // Everything placed so far, known or new, for freeSpot to keep clear of.
  const placed = new BoxIndex(GAP);
  for (const b of drawn) placed.insert(b);

  if (fresh.length * 2 > nodes.length) {
    const auto = autoLayout(nodes, edges, options);
    for (const n of fresh) {
      const p = auto.get(n.id) ?? { x: 0, y: 0 };
      const spot = placed.size > 0 ? freeSpot(p, n, placed) : p;
      placed.insert(boxAt(spot, n));
      out.set(n.id, spot);
    }
    return out;
  }

  const parent = primaryParents(nodes, edges);
  const satellites = satelliteIds(nodes, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const right = extreme(Math.max, drawn, (b) => b.x + b.width);
  const top = extreme(Math.min, drawn, (b) => b.y);
  const satelliteStart = satelliteStarts(drawn);
  // Networks (and anything unattached) first, so their sandboxes can hang under them.
  const ordered = [...fresh.filter((n) => !parent.has(n.id)), ...fresh.filter((n) => parent.has(n.id))];
  for (const n of ordered) {
    const parentId = parent.get(n.id);
    const anchor = parentId === undefined ? undefined : out.get(parentId);
    const anchorNode = parentId === undefined ? undefined : byId.get(parentId);
    const start = satellites.has(n.id)
      ? satelliteStart(n)
      : anchor && anchorNode
        ? { x: Math.round(anchor.x + (anchorNode.width - n.width) / 2), y: anchor.y + anchorNode.height + RANK_GAP }
        : { x: right + RANK_GAP, y: top };
    const spot = freeSpot(start, n, placed);
    placed.insert(boxAt(spot, n));
    out.set(n.id, spot);
  }
  return out;
}
