"use client";
import { useState } from "react";
import { shareGraph } from "@/lib/graph/share";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph } from "@/lib/graph/types";
import type { Topology } from "@/lib/topology/types";

/**
 * The graph of `topology`, sharing every node and edge that did not change
 * with the graph of the topology before (lib/graph/share), so the canvas
 * redraws only what a change touched.
 */
export function useSharedGraph(topology: Pick<Topology, "networks" | "sandboxes" | "endpoints">): Graph {
  const [held, setHeld] = useState(() => ({ topology, graph: topologyToGraph(topology) }));
  if (held.topology === topology) return held.graph;
  const graph = shareGraph(held.graph, topologyToGraph(topology));
  setHeld({ topology, graph });
  return graph;
}
