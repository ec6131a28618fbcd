/**
 * The subset of the Docker Engine API's JSON that cnmap reads, typed by hand
 * so the pure transforms need no dockerode import. Field names are the
 * engine's own (API 1.41+). Full engine objects are assignable to these.
 */
import type { EngineSwarmSnapshot } from "./swarm-json";

export interface EngineIpamConfig {
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
  AuxiliaryAddresses?: Record<string, string> | null;
}

/** One entry of `GET /networks`. */
export interface EngineNetwork {
  Id: string;
  Name: string;
  Created?: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network?: string } | null;
  IPAM?: { Driver?: string; Options?: Record<string, string> | null; Config?: EngineIpamConfig[] | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** A container's attachment to one network, as the list and inspect report it. */
export interface EngineEndpointSettings {
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  MacAddress?: string;
  Aliases?: string[] | null;
  /** Addresses fixed with --ip/--ip6: reserved even while the container is stopped. */
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] | null } | null;
}

export interface EnginePort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** One entry of `GET /containers/json?all=1`. */
export interface EngineContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Status?: string;
  Created?: number;
  Labels?: Record<string, string> | null;
  Ports?: EnginePort[] | null;
  HostConfig?: { NetworkMode?: string } | null;
  NetworkSettings?: { Networks?: Record<string, EngineEndpointSettings> | null } | null;
}

/**
 * What cnmap reads of `GET /containers/{id}/json`: on Docker 20.10 the list
 * reports no aliases, so they come from here (the cache keeps only those).
 * A full inspect is assignable.
 */
export interface EngineContainerDetail {
  Id: string;
  NetworkSettings?: { Networks?: Record<string, EngineEndpointSettings> | null } | null;
}

/** Everything the topology transform needs, gathered by a constant number of list calls plus cached inspects. */
export interface EngineSnapshot {
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
  /** Container inspect details by container ID; a missing entry means "no aliases known". */
  details: Record<string, EngineContainerDetail | undefined>;
  /** The swarm's nodes, services, tasks and overlay peers, when the engine is in an active swarm. */
  swarm?: EngineSwarmSnapshot | null;
}
