/**
 * Topology -> canvas nodes and edges. Networks and sandboxes are sibling
 * nodes; each endpoint is an edge from its network to its sandbox. Positions
 * are left at the origin: placement is layout.ts's job.
 *
 * Published ports: when a sandbox publishes a port or runs in host mode, the
 * engine's host is one more node, with an edge to the sandbox for each
 * published port (its IPv4 and IPv6 bindings grouped) and a dashed edge to
 * each host-mode sandbox, which uses the host's ports directly.
 */
import { bridgeDevice, hasContainerDns, isDefaultBridge, isUp, networkFlags, sandboxName } from "../topology/describe";
import { hostAddress } from "../net/cidr";
import type { Endpoint, Network, PublishedPort, Sandbox, Topology } from "../topology/types";
import { swarmPart, type SwarmModel } from "./swarm";
import {
  HOST_NODE_ID,
  SANDBOX_HOST_HANDLE,
  endpointEdgeId,
  hostModeEdgeId,
  networkNodeId,
  portEdgeId,
  sandboxNodeId,
} from "./ids";
import type {
  ClusterNodeData,
  EndpointGraphEdge,
  Graph,
  GraphEdge,
  GraphNode,
  HostGraphNode,
  HostModeGraphEdge,
  NetworkGraphNode,
  PortGraphEdge,
  SandboxGraphNode,
} from "./types";

export const NETWORK_WIDTH = 260;
export const SANDBOX_WIDTH = 240;
export const HOST_WIDTH = 220;
/** What HostNode draws: a header, a title and two summary lines. */
export const HOST_HEIGHT = 104;
export const HOST_MODE_LABEL = "host's network stack (ports used directly)";

/** The line a network node adds for the ingress network: what the routing mesh is. */
export const INGRESS_LINE = 32;

/** Height estimates that follow what the node components draw, line by line. */
export function networkHeight(n: Network, flags: number, hasBridge: boolean, defaultBridge: boolean): number {
  return 64 + 18 * Math.max(1, n.ipam.length) + (flags > 0 ? 24 : 0) + (hasBridge ? 18 : 0) + (defaultBridge ? 20 : 0) + (n.ingress ? INGRESS_LINE : 0);
}

export function sandboxHeight(s: Sandbox): number {
  return 44 + 42 * s.containers.length + (s.ports.length > 0 ? 10 + 18 * s.ports.length : 0);
}

/** A cluster node (lib/graph/group.ts) is as wide as a sandbox, so it takes a sandbox's cell in the block layout. */
export const CLUSTER_WIDTH = SANDBOX_WIDTH;

/**
 * What ClusterNode draws: the stripe, a header, the label, the count, the
 * running/stopped line and the endpoints line; a project cluster adds a line
 * naming its networks.
 */
export function clusterHeight(c: Pick<ClusterNodeData, "networks">): number {
  return 150 + (c.networks === undefined ? 0 : 16);
}


export { hostAddress } from "../net/cidr";

/** One published port: the bindings of the same host port, container port and protocol, IPv4 first. */
export interface PortGroup {
  hostIps: string[];
  hostPort: number;
  containerPort: number;
  protocol: string;
}

/** Groups a sandbox's bindings (already sorted by buildTopology) so `0.0.0.0:8080` and `[::]:8080` are one port. */
export function groupPorts(ports: readonly PublishedPort[]): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const p of ports) {
    const key = `${p.hostPort}/${p.containerPort}/${p.protocol}`;
    const g = groups.get(key);
    if (g) {
      if (!g.hostIps.includes(p.hostIp)) g.hostIps.push(p.hostIp);
    } else {
      groups.set(key, { hostIps: [p.hostIp], hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol });
    }
  }
  const v6 = (ip: string) => (ip.includes(":") ? 1 : 0);
  for (const g of groups.values()) g.hostIps.sort((a, b) => v6(a) - v6(b));
  return [...groups.values()];
}

export function portLabel(g: PortGroup, ownerName: string): string {
  const from = g.hostIps.map((ip) => `${hostAddress(ip)}:${g.hostPort}`).join(", ");
  return `${from} -> ${ownerName}:${g.containerPort}/${g.protocol}`;
}

/** The host node and its edges: published ports and host-mode sandboxes. Empty when there are none. */
function hostPart(sandboxes: readonly Sandbox[], ownerNames: ReadonlyMap<string, string>): { node: HostGraphNode | null; edges: GraphEdge[] } {
  const edges: (PortGraphEdge | HostModeGraphEdge)[] = [];
  const hostModeOwners: string[] = [];
  let portCount = 0;
  for (const sandbox of sandboxes) {
    const ownerName = ownerNames.get(sandbox.id) ?? sandboxName(sandbox);
    const stopped = !isUp(sandbox.containers[0]?.state ?? "");
    const target = sandboxNodeId(sandbox.id);
    if (sandbox.networkMode === "host") {
      hostModeOwners.push(ownerName);
      edges.push({
        id: hostModeEdgeId(sandbox.id),
        type: "host-mode",
        source: HOST_NODE_ID,
        target,
        targetHandle: SANDBOX_HOST_HANDLE,
        data: { ownerName, label: HOST_MODE_LABEL, slot: edges.length, slots: 0, stopped },
      });
    }
    for (const g of groupPorts(sandbox.ports)) {
      const hostIp = g.hostIps[0] ?? "";
      portCount++;
      edges.push({
        id: portEdgeId(sandbox.id, hostIp, g.hostPort, g.protocol),
        type: "port",
        source: HOST_NODE_ID,
        target,
        targetHandle: SANDBOX_HOST_HANDLE,
        data: {
          hostIp,
          hostIps: g.hostIps,
          hostPort: g.hostPort,
          containerPort: g.containerPort,
          protocol: g.protocol,
          ownerName,
          label: portLabel(g, ownerName),
          slot: edges.length,
          slots: 0,
          stopped,
        },
      });
    }
  }
  if (edges.length === 0) return { node: null, edges: [] };
  for (const e of edges) e.data.slots = edges.length;
  return {
    node: {
      id: HOST_NODE_ID,
      type: "host",
      position: { x: 0, y: 0 },
      width: HOST_WIDTH,
      height: HOST_HEIGHT,
      data: { portCount, hostModeOwners },
    },
    edges,
  };
}

/**
 * Nodes and edges already made, by the topology object they were made from:
 * a patch keeps the identity of unchanged networks, sandboxes and endpoints
 * (lib/topology/patch), so after a change only what it touched is built
 * again, and the rest comes back as the same objects. The entries hold what
 * else went into each object; an entry that no longer matches is replaced.
 * Weak: a topology object no longer held lets its entry go.
 */
const networkMade = new WeakMap<Network, NetworkGraphNode>();
const sandboxMade = new WeakMap<Sandbox, SandboxGraphNode>();
const endpointMade = new WeakMap<Endpoint, EndpointGraphEdge>();

function networkNode(network: Network, endpointCount: number): NetworkGraphNode {
  const made = networkMade.get(network);
  if (made && made.data.endpointCount === endpointCount) return made;
  const bridge = bridgeDevice(network);
  const flags = networkFlags(network);
  const defaultBridge = isDefaultBridge(network);
  const node: NetworkGraphNode = {
    id: networkNodeId(network.id),
    type: "network",
    position: { x: 0, y: 0 },
    width: NETWORK_WIDTH,
    height: networkHeight(network, flags.length, bridge !== null, defaultBridge),
    data: { network, bridge, flags, defaultBridge, dns: hasContainerDns(network), endpointCount },
  };
  networkMade.set(network, node);
  return node;
}

function sandboxNode(sandbox: Sandbox): SandboxGraphNode {
  const made = sandboxMade.get(sandbox);
  if (made) return made;
  const node: SandboxGraphNode = {
    id: sandboxNodeId(sandbox.id),
    type: "sandbox",
    position: { x: 0, y: 0 },
    width: SANDBOX_WIDTH,
    height: sandboxHeight(sandbox),
    data: { sandbox, ownerName: sandboxName(sandbox), stopped: !isUp(sandbox.containers[0]?.state ?? "") },
  };
  sandboxMade.set(sandbox, node);
  return node;
}

function endpointEdge(endpoint: Endpoint, network: Network, ownerName: string): EndpointGraphEdge {
  const made = endpointMade.get(endpoint);
  if (made && made.data.networkName === network.name && made.data.driver === network.driver && made.data.ownerName === ownerName) return made;
  const edge: EndpointGraphEdge = {
    id: endpointEdgeId(endpoint.networkId, endpoint.sandboxId),
    type: "endpoint",
    source: networkNodeId(endpoint.networkId),
    target: sandboxNodeId(endpoint.sandboxId),
    data: { endpoint, networkName: network.name, driver: network.driver, ownerName },
  };
  endpointMade.set(endpoint, edge);
  return edge;
}

/**
 * Swarm services (lib/graph/swarm) come after the sandboxes: a service node
 * hangs under its first network, its tasks inside it; the sandboxes of those
 * tasks' local containers are not drawn apart, nor their endpoints and ports.
 */
export function topologyToGraph(t: Pick<Topology, "networks" | "sandboxes" | "endpoints"> & SwarmModel): Graph {
  const endpointCount = new Map<string, number>();
  for (const e of t.endpoints) endpointCount.set(e.networkId, (endpointCount.get(e.networkId) ?? 0) + 1);
  const networkNodes = t.networks.map((network) => networkNode(network, endpointCount.get(network.id) ?? 0));

  const networksById = new Map(t.networks.map((n) => [n.id, n]));
  const swarm = swarmPart(t, networksById);
  const sandboxes = swarm.taskSandboxes.size === 0 ? t.sandboxes : t.sandboxes.filter((s) => !swarm.taskSandboxes.has(s.id));

  const ownerNames = new Map<string, string>();
  const sandboxNodes = sandboxes.map((sandbox) => {
    const node = sandboxNode(sandbox);
    ownerNames.set(sandbox.id, node.data.ownerName);
    return node;
  });

  const edges: GraphEdge[] = [];
  for (const endpoint of t.endpoints) {
    const network = networksById.get(endpoint.networkId);
    const ownerName = ownerNames.get(endpoint.sandboxId);
    if (network === undefined || ownerName === undefined) continue;
    edges.push(endpointEdge(endpoint, network, ownerName));
  }

  const host = hostPart(sandboxes, ownerNames);
  const nodes: GraphNode[] = [...networkNodes, ...sandboxNodes, ...swarm.nodes];
  if (host.node) nodes.push(host.node);
  return { nodes, edges: [...edges, ...swarm.edges, ...host.edges] };
}
