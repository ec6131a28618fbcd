/** What removing a network involves: the containers still attached to it. Pure. */
import { shortId } from "../topology/describe";
import type { ContainerRef, Topology } from "../topology/types";

export interface AttachedContainer {
  name: string;
  /** The container's state ("running", "exited", ...). */
  state: string;
  /** A live endpoint: while there is one, the engine refuses to remove the network. */
  active: boolean;
}

/** The containers with an endpoint on the network, active ones first, then by name. */
export function attachedContainers(t: Pick<Topology, "sandboxes" | "endpoints">, networkId: string): AttachedContainer[] {
  const containers = new Map<string, ContainerRef>();
  for (const s of t.sandboxes) for (const c of s.containers) containers.set(c.id, c);
  const seen = new Map<string, AttachedContainer>();
  for (const e of t.endpoints) {
    if (e.networkId !== networkId) continue;
    const c = containers.get(e.containerId);
    const name = c?.name ?? shortId(e.containerId);
    const prev = seen.get(name);
    seen.set(name, { name, state: c?.state ?? "stopped", active: e.active || (prev?.active ?? false) });
  }
  return [...seen.values()].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}
