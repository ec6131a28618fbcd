/** What removing a network involves: the containers still attached to it. Pure. */
import type { Topology } from "../topology/types";

export interface AttachedContainer {
  name: string;
  /** A live endpoint: while there is one, the engine refuses to remove the network. */
  active: boolean;
}

/** The containers with an endpoint on the network, active ones first, then by name. */
export function attachedContainers(t: Pick<Topology, "sandboxes" | "endpoints">, networkId: string): AttachedContainer[] {
  const names = new Map<string, string>();
  for (const s of t.sandboxes) for (const c of s.containers) names.set(c.id, c.name);
  const seen = new Map<string, AttachedContainer>();
  for (const e of t.endpoints) {
    if (e.networkId !== networkId) continue;
    const name = names.get(e.containerId) ?? e.containerId.slice(0, 12);
    const prev = seen.get(name);
    seen.set(name, { name, active: e.active || (prev?.active ?? false) });
  }
  return [...seen.values()].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}
