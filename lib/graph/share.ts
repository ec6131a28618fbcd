/**
 * Structural sharing between two graphs. Pure.
 *
 * `topologyToGraph` builds every node and edge anew; the canvas memoises by
 * object identity (React Flow re-renders a node or edge whose object changed).
 * `shareGraph` hands back the previous object for every node and edge whose
 * content is the same, so after a patch that changes one endpoint only that
 * edge and its two nodes are new objects. The topology patch already keeps
 * the identity of unchanged networks, sandboxes and endpoints
 * (lib/topology/patch.ts), so "the same" is a shallow comparison: each data
 * field identical, arrays compared element by element.
 */
import type { Graph, GraphEdge, GraphNode } from "./types";

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return false;
}

/** Same keys, each value identical (arrays element by element). */
export function shallowSame(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k]));
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return a.type === b.type && a.width === b.width && a.height === b.height && shallowSame(a.data, b.data);
}

function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return a.type === b.type && a.source === b.source && a.target === b.target && a.targetHandle === b.targetHandle && shallowSame(a.data, b.data);
}

/**
 * `next` with each node and edge replaced by `previous`'s object of the same
 * ID when their content is the same. When nothing changed at all (same IDs in
 * the same order, every object shared) the previous graph itself is returned.
 */
export function shareGraph(previous: Graph | null, next: Graph): Graph {
  if (!previous) return next;
  const oldNodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(previous.edges.map((e) => [e.id, e]));
  let unchanged = previous.nodes.length === next.nodes.length && previous.edges.length === next.edges.length;
  const nodes = next.nodes.map((n, i) => {
    const old = oldNodes.get(n.id);
    const kept = old && sameNode(old, n) ? old : n;
    if (kept !== previous.nodes[i]) unchanged = false;
    return kept;
  });
  const edges = next.edges.map((e, i) => {
    const old = oldEdges.get(e.id);
    const kept = old && sameEdge(old, e) ? old : e;
    if (kept !== previous.edges[i]) unchanged = false;
    return kept;
  });
  return unchanged ? previous : { nodes, edges };
}
