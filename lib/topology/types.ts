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

export interface Topology {
  engine: EngineInfo;
  networks: Network[];
  sandboxes: Sandbox[];
  endpoints: Endpoint[];
  /**
   * Which state of the server's live model this is (lib/server/live-model.ts):
   * patches on the event stream apply to exactly this version. Absent when the
   * topology was read straight from the engine (the model was not live).
   */
  live?: { epoch: string; version: number };
}
