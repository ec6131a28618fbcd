"use client";
/**
 * What the canvas draws: the topology's graph (lib/graph/to-graph), grouped
 * into clusters (lib/graph/group), narrowed to a focus (lib/graph/focus),
 * and sharing every node and edge that did not change with what it drew
 * before (lib/graph/share), so a patch that changes one endpoint redraws
 * that edge and its two nodes.
 *
 * A cluster holding the selected sandbox, or the one in focus, is drawn open:
 * what a link or the search selects is always on the canvas.
 */
import { useMemo, useState } from "react";
import { focusGraph } from "@/lib/graph/focus";
import { clusterAssignment, groupGraph, type GroupBy } from "@/lib/graph/group";
import { sandboxNodeId } from "@/lib/graph/ids";
import { shareGraph } from "@/lib/graph/share";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph } from "@/lib/graph/types";
import type { Selection } from "@/lib/selection";
import type { Topology } from "@/lib/topology/types";

export interface CanvasView {
  by: GroupBy;
  /** Cluster node IDs the person opened. */
  expanded: ReadonlySet<string>;
  /** The canvas node in focus, or null. */
  focus: string | null;
  selection: Selection | null;
}

/** The sandbox node a selection or focus is about, if any. */
function sandboxOf(selection: Selection | null, focus: string | null): string[] {
  const ids: string[] = [];
  if (selection?.kind === "sandbox") ids.push(sandboxNodeId(selection.id));
  if (selection?.kind === "endpoint") ids.push(sandboxNodeId(selection.sandboxId));
  if (focus?.startsWith("sbx:")) ids.push(focus);
  return ids;
}

interface Held {
  base: Graph;
  by: GroupBy;
  openKey: string;
  focus: string | null;
  graph: Graph;
}

export function useCanvasGraph(topology: Pick<Topology, "networks" | "sandboxes" | "endpoints" | "services" | "tasks" | "swarm">, view: CanvasView): { graph: Graph; base: Graph } {
  const base = useMemo(() => topologyToGraph(topology), [topology]);
  const { by, expanded, focus, selection } = view;
  const assignment = useMemo(() => clusterAssignment(base, by), [base, by]);
  const open = new Set(expanded);
  for (const id of sandboxOf(selection, focus)) {
    const cluster = assignment.get(id);
    if (cluster) open.add(cluster);
  }
  const openKey = [...open].sort().join("\n");

  const [held, setHeld] = useState<Held | null>(null);
  if (held && held.base === base && held.by === by && held.openKey === openKey && held.focus === focus) return { graph: held.graph, base };
  const grouped = groupGraph(base, { by, expanded: open });
  const next = focus ? focusGraph(grouped, focus) : grouped;
  const graph = shareGraph(held?.graph ?? null, next);
  setHeld({ base, by, openKey, focus, graph });
  return { graph, base };
}
