/**
 * A lab probe's target as an address or a name, and its verdict. Pure.
 *
 * Targets are lab containers, aliases, gateways and the host's address on a
 * parent: all on this machine, never a name outside resolvers would be asked
 * about. DNS probes ask Docker's embedded server (127.0.0.11) by name, so a
 * container without it (the default bridge) gets no answer rather than a
 * question sent to the host's resolvers.
 */
import type { ProbeOutcome } from "../probe/types";
import { objectName, networkName } from "./names";
import type { Expect, LabId, LabProbe, LabProbeResult, NetworkRef, ProbeEnd, ProbeTarget, Verdict } from "./types";
import { hereHostname, nodeHostname, runningTask, serviceNamed, taskAddress } from "./swarm";
import { addressOn, containerNamed, networkNamed, type LabWorld } from "./world";

/** Docker's embedded DNS server, inside every container on a user-defined network. */
export const EMBEDDED_DNS = "127.0.0.11";

/** How long each lab probe's tool may take, in seconds. */
export const LAB_PROBE_TIMEOUT_SECONDS = 2;

/** The address or name to ask, and the port when the target names one (a published port). */
export type Resolved = { ok: true; target: string; port?: number } | { ok: false; reason: string };

/** The address or name a probe asks for, read from the engine's and the host's state. */
export function resolveTarget(lab: LabId, target: ProbeTarget, world: LabWorld): Resolved {
  if ("localhost" in target) return { ok: true, target: "127.0.0.1" };
  if ("container" in target) return { ok: true, target: objectName(lab, target.container) };
  if ("alias" in target) return { ok: true, target: target.alias };
  if ("addressOf" in target) {
    const container = objectName(lab, target.addressOf);
    const network = networkName(lab, target.on);
    const ip = addressOn(world, container, network);
    return ip ? { ok: true, target: ip } : { ok: false, reason: `${container} has no address on ${network}` };
  }
  if ("gatewayOf" in target) {
    const name = objectName(lab, target.gatewayOf);
    const gateway = networkNamed(world, name)?.IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
    return gateway ? { ok: true, target: gateway } : { ok: false, reason: `network ${name} has no gateway` };
  }
  if ("taskOf" in target) {
    const r = taskOn(lab, world, target.taskOf, target.on);
    return r.ok ? { ok: true, target: r.address } : r;
  }
  if ("tasksOf" in target) return { ok: true, target: `tasks.${objectName(lab, target.tasksOf)}` };
  if ("publishedPortOf" in target) {
    const container = objectName(lab, target.publishedPortOf);
    const binding = publishedBinding(lab, world, target.publishedPortOf, target.port);
    return binding ? { ok: true, target: binding.hostIp, port: binding.hostPort } : { ok: false, reason: `${container} has no port ${target.port} published` };
  }
  const name = objectName(lab, target.parentAddressOf);
  const parent = networkNamed(world, name)?.Options?.parent;
  if (!parent) return { ok: false, reason: `network ${name} has no parent interface` };
  const address = world.links.find((l) => l.name === parent)?.ipv4[0]?.split("/")[0];
  return address ? { ok: true, target: address } : { ok: false, reason: `the host has no IPv4 address on ${parent}, the parent` };
}

/** The addresses a dns probe's answer must list (its `answers`), or why they cannot be known. */
export function expectedAnswers(lab: LabId, probe: LabProbe, world: LabWorld): { ok: true; addresses: string[] } | { ok: false; reason: string } {
  if (probe.probe !== "dns" || !probe.answers) return { ok: true, addresses: [] };
  if ("tasksOf" in probe.answers) {
    const r = taskOn(lab, world, probe.answers.tasksOf, probe.answers.on);
    return r.ok ? { ok: true, addresses: [r.address] } : r;
  }
  const network = networkName(lab, probe.answers.on);
  const addresses: string[] = [];
  for (const short of probe.answers.containers) {
    const name = objectName(lab, short);
    const ip = addressOn(world, name, network);
    if (!ip) return { ok: false, reason: `${name} has no address on ${network}` };
    addresses.push(ip);
  }
  return { ok: true, addresses };
}

/** Whether the probe found what the lab says: works means success; fails means it ran and the path did not work. */
export function verdictOf(expect: Expect, outcome: ProbeOutcome | "not-run", missing: readonly string[] = []): Verdict {
  if (outcome === "tool-missing" || outcome === "not-run") return "cannot-tell";
  const works = outcome === "success";
  if (expect === "fails") return works ? "fail" : "pass";
  return works && missing.length === 0 ? "pass" : "fail";
}

/** The container a probe runs in (host-http: none, it runs on cnmap's host; the swarm reads: none, they read the manager). */
export function probeSource(lab: LabId, probe: LabProbe): string | null {
  return probe.probe === "ping" || probe.probe === "dns" || probe.probe === "http" ? objectName(lab, probe.from) : null;
}

/** A lab service's running task: its ID, node ID and address on a network (by reference). */
export function taskOn(lab: LabId, world: LabWorld, service: string, on: NetworkRef): { ok: true; address: string; nodeId: string; slot: number } | { ok: false; reason: string } {
  const name = objectName(lab, service);
  const s = serviceNamed(world.swarm, name);
  if (!s) return { ok: false, reason: `service ${name} does not exist` };
  const task = runningTask(world.swarm, s.ID);
  if (!task) return { ok: false, reason: `service ${name} has no running task` };
  const network = networkNamed(world, networkName(lab, on));
  const address = taskAddress(task, network?.Id);
  if (!address) return { ok: false, reason: `the task of ${name} has no address on ${networkName(lab, on)}` };
  return { ok: true, address, nodeId: task.NodeID ?? "", slot: task.Slot ?? 1 };
}

/** Where the engine published a lab container's TCP port: the host address and port (IPv4), or null. */
export function publishedBinding(lab: LabId, world: LabWorld, container: string, port: number): { hostIp: string; hostPort: number } | null {
  const c = containerNamed(world, objectName(lab, container));
  const p = (c?.Ports ?? []).find((x) => x.PrivatePort === port && x.Type === "tcp" && x.IP && !x.IP.includes(":") && x.PublicPort);
  return p?.IP && p.PublicPort ? { hostIp: p.IP, hostPort: p.PublicPort } : null;
}

/**
 * The verdict of a probe that reads the swarm manager rather than running a
 * tool: an overlay network's shape, or the node a service's task runs on.
 * Pure; the command is the docker CLI's way to read the same.
 */
export function swarmReadResult(lab: LabId, probe: Extract<LabProbe, { probe: "overlay-network" | "task-node" }>, world: LabWorld): LabProbeResult {
  const base = { proves: probe.proves, expect: probe.expect };
  if (probe.probe === "overlay-network") {
    const name = objectName(lab, probe.network);
    const command = `docker network inspect --format '{{.Driver}} {{.Scope}} attachable={{.Attachable}}' ${name}`;
    const n = networkNamed(world, name);
    if (!n) return { ...base, verdict: "cannot-tell", outcome: "not-run", summary: `network ${name} does not exist`, output: "", command };
    const output = `${n.Driver} ${n.Scope} attachable=${n.Attachable === true}`;
    const ok = n.Driver === "overlay" && n.Scope === "swarm" && n.Attachable === true;
    const outcome = ok ? "success" : "failure";
    const summary = ok
      ? `${name} is an overlay of swarm scope that standalone containers may join`
      : `${name} is not an attachable swarm overlay (${output})`;
    return { ...base, verdict: verdictOf(probe.expect, outcome), outcome, summary, output, command };
  }
  const name = objectName(lab, probe.service);
  const command = `docker service ps --filter desired-state=running --format '{{.Name}} {{.Node}} {{.CurrentState}}' ${name}`;
  const swarm = world.swarm;
  const s = serviceNamed(swarm, name);
  const task = s && swarm ? runningTask(swarm, s.ID) : undefined;
  if (!swarm || !s || !task) return { ...base, verdict: "cannot-tell", outcome: "not-run", summary: `service ${name} has no running task`, output: "", command };
  const node = nodeHostname(swarm, task.NodeID);
  const here = hereHostname(swarm);
  const elsewhere = task.NodeID !== swarm.nodeId;
  const outcome = elsewhere ? "success" : "failure";
  const taskName = `${name}.${task.Slot ?? 1}`;
  const summary = elsewhere ? `${taskName} runs on ${node}, not on ${here} (this engine)` : `${taskName} runs on ${here}, this engine's own node`;
  return {
    ...base,
    verdict: verdictOf(probe.expect, outcome),
    outcome,
    summary,
    output: `${taskName} ${node} Running`,
    command,
    nodes: { from: { name: "this engine", node: here, here: true }, to: { name: taskName, node, here: !elsewhere } },
  };
}

/** For a probe from a lab container to a lab service's task: which node each end is on (the container is on this engine). */
export function probeEnds(lab: LabId, probe: LabProbe, world: LabWorld): { from: ProbeEnd; to: ProbeEnd } | undefined {
  const swarm = world.swarm;
  if (!swarm || (probe.probe !== "ping" && probe.probe !== "dns" && probe.probe !== "http")) return undefined;
  const t = probe.target;
  const service = "taskOf" in t ? t.taskOf : "tasksOf" in t ? t.tasksOf : probe.probe === "dns" && probe.answers && "tasksOf" in probe.answers ? probe.answers.tasksOf : null;
  if (service === null) return undefined;
  const on = "taskOf" in t ? t.on : probe.probe === "dns" && probe.answers ? probe.answers.on : null;
  const task = on ? taskOn(lab, world, service, on) : null;
  const from = objectName(lab, probe.from);
  const here = hereHostname(swarm);
  const fromEnd: ProbeEnd = { name: from, node: here, here: true, ...(on ? { address: addressOn(world, from, networkName(lab, on)) } : {}) };
  if (!task?.ok) return undefined;
  return {
    from: fromEnd,
    to: { name: `${objectName(lab, service)}.${task.slot}`, node: nodeHostname(swarm, task.nodeId), here: task.nodeId === swarm.nodeId, address: task.address },
  };
}
