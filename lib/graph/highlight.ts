/**
 * What the canvas emphasises for a selection. Pure.
 *
 * - A sandbox: itself ("focus"), every sandbox it can reach directly
 *   ("reach", from lib/insights/reachability), the networks it is on and the
 *   endpoints between those; everything else is dimmed.
 * - A network: itself and the sandboxes on it, with their endpoints on it.
 * - An endpoint: it, its network and its sandbox.
 * - A service: itself and its networks (with the edges between); a network
 *   keeps the services on it.
 * Nodes and endpoint edges not named in the result are dimmed. The host node
 * stays when a sandbox kept publishes a port or runs in host mode; an edge
 * that is not an endpoint (published port, host mode) stays when both its
 * ends do (see `edgeEmphasised`).
 */
import { reachable } from "../insights/reachability";
import type { TopologyModel } from "../insights/model";
import type { Selection } from "../selection";
import type { SwarmService } from "../topology/types";
import { HOST_NODE_ID, endpointEdgeId, networkNodeId, sandboxNodeId, serviceNodeId } from "./ids";
import { serviceNetworks } from "./swarm";

export type Emphasis = "focus" | "reach" | "plain";

export interface Highlight {
  /** Canvas node ID → emphasis; nodes not listed are dimmed. */
  nodes: Map<string, Emphasis>;
  /** Canvas edge IDs drawn at full strength; the others are dimmed. */
  edges: Set<string>;
  /** Sandboxes the focused sandbox reaches (for a sandbox selection). */
  reachable: Set<string>;
}

export function highlightFor(t: TopologyModel & { services?: SwarmService[] }, sel: Selection | null): Highlight | null {
  if (!sel) return null;
  const nodes = new Map<string, Emphasis>();
  const edges = new Set<string>();
  const sandboxesShown = new Set<string>();
  let reach = new Set<string>();

  if (sel.kind === "service") {
    const service = t.services?.find((s) => s.id === sel.id);
    if (!service) return null;
    nodes.set(serviceNodeId(service.id), "focus");
    for (const id of serviceNetworks(service)) nodes.set(networkNodeId(id), "plain");
  } else if (sel.kind === "sandbox") {
    if (!t.sandboxes.some((s) => s.id === sel.id)) return null;
    reach = reachable(t, sel.id);
    nodes.set(sandboxNodeId(sel.id), "focus");
    sandboxesShown.add(sel.id);
    for (const id of reach) {
      nodes.set(sandboxNodeId(id), "reach");
      sandboxesShown.add(id);
    }
    const mine = new Set(t.endpoints.filter((e) => e.sandboxId === sel.id).map((e) => e.networkId));
    for (const id of mine) nodes.set(networkNodeId(id), "plain");
    for (const e of t.endpoints) {
      if (mine.has(e.networkId) && sandboxesShown.has(e.sandboxId)) edges.add(endpointEdgeId(e.networkId, e.sandboxId));
    }
  } else if (sel.kind === "network") {
    if (!t.networks.some((n) => n.id === sel.id)) return null;
    nodes.set(networkNodeId(sel.id), "focus");
    for (const e of t.endpoints) {
      if (e.networkId !== sel.id) continue;
      nodes.set(sandboxNodeId(e.sandboxId), "plain");
      sandboxesShown.add(e.sandboxId);
      edges.add(endpointEdgeId(e.networkId, e.sandboxId));
    }
    for (const s of t.services ?? []) if (serviceNetworks(s).includes(sel.id)) nodes.set(serviceNodeId(s.id), "plain");
  } else {
    if (!t.endpoints.some((e) => e.networkId === sel.networkId && e.sandboxId === sel.sandboxId)) return null;
    nodes.set(networkNodeId(sel.networkId), "plain");
    nodes.set(sandboxNodeId(sel.sandboxId), "plain");
    edges.add(endpointEdgeId(sel.networkId, sel.sandboxId));
  }

  // The host stays visible for the sandboxes that are.
  for (const s of t.sandboxes) {
    if (sandboxesShown.has(s.id) && (s.ports.length > 0 || s.networkMode === "host")) nodes.set(HOST_NODE_ID, nodes.get(HOST_NODE_ID) ?? "plain");
  }
  return { nodes, edges, reachable: reach };
}

/** Whether an edge is drawn at full strength under a highlight. */
export function edgeEmphasised(h: Highlight, edge: { id: string; type?: string; source: string; target: string }): boolean {
  if (edge.type === "endpoint") return h.edges.has(edge.id);
  return h.nodes.has(edge.source) && h.nodes.has(edge.target);
}

/** Whether two highlights emphasise the same things the same way (a new topology often leaves it as it was). */
export function sameHighlight(a: Highlight | null, b: Highlight | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.nodes.size !== b.nodes.size || a.edges.size !== b.edges.size || a.reachable.size !== b.reachable.size) return false;
  for (const [id, e] of a.nodes) if (b.nodes.get(id) !== e) return false;
  for (const id of a.edges) if (!b.edges.has(id)) return false;
  for (const id of a.reachable) if (!b.reachable.has(id)) return false;
  return true;
}
