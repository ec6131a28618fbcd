/**
 * cnmap's own model of Docker's Container Network Model, as served by
 * `GET /api/topology`. Every value equals what `docker network inspect` /
 * `docker inspect` report for the same object.
 */

export interface EngineInfo {
  /** The engine address cnmap talks to (DOCKER_HOST, or the default socket). */
  host: string;
  version: string;
  apiVersion: string;
  /** Swarm.LocalNodeState: "inactive", "active", "pending", "error", "locked". */
  swarm: string;
  /** The MTU of the engine host's uplink, when the engine runs on cnmap's machine (lib/net/uplink). */
  hostMtu?: number;
}

export interface IpamConfig {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

export interface Network {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  ipam: IpamConfig[];
  options: Record<string, string>;
  labels: Record<string, string>;
  /** Docker's own `bridge`, `host` and `none`: they cannot be removed. */
  predefined: boolean;
  configOnly: boolean;
  configFrom: string;
  ipamDriver: string;
  /** Created with `--opt encrypted` (an overlay whose traffic between nodes goes in IPsec). */
  encrypted: boolean;
  /** An overlay's VXLAN network identifiers (Options["com.docker.network.driver.overlay.vxlanid_list"]), one per subnet. */
  vxlanIds?: number[];
  /**
   * The swarm nodes that share this overlay (`docker network inspect -v`,
   * Peers): each node's hostname and the address it is reached at. Only on a
   * manager, for swarm-scope networks.
   */
  peers?: OverlayPeer[];
}

export interface OverlayPeer {
  /** The node's hostname. */
  name: string;
  ip: string;
}

export interface ContainerRef {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  /** created, running, paused, restarting, removing, exited, dead */
  state: string;
  /** The engine's human status, e.g. "Up 3 minutes". */
  status: string;
  labels: Record<string, string>;
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

/**
 * A network namespace. Its ID is the ID of the container that owns it (the
 * one the others joined with `--network container:X`), so it stays stable
 * across restarts, unlike the engine's SandboxID.
 */
export interface Sandbox {
  id: string;
  /** The owner's HostConfig.NetworkMode, as the engine reports it. */
  networkMode: string;
  /** The owner first, then the containers that share its namespace. */
  containers: ContainerRef[];
  ports: PublishedPort[];
}

export interface Endpoint {
  /** The engine's EndpointID; "" while the container is not running. */
  id: string;
  networkId: string;
  sandboxId: string;
  containerId: string;
  /** "172.18.0.2/16", or "" when there is none. */
  ipv4: string;
  /** "fd00::2/64", or "". */
  ipv6: string;
  mac: string;
  aliases: string[];
  /** True when the engine has a live endpoint (the container runs). */
  active: boolean;
}

/** One node of the swarm (`docker node ls`). */
export interface SwarmNode {
  id: string;
  hostname: string;
  role: "manager" | "worker";
  /** Status.State: "ready", "down", "unknown", "disconnected". */
  state: string;
  /** Spec.Availability: "active", "pause", "drain". */
  availability: string;
  /** Status.Addr: the address the node is reached at. */
  addr: string;
  leader: boolean;
}

/** The swarm this engine is part of. On a worker, `nodes` is empty: only managers know the swarm. */
export interface SwarmState {
  nodeId: string;
  role: "manager" | "worker";
  nodes: SwarmNode[];
}

export interface ServicePort {
  protocol: string;
  targetPort: number;
  publishedPort: number;
  /** "ingress": the routing mesh, on every node; "host": only on the nodes that run a task. */
  publishMode: "ingress" | "host";
}

export interface SwarmService {
  id: string;
  name: string;
  mode: "replicated" | "global";
  /** ServiceStatus: what `docker service ls` shows as REPLICAS. */
  replicas: { desired: number; running: number };
  endpointMode: "vip" | "dnsrr";
  /** The service's virtual IP on each network (the ingress network's too when it publishes ports in ingress mode). */
  vips: { networkId: string; addr: string }[];
  ports: ServicePort[];
  /** The networks its tasks join (Spec.TaskTemplate.Networks, as network IDs); the ingress network is not listed. */
  networks: string[];
}

/** A task of a service that is meant to exist (its desired state is not shutdown or remove). */
export interface SwarmTask {
  id: string;
  serviceId: string;
  /** A replicated service's slot; 0 for a global service's tasks (they have one per node instead). */
  slot: number;
  nodeId: string;
  /** Status.State: "new", "pending", "assigned", "preparing", "starting", "running", "failed", "rejected"... */
  state: string;
  desiredState: string;
  /** The task's container on its node ("" until it has one). */
  containerId: string;
  addresses: { networkId: string; addr: string }[];
}

export interface Topology {
  engine: EngineInfo;
  networks: Network[];
  sandboxes: Sandbox[];
  endpoints: Endpoint[];
  /** null unless this engine is part of an active swarm. */
  swarm: SwarmState | null;
  /** A manager's services; empty elsewhere. */
  services: SwarmService[];
  tasks: SwarmTask[];
  /**
   * Which state of the server's live model this is (lib/server/live-model.ts):
   * patches on the event stream apply to exactly this version. Absent when the
   * topology was read straight from the engine (the model was not live).
   */
  live?: { epoch: string; version: number };
}
