/**
 * Which network a dragged sandbox would be dropped on, and whether it may
 * join it. Pure: the canvas gives it the networks React Flow found
 * intersecting the dragged node, with their boxes in flow coordinates, and
 * the pointer in the same coordinates.
 */
import { canAttachService, canJoin, type JoinVerdict } from "../topology/join-rules";
import type { Network, Sandbox, SwarmService, Topology } from "../topology/types";
import type { XY } from "../graph/types";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DropCandidate {
  id: string;
  box: Box;
}

export function boxContains(b: Box, p: XY): boolean {
  return p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;
}

/**
 * The candidate under the pointer. When boxes overlap, the last one wins (it
 * is drawn on top). `null` when the pointer is over none: a drop there is a
 * plain move, never a connect.
 */
export function candidateUnderPointer(candidates: readonly DropCandidate[], pointer: XY): string | null {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i];
    if (c && boxContains(c.box, pointer)) return c.id;
  }
  return null;
}

/** What the canvas shows on the network under a dragged sandbox. */
export interface DropHint {
  /** The network's canvas node ID (net:…). */
  nodeId: string;
  networkId: string;
  networkName: string;
  verdict: JoinVerdict;
}

export function dropHint(nodeId: string, sandbox: Sandbox, network: Network, t: Pick<Topology, "endpoints">): DropHint {
  return { nodeId, networkId: network.id, networkName: network.name, verdict: canJoin(sandbox, network, t) };
}

/** A dragged service over a network: may it join (`docker service update --network-add`)? */
export function serviceDropHint(nodeId: string, service: SwarmService, network: Network): DropHint {
  return { nodeId, networkId: network.id, networkName: network.name, verdict: canAttachService(service, network) };
}

export function sameHint(a: DropHint | null, b: DropHint | null): boolean {
  if (a === null || b === null) return a === b;
  return a.nodeId === b.nodeId && a.verdict.ok === b.verdict.ok && (a.verdict.ok || b.verdict.ok || a.verdict.reason === b.verdict.reason);
}
