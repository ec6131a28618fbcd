"use client";
/**
 * Where the canvas's nodes are. Positions are the canvas's own: nodes already
 * drawn, or placed by the user (kept in localStorage), keep theirs; new nodes
 * get an automatic position (lib/graph/layout). Node and edge objects keep
 * their identity while unchanged (lib/graph/flow), so React Flow redraws only
 * what a change touched.
 */
import { useCallback, useState } from "react";
import { MarkerType, applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { toFlowEdges, toFlowNodes } from "@/lib/graph/flow";
import { placeNodes, type LayoutOptions } from "@/lib/graph/layout";
import type { Graph, GraphEdge, XY } from "@/lib/graph/types";
import type { SavedPositions } from "@/lib/hooks/use-saved-positions";
import type { FlowEdge, FlowNode } from "./flow-types";

/** Published ports point the way a request from outside travels. */
const PORT_ARROW = { type: MarkerType.ArrowClosed, color: "#d97706", width: 16, height: 16 };
const decorate = (e: GraphEdge): Partial<FlowEdge> => (e.type === "port" ? { markerEnd: PORT_ARROW } : {});

function place(graph: Graph, known: ReadonlyMap<string, XY>, previous: readonly FlowNode[], options: LayoutOptions): FlowNode[] {
  return toFlowNodes(graph, placeNodes(graph.nodes, graph.edges, known, options), previous);
}

export function usePlacement(graph: Graph, saved: SavedPositions, options: LayoutOptions = {}) {
  const [nodes, setNodes] = useState<FlowNode[]>(() => place(graph, saved.load(), [], options));
  const [edges, setEdges] = useState<FlowEdge[]>(() => toFlowEdges(graph, [], decorate));
  const [shownGraph, setShownGraph] = useState(graph);

  // A new graph: keep every position we have, place only new nodes.
  if (graph !== shownGraph) {
    setShownGraph(graph);
    const known = saved.load();
    for (const n of nodes) known.set(n.id, n.position);
    setNodes(place(graph, known, nodes, options));
    setEdges(toFlowEdges(graph, edges, decorate));
  }

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)), []);

  const blocks = options.blocks ?? false;
  const resetLayout = useCallback(() => {
    saved.clear();
    setNodes((ns) => place(graph, new Map(), ns, { blocks }));
  }, [graph, saved, blocks]);

  return { nodes, edges, setNodes, setEdges, onNodesChange, onEdgesChange, resetLayout };
}
