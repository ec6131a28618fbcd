/**
 * Look-ups over the swarm's part of the model (services, tasks, nodes) that
 * the DNS, reachability and advisor insights share. Pure.
 *
 * A task's container on this node is also an ordinary sandbox (its container
 * ID is the task's containerId); a task on another node is known only from
 * the manager's task list: its node, state and addresses.
 */
import { addressPart } from "../net/cidr";
import type { Sandbox, SwarmService, SwarmTask } from "../topology/types";
import type { TopologyModel } from "./model";

/** The node this engine is (its swarm node ID), or "" outside a swarm. */
export function localNodeId(t: TopologyModel): string {
  return t.swarm?.nodeId ?? "";
}

/** A node's hostname as `docker node ls` shows it; "this node" for the local one on a worker (which lists no nodes). */
export function nodeHostname(t: TopologyModel, nodeId: string): string {
  const n = t.swarm?.nodes.find((x) => x.id === nodeId);
  if (n?.hostname) return n.hostname;
  if (nodeId !== "" && nodeId === localNodeId(t)) return "this node";
  return nodeId.slice(0, 12) || "an unknown node";
}

/** The local node's hostname (the one cnmap's engine runs), or "this node". */
export function localHostname(t: TopologyModel): string {
  return nodeHostname(t, localNodeId(t));
}

export function serviceById(t: TopologyModel): Map<string, SwarmService> {
  return new Map((t.services ?? []).map((s) => [s.id, s]));
}

/** A task's name as `docker service ps` shows it: `web.1` (replicated, by slot) or `web.<node ID>` (global). */
export function taskLabel(t: TopologyModel, task: SwarmTask, service?: SwarmService): string {
  const svc = service ?? (t.services ?? []).find((s) => s.id === task.serviceId);
  const name = svc?.name ?? task.serviceId.slice(0, 12);
  return `${name}.${task.slot > 0 ? task.slot : task.nodeId}`;
}

/** Whether the task runs on this engine's node. */
export function isLocalTask(t: TopologyModel, task: SwarmTask): boolean {
  return task.nodeId !== "" && task.nodeId === localNodeId(t);
}

/** The sandbox of a task's container, when it runs on this node and cnmap sees it. */
export function taskSandbox(t: TopologyModel, task: SwarmTask): Sandbox | undefined {
  if (task.containerId === "") return undefined;
  return t.sandboxes.find((s) => s.containers.some((c) => c.id === task.containerId));
}

/** The task's address on a network, without its prefix length, or "". */
export function taskAddress(task: SwarmTask, networkId: string): string {
  const a = task.addresses.find((x) => x.networkId === networkId);
  return a ? addressPart(a.addr) : "";
}

/**
 * The tasks Docker's DNS answers for: those running (a task that is starting,
 * failed or shut down has no live endpoint behind its address).
 */
export function runningTasksOf(t: TopologyModel, serviceId: string): SwarmTask[] {
  return (t.tasks ?? [])
    .filter((x) => x.serviceId === serviceId && x.state === "running")
    .sort((a, b) => a.slot - b.slot || a.nodeId.localeCompare(b.nodeId) || a.id.localeCompare(b.id));
}

/** The service's VIP on a network, without its prefix length, or "". */
export function serviceVip(service: SwarmService, networkId: string): string {
  const v = service.vips.find((x) => x.networkId === networkId);
  return v ? addressPart(v.addr) : "";
}

/** The nodes a service's running tasks are on (node IDs, each once). */
export function taskNodes(tasks: readonly SwarmTask[]): string[] {
  return [...new Set(tasks.map((x) => x.nodeId).filter((x) => x !== ""))];
}
