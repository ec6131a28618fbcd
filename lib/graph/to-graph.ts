/**
 * Topology -> canvas nodes and edges. Networks and sandboxes are sibling
 * nodes; each endpoint is an edge from its network to its sandbox. Positions
 * are left at the origin: placement is layout.ts's job.
 */
import { bridgeDevice, hasContainerDns, isDefaultBridge, networkFlags } from "../topology/describe";
import type { Network, Sandbox, Topology } from "../topology/types";
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "./ids";
import type { Graph, GraphEdge, GraphNode, NetworkGraphNode, SandboxGraphNode } from "./types";

export const NETWORK_WIDTH = 260;
export const SANDBOX_WIDTH = 240;

/** Height estimates that follow what the node components draw, line by line. */
export function networkHeight(n: Network, flags: number, hasBridge: boolean, defaultBridge: boolean): number {
  return 64 + 18 * Math.max(1, n.ipam.length) + (flags > 0 ? 24 : 0) + (hasBridge ? 18 : 0) + (defaultBridge ? 20 : 0);
}

export function sandboxHeight(s: Sandbox): number {
  return 44 + 42 * s.containers.length + (s.ports.length > 0 ? 10 + 18 * s.ports.length : 0);
}

const RUNNING = new Set(["running", "paused", "restarting"]);

export function topologyToGraph(t: Pick<Topology, "networks" | "sandboxes" | "endpoints">): Graph {
  const endpointCount = new Map<string, number>();
  for (const e of t.endpoints) endpointCount.set(e.networkId, (endpointCount.get(e.networkId) ?? 0) + 1);

  const networkNodes: NetworkGraphNode[] = t.networks.map((network) => {
    const bridge = bridgeDevice(network);
    const flags = networkFlags(network);
    const defaultBridge = isDefaultBridge(network);
    return {
      id: networkNodeId(network.id),
      type: "network",
      position: { x: 0, y: 0 },
      width: NETWORK_WIDTH,
      height: networkHeight(network, flags.length, bridge !== null, defaultBridge),
      data: {
        network,
        bridge,
        flags,
        defaultBridge,
        dns: hasContainerDns(network),
        endpointCount: endpointCount.get(network.id) ?? 0,
      },
    };
  });

  const ownerNames = new Map<string, string>();
  const sandboxNodes: SandboxGraphNode[] = t.sandboxes.map((sandbox) => {
    const owner = sandbox.containers[0];
    const ownerName = owner?.name ?? sandbox.id.slice(0, 12);
    ownerNames.set(sandbox.id, ownerName);
    return {
      id: sandboxNodeId(sandbox.id),
      type: "sandbox",
      position: { x: 0, y: 0 },
      width: SANDBOX_WIDTH,
      height: sandboxHeight(sandbox),
      data: { sandbox, ownerName, stopped: !RUNNING.has(owner?.state ?? "") },
    };
  });

  const networksById = new Map(t.networks.map((n) => [n.id, n]));
  const edges: GraphEdge[] = [];
  for (const endpoint of t.endpoints) {
    const network = networksById.get(endpoint.networkId);
    const ownerName = ownerNames.get(endpoint.sandboxId);
    if (network === undefined || ownerName === undefined) continue;
    edges.push({
      id: endpointEdgeId(endpoint.networkId, endpoint.sandboxId),
      type: "endpoint",
      source: networkNodeId(endpoint.networkId),
      target: sandboxNodeId(endpoint.sandboxId),
      data: { endpoint, networkName: network.name, driver: network.driver, ownerName },
    });
  }

  const nodes: GraphNode[] = [...networkNodes, ...sandboxNodes];
  return { nodes, edges };
}
