/**
 * Swarm engine JSON -> cnmap's swarm model: nodes, services, tasks, and the
 * peers of each overlay. Pure, like ./build.ts, and called by it.
 */
import type { Network, OverlayPeer, ServicePort, SwarmNode, SwarmService, SwarmState, SwarmTask } from "./types";
import type { EngineNode, EngineService, EngineServicePort, EngineSwarmSnapshot, EngineTask } from "./swarm-json";

/** Tasks the orchestrator no longer wants (history, scaled down, replaced): not drawn, as `docker service ps` marks them with \_. */
const GONE = new Set(["shutdown", "remove", "orphaned"]);

function toNode(n: EngineNode): SwarmNode {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? "",
    role: n.Spec?.Role === "manager" ? "manager" : "worker",
    state: n.Status?.State ?? "unknown",
    availability: n.Spec?.Availability ?? "active",
    addr: n.Status?.Addr ?? "",
    leader: n.ManagerStatus?.Leader === true,
  };
}

function toPort(p: EngineServicePort): ServicePort {
  return {
    protocol: p.Protocol ?? "tcp",
    targetPort: p.TargetPort ?? 0,
    publishedPort: p.PublishedPort ?? 0,
    publishMode: p.PublishMode === "host" ? "host" : "ingress",
  };
}

function toService(s: EngineService, networkId: (ref: string) => string): SwarmService {
  const spec = s.Spec ?? {};
  const mode = spec.Mode?.Global || spec.Mode?.GlobalJob ? "global" : "replicated";
  const attached = spec.TaskTemplate?.Networks ?? spec.Networks ?? [];
  // Endpoint.Ports are the ports in force (a published port the engine chose is only there); the spec's until then.
  const ports = (s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []).map(toPort);
  return {
    id: s.ID,
    name: spec.Name ?? s.ID,
    mode,
    replicas: {
      desired: s.ServiceStatus?.DesiredTasks ?? spec.Mode?.Replicated?.Replicas ?? 0,
      running: s.ServiceStatus?.RunningTasks ?? 0,
    },
    endpointMode: spec.EndpointSpec?.Mode === "dnsrr" ? "dnsrr" : "vip",
    vips: (s.Endpoint?.VirtualIPs ?? [])
      .filter((v) => v.NetworkID && v.Addr)
      .map((v) => ({ networkId: v.NetworkID ?? "", addr: v.Addr ?? "" })),
    ports: ports.sort((a, b) => a.publishedPort - b.publishedPort || a.targetPort - b.targetPort || a.protocol.localeCompare(b.protocol)),
    networks: [...new Set(attached.map((n) => networkId(n.Target ?? "")).filter(Boolean))],
  };
}

function toTask(t: EngineTask): SwarmTask {
  return {
    id: t.ID,
    serviceId: t.ServiceID ?? "",
    slot: t.Slot ?? 0,
    nodeId: t.NodeID ?? "",
    state: t.Status?.State ?? "new",
    desiredState: t.DesiredState ?? "",
    containerId: t.Status?.ContainerStatus?.ContainerID ?? "",
    addresses: (t.NetworksAttachments ?? []).flatMap((a) =>
      (a.Addresses ?? []).map((addr) => ({ networkId: a.Network?.ID ?? "", addr })),
    ),
  };
}

export interface SwarmModel {
  swarm: SwarmState | null;
  services: SwarmService[];
  tasks: SwarmTask[];
  /** Each swarm network's peers, by network ID (from the verbose inspects). */
  peers: Map<string, OverlayPeer[]>;
}

/** The swarm part of a topology; `networks` resolves services' network references (IDs or names) to IDs. */
export function buildSwarm(snapshot: EngineSwarmSnapshot | null | undefined, networks: readonly Network[]): SwarmModel {
  if (!snapshot) return { swarm: null, services: [], tasks: [], peers: new Map() };
  const byName = new Map(networks.map((n) => [n.name, n.id] as const));
  const ids = new Set(networks.map((n) => n.id));
  const networkId = (ref: string): string => (ids.has(ref) ? ref : (byName.get(ref) ?? networks.find((n) => ref.length >= 6 && n.id.startsWith(ref))?.id ?? ref));
  const nodes = snapshot.nodes.map(toNode).sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
  const services = snapshot.services.map((s) => toService(s, networkId)).sort(compareServices);
  const known = new Set(services.map((s) => s.id));
  const tasks = snapshot.tasks
    .filter((t) => !GONE.has(t.DesiredState ?? "") && known.has(t.ServiceID ?? ""))
    .map(toTask)
    .sort(compareTasks);
  const peers = new Map<string, OverlayPeer[]>();
  for (const n of snapshot.networks) {
    peers.set(
      n.Id,
      (n.Peers ?? [])
        .map((p) => ({ name: p.Name ?? "", ip: p.IP ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.ip.localeCompare(b.ip)),
    );
  }
  return { swarm: { nodeId: snapshot.nodeId, role: snapshot.manager ? "manager" : "worker", nodes }, services, tasks, peers };
}

export function compareServices(a: SwarmService, b: SwarmService): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

export function compareTasks(a: SwarmTask, b: SwarmTask): number {
  return a.serviceId.localeCompare(b.serviceId) || a.slot - b.slot || a.nodeId.localeCompare(b.nodeId) || a.id.localeCompare(b.id);
}

/** An overlay's VXLAN IDs, from its driver option (a comma-separated list, one per subnet). */
export function vxlanIds(options: Record<string, string>): number[] | undefined {
  const list = options["com.docker.network.driver.overlay.vxlanid_list"];
  if (!list) return undefined;
  const ids = list.split(",").map((x) => Number(x.trim())).filter((x) => Number.isInteger(x) && x > 0);
  return ids.length > 0 ? ids : undefined;
}
