/**
 * The subset of a swarm manager's JSON that cnmap reads (API 1.41+), typed by
 * hand like ./engine-json.ts so the pure transforms need no dockerode.
 */

/** One entry of `GET /nodes`. */
export interface EngineNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string } | null;
  Description?: { Hostname?: string } | null;
  Status?: { State?: string; Addr?: string } | null;
  ManagerStatus?: { Leader?: boolean; Addr?: string } | null;
}

export interface EngineServicePort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

/** One entry of `GET /services?status=true`. */
export interface EngineService {
  ID: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    Mode?: { Replicated?: { Replicas?: number } | null; Global?: object | null; ReplicatedJob?: object | null; GlobalJob?: object | null } | null;
    TaskTemplate?: {
      Networks?: { Target?: string; Aliases?: string[] | null }[] | null;
      Placement?: { Constraints?: string[] | null } | null;
    } | null;
    /** Deprecated: where old clients put the networks. */
    Networks?: { Target?: string; Aliases?: string[] | null }[] | null;
    EndpointSpec?: { Mode?: string; Ports?: EngineServicePort[] | null } | null;
  } | null;
  Endpoint?: {
    Ports?: EngineServicePort[] | null;
    VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null;
  } | null;
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number } | null;
}

/** One entry of `GET /tasks`. */
export interface EngineTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } | null } | null;
  NetworksAttachments?: { Network?: { ID?: string } | null; Addresses?: string[] | null }[] | null;
}

/** What `GET /networks/{id}?verbose=true` adds on a manager (only Peers is read). */
export interface EngineNetworkVerbose {
  Id: string;
  Peers?: { Name?: string; IP?: string }[] | null;
}

/** Everything swarm cnmap reads of one engine, or null when it is not in an active swarm. */
export interface EngineSwarmSnapshot {
  /** Info.Swarm.NodeID. */
  nodeId: string;
  /** Info.Swarm.ControlAvailable: a manager. */
  manager: boolean;
  /** Empty on a worker (a worker may not list them). */
  nodes: EngineNode[];
  services: EngineService[];
  tasks: EngineTask[];
  /** Verbose inspects of the swarm-scope networks (managers only). */
  networks: EngineNetworkVerbose[];
}
