/**
 * Focus mode: one node and its direct neighbours. Pure.
 *
 * Kept: the node, every node that shares an edge with it (for a network its
 * sandboxes and clusters; for a sandbox its networks, and the host when a
 * published port or host mode joins them), and the edges among those nodes.
 * Not the neighbours' own neighbours: a sandbox's focus does not bring the
 * other sandboxes on its networks. Kept nodes and edges are the same objects.
 */
import type { Graph } from "./types";

/** The neighbourhood of `nodeId`; the graph itself when the ID is unknown or everything is kept. */
export function focusGraph(graph: Graph, nodeId: string): Graph {
  if (!graph.nodes.some((n) => n.id === nodeId)) return graph;
  const keep = new Set([nodeId]);
  for (const e of graph.edges) {
    if (e.source === nodeId) keep.add(e.target);
    else if (e.target === nodeId) keep.add(e.source);
  }
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const edges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { nodes, edges };
}
