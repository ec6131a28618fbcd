/**
 * The overlay lab's view of the swarm: whether this engine can run it (a
 * manager with at least two ready nodes), which node the service's task is
 * pinned to, and where a lab service's task runs. Pure: lib/server/labs.ts
 * passes in the manager's nodes, services and tasks (lib/server/swarm-read.ts).
 *
 * Nothing here sends traffic to a service's virtual IP or through the
 * ingress routing mesh: the lab reaches the task's own overlay address, and
 * asks swarm DNS for `tasks.<service>`, which answers with task addresses.
 */
import type { EngineNode, EngineService, EngineSwarmSnapshot, EngineTask } from "../topology/swarm-json";
import { isLabs, objectName } from "./names";
import type { Lab, LabId, SwarmPlan } from "./types";

/** Why the overlay lab is listed but cannot run, in the words of the issue. */
export const SWARM_NEEDED = "needs swarm with two nodes: docker swarm init, then docker swarm join on a second host";

/** The constraint that pins a task to a node by hostname, as `--constraint` takes it. */
export function hostnameConstraint(hostname: string): string {
  return `node.hostname==${hostname}`;
}

function readyNodes(swarm: EngineSwarmSnapshot): EngineNode[] {
  return swarm.nodes.filter((n) => n.Status?.State === "ready" && (n.Spec?.Availability ?? "active") === "active" && (n.Description?.Hostname ?? "") !== "");
}

/** Why a lab that needs a swarm cannot run on this engine, or null. */
export function swarmRefusal(swarm: EngineSwarmSnapshot | null | undefined): string | null {
  if (!swarm) return `This lab ${SWARM_NEEDED}. This engine is not in a swarm.`;
  if (!swarm.manager) return `This lab ${SWARM_NEEDED}. This engine is a swarm worker: open the lab on a manager (docker node ls lists them).`;
  const ready = readyNodes(swarm);
  if (ready.length < 2) return `This lab ${SWARM_NEEDED}. This swarm has ${ready.length} ready node${ready.length === 1 ? "" : "s"} taking tasks.`;
  if (!ready.some((n) => n.ID === swarm.nodeId)) return `This lab ${SWARM_NEEDED}. This engine's node is not ready and active in the swarm.`;
  if (otherNode(swarm) === null) return `This lab ${SWARM_NEEDED}. The other ready nodes have this node's hostname, so a constraint on node.hostname cannot tell them apart.`;
  return null;
}

/** This engine's node hostname, "" when the swarm does not list it. */
export function hereHostname(swarm: EngineSwarmSnapshot): string {
  return nodeHostname(swarm, swarm.nodeId);
}

export function nodeHostname(swarm: EngineSwarmSnapshot, nodeId: string | undefined): string {
  return swarm.nodes.find((n) => n.ID === nodeId)?.Description?.Hostname ?? "";
}

/** The first ready, active node (by hostname) that is not this engine's and has another hostname. */
function otherNode(swarm: EngineSwarmSnapshot): string | null {
  const here = hereHostname(swarm);
  const names = readyNodes(swarm)
    .filter((n) => n.ID !== swarm.nodeId)
    .map((n) => n.Description?.Hostname ?? "")
    .filter((h) => h !== here)
    .sort();
  return names[0] ?? null;
}

export function serviceNamed(swarm: EngineSwarmSnapshot | null | undefined, name: string): EngineService | undefined {
  return swarm?.services.find((s) => s.Spec?.Name === name);
}

/** The lab services' names (engine names) that exist with the lab's label. */
export function labServices(lab: LabId, swarm: EngineSwarmSnapshot | null | undefined): EngineService[] {
  return (swarm?.services ?? []).filter((s) => isLabs(lab, s.Spec?.Labels));
}

/** The node a lab service is pinned to, read from its `node.hostname==` constraint. */
function pinnedHostname(service: EngineService | undefined): string | null {
  for (const c of service?.Spec?.TaskTemplate?.Placement?.Constraints ?? []) {
    const m = /^node\.hostname\s*==\s*(\S+)$/.exec(c.trim());
    if (m?.[1]) return m[1];
  }
  return null;
}

/**
 * The overlay lab's plan: the node its service is pinned to already, else
 * another ready node. Null when the engine cannot run the lab.
 */
export function swarmPlan(lab: Lab, swarm: EngineSwarmSnapshot | null | undefined): SwarmPlan | null {
  if (!swarm?.manager) return null;
  const here = hereHostname(swarm);
  if (!here) return null;
  for (const step of lab.steps) {
    for (const op of step.ops) {
      if (op.op !== "service.create") continue;
      const existing = serviceNamed(swarm, objectName(lab.id, op.service));
      const pinned = existing && isLabs(lab.id, existing.Spec?.Labels) ? pinnedHostname(existing) : null;
      if (pinned) return { here, other: pinned };
    }
  }
  if (swarmRefusal(swarm)) return null;
  const other = otherNode(swarm);
  return other ? { here, other } : null;
}

/** A service's task that runs now (state and desired state running), or undefined. */
export function runningTask(swarm: EngineSwarmSnapshot | null | undefined, serviceId: string, tasks: readonly EngineTask[] = swarm?.tasks ?? []): EngineTask | undefined {
  return tasks.find((t) => t.ServiceID === serviceId && t.DesiredState === "running" && t.Status?.State === "running");
}

/** A task's address (without its prefix length) on a network, by the network's ID; "" when it has none there. */
export function taskAddress(task: EngineTask | undefined, networkId: string | undefined): string {
  const a = (task?.NetworksAttachments ?? []).find((x) => x.Network?.ID === networkId)?.Addresses?.[0] ?? "";
  return a.split("/")[0] ?? "";
}

/** Why a service's task is not running yet, from its newest task's state and the engine's error, or null when one runs. */
export function taskTrouble(tasks: readonly EngineTask[], serviceId: string): string | null {
  const mine = tasks.filter((t) => t.ServiceID === serviceId);
  if (mine.some((t) => t.DesiredState === "running" && t.Status?.State === "running")) return null;
  const failed = mine.find((t) => ["failed", "rejected"].includes(t.Status?.State ?? ""));
  if (failed) return `its task was ${failed.Status?.State}: ${failed.Status?.Err || failed.Status?.Message || "no reason given"}`;
  const latest = mine[0];
  return latest ? `its task is ${latest.Status?.State ?? "unknown"}${latest.Status?.Err ? ` (${latest.Status.Err})` : ""}` : "it has no task yet";
}
