/**
 * lib/graph/layout.ts's placement as it was before the spatial index (main at
 * 091474d): every candidate spot tested against every box, Math.min over all
 * boxes per satellite. Kept frozen, as the reference the fast placement must
 * match position for position. Not a test file (no `.test.ts`). Only the
 * parts that changed are copied; dagre, the edge rules and the parents are
 * the module's.
 */
import {
  DAGRE_LIMIT,
  SATELLITE_GAP,
  dagreLayout,
  primaryParents,
  satelliteIds,
  type LayoutEdge,
  type LayoutNode,
} from "@/lib/graph/layout";
import { near, type Box } from "@/lib/graph/spatial-index";
import type { XY } from "@/lib/graph/types";

const GAP = 24;
const RANK_GAP = 150;

function overlaps(a: Box, b: Box): boolean {
  return near(a, b, GAP);
}

export function blockLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, XY> {
  const parent = primaryParents(nodes, edges);
  const children = new Map<string, LayoutNode[]>();
  const heads: LayoutNode[] = [];
  for (const n of nodes) {
    const p = parent.get(n.id);
    if (p === undefined) heads.push(n);
    else children.set(p, [...(children.get(p) ?? []), n]);
  }

  interface Block {
    width: number;
    height: number;
    items: { id: string; x: number; y: number }[];
  }
  const blocks: Block[] = heads.map((head) => {
    const kids = children.get(head.id) ?? [];
    if (kids.length === 0) return { width: head.width, height: head.height, items: [{ id: head.id, x: 0, y: 0 }] };
    const cols = Math.max(1, Math.ceil(Math.sqrt(kids.length * 1.6)));
    const cellW = Math.max(...kids.map((k) => k.width)) + GAP;
    const rows: LayoutNode[][] = [];
    for (let i = 0; i < kids.length; i += cols) rows.push(kids.slice(i, i + cols));
    const gridW = Math.min(cols, kids.length) * cellW - GAP;
    const width = Math.max(head.width, gridW);
    const items = [{ id: head.id, x: Math.round((width - head.width) / 2), y: 0 }];
    let y = head.height + RANK_GAP;
    for (const row of rows) {
      const x0 = Math.round((width - (row.length * cellW - GAP)) / 2);
      row.forEach((k, i) => items.push({ id: k.id, x: x0 + i * cellW, y }));
      y += Math.max(...row.map((k) => k.height)) + GAP;
    }
    return { width, height: y - GAP, items };
  });

  const area = blocks.reduce((sum, b) => sum + (b.width + RANK_GAP) * (b.height + RANK_GAP), 0);
  const rowWidth = Math.max(Math.sqrt((area * 16) / 9), ...blocks.map((b) => b.width));
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

function satelliteStart(boxes: readonly Box[], n: LayoutNode): XY {
  if (boxes.length === 0) return { x: 0, y: 0 };
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  return { x: left - SATELLITE_GAP - n.width, y: top };
}

export function autoLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, XY> {
  const satellites = satelliteIds(nodes, edges);
  const main = satellites.size === 0 ? nodes : nodes.filter((n) => !satellites.has(n.id));
  const out = main.length <= DAGRE_LIMIT ? dagreLayout(main, edges) : blockLayout(main, edges);
  if (satellites.size === 0) return out;
  const boxes: Box[] = main.map((n) => ({ ...(out.get(n.id) ?? { x: 0, y: 0 }), width: n.width, height: n.height }));
  let y: number | undefined;
  for (const n of nodes) {
    if (!satellites.has(n.id)) continue;
    const start = satelliteStart(boxes, n);
    y ??= start.y;
    out.set(n.id, { x: start.x, y });
    y += n.height + GAP;
  }
  return out;
}

function freeSpot(start: XY, size: { width: number; height: number }, boxes: Box[]): XY {
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  const offsets = [0, 1, -1, 2, -2, 3, -3];
  for (let row = 0; row < 10_000; row++) {
    for (const k of offsets) {
      const box: Box = { x: start.x + k * stepX, y: start.y + row * stepY, ...size };
      if (!boxes.some((b) => overlaps(box, b))) return { x: box.x, y: box.y };
    }
  }
  return start;
}

export function placeNodes(nodes: LayoutNode[], edges: LayoutEdge[], known: ReadonlyMap<string, XY>): Map<string, XY> {
  const out = new Map<string, XY>();
  const boxes: Box[] = [];
  const fresh: LayoutNode[] = [];
  for (const n of nodes) {
    const p = known.get(n.id);
    if (p) {
      out.set(n.id, p);
      boxes.push({ ...p, width: n.width, height: n.height });
    } else {
      fresh.push(n);
    }
  }
  if (fresh.length === 0) return out;

  if (fresh.length * 2 > nodes.length) {
    const auto = autoLayout(nodes, edges);
    for (const n of fresh) {
      const p = auto.get(n.id) ?? { x: 0, y: 0 };
      const spot = boxes.length > 0 ? freeSpot(p, n, boxes) : p;
      boxes.push({ ...spot, width: n.width, height: n.height });
      out.set(n.id, spot);
    }
    return out;
  }

  const parent = primaryParents(nodes, edges);
  const satellites = satelliteIds(nodes, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const drawn = [...boxes];
  const ordered = [...fresh.filter((n) => !parent.has(n.id)), ...fresh.filter((n) => parent.has(n.id))];
  for (const n of ordered) {
    const parentId = parent.get(n.id);
    const anchor = parentId === undefined ? undefined : out.get(parentId);
    const anchorNode = parentId === undefined ? undefined : byId.get(parentId);
    const start = satellites.has(n.id)
      ? satelliteStart(drawn, n)
      : anchor && anchorNode
        ? { x: Math.round(anchor.x + (anchorNode.width - n.width) / 2), y: anchor.y + anchorNode.height + RANK_GAP }
        : { x: right + RANK_GAP, y: top };
    const spot = freeSpot(start, n, boxes);
    boxes.push({ ...spot, width: n.width, height: n.height });
    out.set(n.id, spot);
  }
  return out;
}
