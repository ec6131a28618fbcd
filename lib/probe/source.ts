/**
 * A probe's source named as a swarm task: by its task ID (or a prefix of at
 * least 4 characters), its name as `docker service ps` shows it (`web.1`, or
 * `web.<node ID>` for a global service), or its container's name
 * (`web.1.<task ID>`) or ID. A task on this node is its container; a task on
 * another node cannot be a source, since a probe runs through this engine's
 * exec API. Pure.
 */
import type { TopologyModel } from "../insights/model";
import { isLocalTask, localHostname, nodeHostname, taskLabel } from "../insights/swarm";
import type { SwarmTask } from "../topology/types";

export interface TaskSource {
  task: SwarmTask;
  /** `web.1` */
  label: string;
  /** The task runs on this engine's node. */
  local: boolean;
}

/** The task `ref` names, or null when it names none (or several). */
export function taskSource(t: TopologyModel, ref: string): TaskSource | null {
  const key = ref.toLowerCase();
  const tasks = (t.tasks ?? []).filter((x) => x.desiredState !== "shutdown");
  const match = (x: SwarmTask): boolean => {
    const label = taskLabel(t, x).toLowerCase();
    const id = x.id.toLowerCase();
    return (
      id === key ||
      (key.length >= 4 && id.startsWith(key)) ||
      label === key ||
      `${label}.${id}` === key ||
      (x.containerId !== "" && key.length >= 4 && x.containerId.startsWith(key))
    );
  };
  const hits = tasks.filter(match);
  // Several tasks of one name (a replaced one not yet gone): the running one.
  const hit = hits.length === 1 ? hits[0] : hits.find((x) => x.state === "running");
  if (!hit) return null;
  return { task: hit, label: taskLabel(t, hit), local: isLocalTask(t, hit) };
}

/** Why a task on another node cannot be a probe's source, and what to do instead. */
export function remoteSourceReason(t: TopologyModel, s: TaskSource): string {
  const there = nodeHostname(t, s.task.nodeId);
  const here = localHostname(t);
  const nets = s.task.addresses
    .map((a) => t.networks.find((n) => n.id === a.networkId))
    .filter((n) => n !== undefined && !n.ingress)
    .map((n) => n?.name ?? "");
  const shared = nets.length > 0 ? ` that shares its overlay (${nets.join(", ")})` : "";
  return `Task ${s.label} runs on ${there}, not on ${here}, the node of the engine cnmap talks to: a probe runs inside its source container through this engine's exec API, so it can start only from a container on ${here}. Probe from a container or task on ${here}${shared} to ${s.label}'s address instead, or add ${there}'s engine to cnmap and probe from there.`;
}
