/**
 * Removing endpoints: which requests to send, whether the user must confirm
 * first (a container would lose its last endpoint), and whether `force`
 * means anything (swarm-scoped and overlay networks). Pure.
 */
import type { DisconnectBody } from "../api/schemas";
import { disconnectCommand } from "../commands/docker-cli";
import type { Endpoint, Topology } from "../topology/types";

export interface EndpointRef {
  networkId: string;
  sandboxId: string;
}

export interface DisconnectItem {
  networkId: string;
  networkName: string;
  sandboxId: string;
  /** What the request names: the container that owns the endpoint. */
  container: string;
  /** The container's name, for people and for the command. */
  containerName: string;
  /** Whether `--force` applies (swarm-scoped or overlay network). */
  forceApplies: boolean;
}

export interface DisconnectPlan {
  items: DisconnectItem[];
  /** Names of containers that would be left with no endpoint at all. */
  losesLastEndpoint: string[];
  /** True when the user must confirm before anything is sent. */
  needsConfirm: boolean;
  /** True when `force` applies to any item. */
  forceApplies: boolean;
}

export function forceApplies(network: { scope: string; driver: string }): boolean {
  return network.scope === "swarm" || network.driver === "overlay";
}

export function planDisconnect(refs: readonly EndpointRef[], t: Pick<Topology, "networks" | "sandboxes" | "endpoints">): DisconnectPlan {
  const networks = new Map(t.networks.map((n) => [n.id, n]));
  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  const items: DisconnectItem[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.networkId}:${ref.sandboxId}`;
    if (seen.has(key)) continue;
    const endpoint: Endpoint | undefined = t.endpoints.find((e) => e.networkId === ref.networkId && e.sandboxId === ref.sandboxId);
    const network = networks.get(ref.networkId);
    if (!endpoint || !network) continue; // gone already: nothing to remove
    seen.add(key);
    const sandbox = sandboxes.get(ref.sandboxId);
    const owner = sandbox?.containers.find((c) => c.id === endpoint.containerId) ?? sandbox?.containers[0];
    items.push({
      networkId: network.id,
      networkName: network.name,
      sandboxId: ref.sandboxId,
      container: endpoint.containerId || ref.sandboxId,
      containerName: owner?.name ?? (endpoint.containerId || ref.sandboxId).slice(0, 12),
      forceApplies: forceApplies(network),
    });
  }

  const losesLastEndpoint: string[] = [];
  const removedPerSandbox = new Map<string, number>();
  for (const it of items) removedPerSandbox.set(it.sandboxId, (removedPerSandbox.get(it.sandboxId) ?? 0) + 1);
  for (const [sandboxId, removed] of removedPerSandbox) {
    const total = t.endpoints.filter((e) => e.sandboxId === sandboxId).length;
    if (removed >= total) {
      const it = items.find((i) => i.sandboxId === sandboxId);
      if (it) losesLastEndpoint.push(it.containerName);
    }
  }
  return {
    items,
    losesLastEndpoint,
    needsConfirm: losesLastEndpoint.length > 0,
    forceApplies: items.some((i) => i.forceApplies),
  };
}

export function disconnectBody(item: DisconnectItem, force: boolean): DisconnectBody {
  return force && item.forceApplies ? { container: item.container, force: true } : { container: item.container };
}

/** The docker command for one item, naming the network and container by name. */
export function disconnectItemCommand(item: DisconnectItem, force: boolean): string {
  return disconnectCommand(item.networkName, { container: item.containerName, ...(force && item.forceApplies ? { force: true } : {}) });
}

/** Parses a canvas edge ID `ep:<networkId>:<sandboxId>`. */
export function parseEndpointEdgeId(id: string): EndpointRef | null {
  const m = /^ep:([^:]+):([^:]+)$/.exec(id);
  return m?.[1] && m[2] ? { networkId: m[1], sandboxId: m[2] } : null;
}
