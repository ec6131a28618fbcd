/**
 * Graph -> the canvas's node and edge objects, keeping identity. Pure.
 *
 * React Flow re-renders a node or edge when its object changes. These
 * functions return the previous object for every node and edge whose data
 * (shared by lib/graph/share), position and type are the same, so an update
 * re-renders only what changed. A changed node keeps what React Flow stored
 * on the previous object (its measured size, its selection).
 */
import { edgeAriaLabel, nodeAriaLabel } from "./aria";
import type { Graph, GraphEdge, GraphNode, XY } from "./types";

/** The part of a React Flow node these functions read and write. */
export interface FlowNodeLike {
  id: string;
  type?: string;
  position: XY;
  data: unknown;
  selected?: boolean;
  className?: string;
  ariaLabel?: string;
}

/** The part of a React Flow edge these functions read and write. */
export interface FlowEdgeLike {
  id: string;
  type?: string;
  source: string;
  target: string;
  data?: unknown;
  selected?: boolean;
  className?: string;
  ariaLabel?: string;
}

const samePoint = (a: XY, b: XY): boolean => a.x === b.x && a.y === b.y;

/** Flow nodes for `graph` at `positions` (a node without one goes to the origin). */
export function toFlowNodes<N extends FlowNodeLike>(graph: Graph, positions: ReadonlyMap<string, XY>, previous: readonly N[]): N[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return graph.nodes.map((g: GraphNode) => {
    const position = positions.get(g.id) ?? { x: 0, y: 0 };
    const old = before.get(g.id);
    if (old && old.data === g.data && old.type === g.type && samePoint(old.position, position)) return old;
    if (old) return { ...old, type: g.type, data: g.data, position, ariaLabel: old.data === g.data ? old.ariaLabel : nodeAriaLabel(g) } as N;
    return { id: g.id, type: g.type, data: g.data, position, selected: false, ariaLabel: nodeAriaLabel(g) } as unknown as N;
  });
}

/** Flow edges for `graph`; `decorate` adds what the canvas draws on a new edge object (an arrow head). */
export function toFlowEdges<E extends FlowEdgeLike>(graph: Graph, previous: readonly E[], decorate: (e: GraphEdge) => Partial<E> = () => ({})): E[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return graph.edges.map((g: GraphEdge) => {
    const old = before.get(g.id);
    if (old && old.data === g.data && old.source === g.source && old.target === g.target) return old;
    return { ...g, ...decorate(g), selected: old?.selected ?? false, ariaLabel: edgeAriaLabel(g) } as unknown as E;
  });
}

/**
 * `items` with `className` set from `classOf` (undefined: as they are),
 * reusing the objects made last time through `cache` while an item and its
 * class are unchanged, so a highlight does not re-render what it did not touch.
 */
export function withClassNames<T extends { id: string; className?: string }>(
  items: readonly T[],
  classOf: (item: T) => string | undefined,
  cache: Map<string, { base: T; className: string; out: T }>,
): T[] {
  const seen = new Set<string>();
  const out = items.map((item) => {
    const className = classOf(item);
    if (className === undefined) return item;
    seen.add(item.id);
    const hit = cache.get(item.id);
    if (hit && hit.base === item && hit.className === className) return hit.out;
    const made = { ...item, className };
    cache.set(item.id, { base: item, className, out: made });
    return made;
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return out;
}
