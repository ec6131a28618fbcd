/**
 * Swarm services on the canvas. Pure.
 *
 * - A service is a node, attached to each network its tasks join
 *   (`service.networks`) and to the ingress network when it has a VIP there
 *   (it publishes ports in ingress mode): one edge per network, from the
 *   network to the service, like an endpoint, labelled with the service's VIP
 *   on that network ("dnsrr" for a DNS round-robin service, which has none).
 * - Its tasks are drawn inside it, grouped by the swarm node they run on.
 *   The sandbox of a local task's container (its owner carries
 *   `com.docker.swarm.task.id`) is not drawn apart: it is that task. Only
 *   when its service is known, so a worker, which sees no services, still
 *   draws its task containers as sandboxes.
 * - A published port: in ingress mode (the routing mesh) it answers on every
 *   node of the swarm; in host mode only on the nodes that run a task.
 */
import type { Network, Sandbox, ServicePort, SwarmNode, SwarmService, SwarmTask, Topology } from "../topology/types";
import { SWARM_SERVICE_LABEL, SWARM_TASK_LABEL, networkNodeId, serviceEdgeId, serviceNodeId } from "./ids";
import type { ServiceGraphEdge, ServiceGraphNode, ServiceNodeData } from "./types";

/** As wide as a sandbox: a service takes a sandbox's cell in the block layout. */
export const SERVICE_WIDTH = 240;

/** The swarm service a sandbox's owner container is a task of, or null. */
export function taskServiceOf(s: Sandbox): string | null {
  const labels = s.containers[0]?.labels ?? {};
  return labels[SWARM_TASK_LABEL] !== undefined ? (labels[SWARM_SERVICE_LABEL] ?? "") : null;
}

/** How a task's state is drawn: up, on its way up, failed, or over. */
export type TaskTone = "running" | "starting" | "failed" | "done";

const STARTING = new Set(["new", "pending", "assigned", "accepted", "preparing", "ready", "starting"]);
const FAILED = new Set(["failed", "rejected", "orphaned"]);

export function taskTone(state: string): TaskTone {
  if (state === "running") return "running";
  if (STARTING.has(state)) return "starting";
  if (FAILED.has(state)) return "failed";
  return "done";
}

/** The hostname of the node a task runs on; the node's ID cut short when the swarm's nodes are not known (a worker); "" before it is assigned. */
export function nodeName(nodeId: string, nodes: readonly SwarmNode[]): string {
  if (nodeId === "") return "";
  return nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId.slice(0, 12);
}

export interface TaskGroup {
  nodeId: string;
  /** The node's hostname ("unassigned" for tasks not yet given a node). */
  hostname: string;
  tasks: SwarmTask[];
}

export const UNASSIGNED = "unassigned";

/** A service's tasks by the node they run on, nodes in the swarm's order (then unknown ones, then unassigned tasks). */
export function tasksByNode(tasks: readonly SwarmTask[], nodes: readonly SwarmNode[]): TaskGroup[] {
  const groups = new Map<string, TaskGroup>();
  for (const n of nodes) groups.set(n.id, { nodeId: n.id, hostname: n.hostname, tasks: [] });
  const extra: TaskGroup[] = [];
  let unassigned: TaskGroup | null = null;
  for (const t of tasks) {
    let g = groups.get(t.nodeId);
    if (!g) {
      if (t.nodeId === "") g = unassigned ??= { nodeId: "", hostname: UNASSIGNED, tasks: [] };
      else {
        g = { nodeId: t.nodeId, hostname: nodeName(t.nodeId, nodes), tasks: [] };
        groups.set(t.nodeId, g);
        extra.push(g);
      }
    }
    g.tasks.push(t);
  }
  const out = [...groups.values()].filter((g) => g.tasks.length > 0 && !extra.includes(g));
  return [...out, ...extra, ...(unassigned ? [unassigned] : [])];
}

export interface PortReach {
  port: ServicePort;
  /** The hostnames of the nodes the port answers on (every node's for the mesh). */
  nodes: string[];
  /** `8080→80/tcp · mesh: every node (vm, node2)`, `8081→80/tcp · host: node2`. */
  label: string;
}

/** `8080→80/tcp` */
export function portText(p: ServicePort): string {
  return `${p.publishedPort}→${p.targetPort}/${p.protocol}`;
}

/** Where each of a service's published ports can be reached: every node (ingress mode), or the nodes that run a task (host mode). */
export function portReach(service: SwarmService, tasks: readonly SwarmTask[], nodes: readonly SwarmNode[]): PortReach[] {
  const running: string[] = [];
  for (const t of tasks) {
    if (t.serviceId !== service.id || t.state !== "running" || t.nodeId === "") continue;
    const name = nodeName(t.nodeId, nodes);
    if (!running.includes(name)) running.push(name);
  }
  // In the swarm's node order, so the label does not change with the order of the tasks.
  const order = nodes.map((n) => n.hostname);
  running.sort((a, b) => (order.indexOf(a) === -1 ? 1e9 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e9 : order.indexOf(b)) || a.localeCompare(b));
  return service.ports.map((port) => {
    if (port.publishMode === "ingress") {
      const all = nodes.map((n) => n.hostname);
      return { port, nodes: all, label: `${portText(port)} · mesh: every node${all.length > 0 ? ` (${all.join(", ")})` : ""}` };
    }
    return { port, nodes: running, label: `${portText(port)} · host: ${running.length > 0 ? running.join(", ") : "no task running"}` };
  });
}

/** What ServiceNode draws, line by line: the header, the name, the facts, each node's group of tasks (a title, two lines a task), the ports. */
export function serviceHeight(d: Pick<ServiceNodeData, "tasks" | "nodes" | "portLabels">): number {
  const groups = tasksByNode(d.tasks, d.nodes).length;
  return 78 + (groups > 0 ? 6 + 20 * groups + 34 * d.tasks.length : 18) + (d.portLabels.length > 0 ? 10 + 18 * d.portLabels.length : 0);
}

/** The label of a service's edge to a network: its VIP there, "dnsrr", or "no VIP". */
export function vipLabel(service: SwarmService, vip: string | null): string {
  if (service.endpointMode === "dnsrr") return "dnsrr";
  return vip ?? "no VIP";
}

/** The networks a service is drawn on: its own, in its order, then those it has a VIP on (the ingress network). */
export function serviceNetworks(service: SwarmService): string[] {
  const ids = [...service.networks];
  for (const v of service.vips) if (!ids.includes(v.networkId)) ids.push(v.networkId);
  return ids;
}

function serviceNode(service: SwarmService, tasks: SwarmTask[], nodes: SwarmNode[]): ServiceGraphNode {
  const portLabels = portReach(service, tasks, nodes).map((r) => r.label);
  const data: ServiceNodeData = { service, tasks, nodes, portLabels };
  return { id: serviceNodeId(service.id), type: "service", position: { x: 0, y: 0 }, width: SERVICE_WIDTH, height: serviceHeight(data), data };
}

function serviceEdges(service: SwarmService, networksById: ReadonlyMap<string, Network>): ServiceGraphEdge[] {
  const edges: ServiceGraphEdge[] = [];
  for (const networkId of serviceNetworks(service)) {
    const network = networksById.get(networkId);
    if (!network) continue;
    const vip = service.vips.find((v) => v.networkId === networkId)?.addr ?? null;
    edges.push({
      id: serviceEdgeId(service.id, networkId),
      type: "service",
      source: networkNodeId(networkId),
      target: serviceNodeId(service.id),
      data: {
        serviceId: service.id,
        serviceName: service.name,
        networkId,
        networkName: network.name,
        driver: network.driver,
        vip,
        label: vipLabel(service, vip),
        ingress: network.ingress,
      },
    });
  }
  return edges;
}

export type SwarmModel = Partial<Pick<Topology, "services" | "tasks" | "swarm">>;

/**
 * The services' nodes and edges, and the sandboxes not to draw apart (those
 * of the tasks of a service drawn here), by sandbox ID.
 */
export function swarmPart(t: SwarmModel & Pick<Topology, "sandboxes">, networksById: ReadonlyMap<string, Network>): { nodes: ServiceGraphNode[]; edges: ServiceGraphEdge[]; taskSandboxes: Set<string> } {
  const services = t.services ?? [];
  const taskSandboxes = new Set<string>();
  if (services.length === 0) return { nodes: [], edges: [], taskSandboxes };
  const nodes = t.swarm?.nodes ?? [];
  const byService = new Map<string, SwarmTask[]>(services.map((s) => [s.id, []]));
  for (const task of t.tasks ?? []) byService.get(task.serviceId)?.push(task);
  const out: ServiceGraphNode[] = [];
  const edges: ServiceGraphEdge[] = [];
  for (const service of services) {
    const tasks = (byService.get(service.id) ?? []).sort((a, b) => a.slot - b.slot || a.nodeId.localeCompare(b.nodeId) || a.id.localeCompare(b.id));
    out.push(serviceNode(service, tasks, nodes));
    edges.push(...serviceEdges(service, networksById));
  }
  // A current task's container, known by its ID (labels may be hidden by the label policy), or by its labels any
  // container of a drawn service (the exited containers of its task history too).
  const taskContainers = new Set((t.tasks ?? []).map((task) => task.containerId).filter(Boolean));
  for (const s of t.sandboxes) {
    const svc = taskServiceOf(s);
    if (taskContainers.has(s.id) || (svc !== null && byService.has(svc))) taskSandboxes.add(s.id);
  }
  return { nodes: out, edges, taskSandboxes };
}
