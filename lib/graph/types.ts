/**
 * Canvas shapes produced by the pure graph transforms. They are structurally
 * React Flow's `Node`/`Edge`, declared here so lib/ needs no React import.
 */
import type { Endpoint, Network, Sandbox, SwarmNode, SwarmService, SwarmTask } from "../topology/types";

export interface NetworkNodeData extends Record<string, unknown> {
  network: Network;
  /** Linux bridge device, for bridge networks. */
  bridge: string | null;
  flags: string[];
  defaultBridge: boolean;
  /** Whether containers on it resolve each other's names. */
  dns: boolean;
  endpointCount: number;
}

export interface SandboxNodeData extends Record<string, unknown> {
  sandbox: Sandbox;
  /** Name of the container whose namespace this is. */
  ownerName: string;
  /** True when the namespace's owner is not running: its endpoints are inactive. */
  stopped: boolean;
}

export interface EndpointEdgeData extends Record<string, unknown> {
  endpoint: Endpoint;
  networkName: string;
  /** The network's driver, for colouring. */
  driver: string;
  ownerName: string;
}

/** The machine the engine runs on: the origin of published ports and host mode. */
export interface HostNodeData extends Record<string, unknown> {
  /** Published port edges (an IPv4 and IPv6 binding of one port count once). */
  portCount: number;
  /** Owners of the sandboxes that use the host's network stack (`--network host`). */
  hostModeOwners: string[];
}

/** A published port: `-p hostIp:hostPort:containerPort/protocol`, its IPv4 and IPv6 bindings grouped. */
export interface PortEdgeData extends Record<string, unknown> {
  /** The first host address of the group (the edge ID's). */
  hostIp: string;
  /** Every host address bound to this port, IPv4 first. */
  hostIps: string[];
  hostPort: number;
  containerPort: number;
  protocol: string;
  ownerName: string;
  /** `0.0.0.0:8080, [::]:8080 -> web:80/tcp` */
  label: string;
  /** Row of this edge's label in the column beside the host node, and the column's row count. */
  slot: number;
  slots: number;
  /** True when the namespace's owner is not running. */
  stopped: boolean;
}

/** A sandbox in host mode: it has no namespace of its own and binds the host's ports directly. */
export interface HostModeEdgeData extends Record<string, unknown> {
  ownerName: string;
  label: string;
  slot: number;
  slots: number;
  stopped: boolean;
}

/** How sandboxes are folded into cluster nodes (lib/graph/group.ts). */
export type ClusterBy = "network" | "project";

/** Many sandboxes drawn as one node: those of one network, of one compose project, or on no network. */
export interface ClusterNodeData extends Record<string, unknown> {
  by: ClusterBy;
  /** The network's engine ID (or "unattached"), or the compose project's name. */
  key: string;
  /** The network's name, the project's name, or "not on a network". */
  label: string;
  /** The network's driver, for colouring a network cluster; null for the others. */
  driver: string | null;
  sandboxCount: number;
  /** Sandboxes whose owner is up, and the others. */
  running: number;
  stopped: number;
  /** Containers in those sandboxes (owners and the containers sharing their namespace). */
  containerCount: number;
  /** Endpoints of the member sandboxes, on any network. */
  endpointCount: number;
  /** Canvas IDs of the member sandboxes, sorted. */
  members: string[];
  /** For a project cluster: the names of the networks its sandboxes are on, sorted. */
  networks?: string[];
}

/**
 * Several edges into a cluster's sandboxes drawn as one: a network's
 * endpoints ("endpoints"), or the host's published ports and host-mode marks
 * ("ports").
 */
export interface LinkEdgeData extends Record<string, unknown> {
  kind: "endpoints" | "ports";
  /** How many edges this link stands for. */
  count: number;
  /** Of those, how many belong to sandboxes whose owner is up (active endpoints, live ports). */
  active: number;
  /**
   * The cluster's own network: for a network cluster its members' primary
   * network; for a project cluster a network of the same compose project.
   * Always false for "ports".
   */
  home: boolean;
  /** The source network's driver, for colouring; "" for "ports". */
  driver: string;
  /** "12 endpoints", "3 published ports, 1 in host mode". */
  label: string;
  /** IDs of the edges it stands for, in graph order. */
  replaces: string[];
}

/**
 * A swarm service: its tasks drawn inside it, grouped by the node they run
 * on, and its published ports with where they are reachable (lib/graph/swarm).
 */
export interface ServiceNodeData extends Record<string, unknown> {
  service: SwarmService;
  /** The service's current tasks, by slot (then ID). */
  tasks: SwarmTask[];
  /** The swarm's nodes (to name the node a task runs on, and where ports are reachable); empty on a worker. */
  nodes: SwarmNode[];
  /** One line per published port: `8080→80/tcp · mesh: every node (vm, node2)`. */
  portLabels: string[];
}

/** A service on a network: the edge from the network to the service, labelled with the service's VIP there. */
export interface ServiceEdgeData extends Record<string, unknown> {
  serviceId: string;
  serviceName: string;
  networkId: string;
  networkName: string;
  driver: string;
  /** The VIP on this network (`10.0.1.2/24`), or null (dnsrr, or none given yet). */
  vip: string | null;
  /** What the edge's label says: the VIP, "dnsrr", or "no VIP". */
  label: string;
  /** The ingress network: the routing mesh's, joined for ports published in ingress mode. */
  ingress: boolean;
}

export interface XY {
  x: number;
  y: number;
}

interface GraphNodeBase<T extends string, D> {
  id: string;
  type: T;
  position: XY;
  data: D;
  /** Estimated size, for layout before the browser has measured the node. */
  width: number;
  height: number;
}

export type NetworkGraphNode = GraphNodeBase<"network", NetworkNodeData>;
export type SandboxGraphNode = GraphNodeBase<"sandbox", SandboxNodeData>;
export type HostGraphNode = GraphNodeBase<"host", HostNodeData>;
export type ClusterGraphNode = GraphNodeBase<"cluster", ClusterNodeData>;
export type ServiceGraphNode = GraphNodeBase<"service", ServiceNodeData>;
export type GraphNode = NetworkGraphNode | SandboxGraphNode | HostGraphNode | ClusterGraphNode | ServiceGraphNode;

interface GraphEdgeBase<T extends string, D> {
  id: string;
  type: T;
  source: string;
  target: string;
  /** The target node's handle, when not its default (top) one. */
  targetHandle?: string;
  data: D;
}

export type EndpointGraphEdge = GraphEdgeBase<"endpoint", EndpointEdgeData>;
export type PortGraphEdge = GraphEdgeBase<"port", PortEdgeData>;
export type HostModeGraphEdge = GraphEdgeBase<"host-mode", HostModeEdgeData>;
export type LinkGraphEdge = GraphEdgeBase<"link", LinkEdgeData>;
export type ServiceGraphEdge = GraphEdgeBase<"service", ServiceEdgeData>;
export type GraphEdge = EndpointGraphEdge | PortGraphEdge | HostModeGraphEdge | LinkGraphEdge | ServiceGraphEdge;

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
