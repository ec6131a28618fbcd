/**
 * What the configuration says a probe should find, to set beside what it
 * found. Pure, over the topology and the insights (lib/insights).
 *
 * - The target is matched to a sandbox: a name Docker's DNS answers from the
 *   source (container name, alias, short ID; case-insensitive), else any
 *   container name, alias or ID the engine knows, or an endpoint address for
 *   an IP literal. Loopback (localhost, 127.0.0.0/8, ::1) is the source.
 * - dns: a known name works when it resolves from the source (resolveName).
 * - ping, tcp, http: the name must resolve from the source, then the source
 *   must reach the sandbox (reach); an address must be on a network that
 *   carries the traffic (Docker isolates networks from each other).
 * - Swarm: a service's name or `tasks.<name>` resolves from a container on
 *   one of the service's networks (dns); ping, tcp and http to a dnsrr name,
 *   `tasks.<name>` or a task's address go to the tasks, on this node or
 *   another (reachTask); to a VIP they also need IPVS in the kernel, which
 *   the configuration does not show.
 * - Anything outside the engine (other names, other addresses): null.
 */
import { dnsView, lookupName, resolveName } from "../insights/dns";
import { findSandbox, type TopologyModel } from "../insights/model";
import { reach, reachTask, type ReachVerdict } from "../insights/reachability";
import { taskLabel } from "../insights/swarm";
import { addressPart, parseIp } from "../net/cidr";
import { sandboxName } from "../topology/describe";
import type { Sandbox, SwarmService } from "../topology/types";
import type { ProbeExpectation, ProbeKind, ProbeOutcome } from "./types";

export interface ProbeExpectationResult {
  resolvedTarget: { sandboxId: string; container: string } | null;
  expected: ProbeExpectation;
}

function sameIp(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x !== null && y !== null && x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
}

function isLoopback(target: string): boolean {
  if (target.toLowerCase() === "localhost") return true;
  const ip = parseIp(target);
  return ip !== null && ip.range() === "loopback";
}

/** The sandboxes the engine knows by this name, alias or container ID (12+ hex characters), case-insensitive. */
export function sandboxesNamed(t: TopologyModel, name: string): Sandbox[] {
  const key = name.toLowerCase();
  const hex = /^[0-9a-f]{12,64}$/.test(key);
  const ids = new Set<string>();
  for (const s of t.sandboxes) {
    if (s.containers.some((c) => c.name.toLowerCase() === key || (hex && c.id.startsWith(key)))) ids.add(s.id);
  }
  for (const e of t.endpoints) {
    if (e.aliases.some((a) => a.toLowerCase() === key)) ids.add(e.sandboxId);
  }
  return t.sandboxes.filter((s) => ids.has(s.id));
}

/** The sandboxes whose names Docker's DNS answers `name` with, from `fromId` (`name.network` included). */
function dnsTargets(t: TopologyModel, fromId: string, name: string): Sandbox[] {
  const ids = new Set<string>();
  for (const { record } of lookupName(t, fromId, name)) for (const x of record.targets) ids.add(x.sandboxId);
  return t.sandboxes.filter((s) => ids.has(s.id));
}

/** Why `name` (held by `holders`) does not resolve from `from`. */
export function whyUnresolved(t: TopologyModel, from: Sandbox, name: string, holders: Sandbox[]): string {
  const me = sandboxName(from);
  const views = dnsView(t, from.id);
  const key = name.toLowerCase();
  const stale = views.flatMap((v) => v.unresolvable.filter((u) => u.name.toLowerCase() === key)).map((u) => u.reason);
  if (stale.length > 0) return `${name} does not resolve from ${me}: ${stale.join("; ")}`;
  const who = holders.map(sandboxName).join(", ");
  const joiner = holders.find((s) => s.containers.slice(1).some((c) => c.name.toLowerCase() === key));
  if (joiner) {
    return `${name} shares ${sandboxName(joiner)}'s network namespace (--network container:): Docker registers no DNS name for it, so ${me} cannot resolve it`;
  }
  if (views.length > 0 && views.every((v) => !v.dns)) {
    return `${name} does not resolve from ${me}: ${views.map((v) => v.note).filter(Boolean).join(" ")}`.trim();
  }
  const held = who.toLowerCase() === key ? name : `${name} (${who})`;
  return `${held} is not on a network where ${me} can resolve it: Docker's DNS answers only for containers on a user-defined network ${me} is on`;
}

function fromVerdicts(from: Sandbox, targets: Sandbox[], verdicts: ReachVerdict[]): ProbeExpectation {
  if (verdicts.every((v) => v.ok)) return { works: true, reason: verdicts.map((v) => v.reason).join("; ") };
  if (verdicts.every((v) => !v.ok)) return { works: false, reason: verdicts.map((v) => v.reason).join("; ") };
  const ok = targets.filter((_, i) => verdicts[i]?.ok).map(sandboxName);
  return {
    works: null,
    reason: `the name is shared (round-robin): ${sandboxName(from)} reaches ${ok.join(", ")} but not the others, so it depends on which address answers`,
  };
}

const LISTEN_NOTE = "; whether anything listens on the port is not in the configuration";

/** What traffic to a service VIP needs beyond the overlay. */
const IPVS_NOTE =
  "traffic to a VIP is spread over the tasks by IPVS in the kernel of the sending node, which the configuration does not show (without IPVS the VIP resolves but carries nothing)";

/** The verdicts to a service's running tasks (their IDs), combined: all, none, or some. */
function taskVerdicts(t: TopologyModel, from: Sandbox, taskIds: string[], what: string): ProbeExpectation {
  if (taskIds.length === 0) return { works: false, reason: `${what} has no running task: nothing answers` };
  const verdicts = taskIds.map((id) => reachTask(t, from.id, id));
  if (verdicts.every((v) => v.ok)) return { works: true, reason: verdicts.map((v) => v.reason).join("; ") };
  if (verdicts.every((v) => !v.ok)) return { works: false, reason: verdicts.map((v) => v.reason).join("; ") };
  const tasks = t.tasks ?? [];
  const ok = taskIds.filter((_, i) => verdicts[i]?.ok).map((id) => {
    const task = tasks.find((x) => x.id === id);
    return task ? taskLabel(t, task) : id.slice(0, 12);
  });
  return { works: null, reason: `${what} answers with several tasks: ${sandboxName(from)} reaches ${ok.join(", ")} but not the others, so it depends on which one answers` };
}

/** ping, tcp or http to a swarm service's name (VIP or dnsrr) or `tasks.<name>`. */
function serviceExpectation(t: TopologyModel, from: Sandbox, target: string, listen: boolean): ProbeExpectation | null {
  const hits = lookupName(t, from.id, target).filter((x) => x.record.service !== undefined);
  const first = hits[0];
  if (!first?.record.service) return null;
  const svc = first.record.service;
  const taskIds = [...new Set(hits.flatMap((h) => h.record.targets.map((x) => x.task?.id ?? "").filter((id) => id !== "")))];
  const what = svc.form === "tasks" ? `tasks.${svc.name}` : `service ${svc.name}`;
  const e = taskVerdicts(t, from, taskIds, what);
  if (svc.form === "vip") {
    const where = hits.map((h) => `${h.record.addresses.join(", ")} on ${h.view.networkName}`).join("; ");
    return {
      works: e.works,
      reason: `${target} is service ${svc.name}'s virtual IP (${where}); ${IPVS_NOTE}. Behind it: ${e.reason}${listen && e.works ? LISTEN_NOTE : ""}`,
    };
  }
  return { works: e.works, reason: `${target} resolves to ${what}'s task addresses: ${e.reason}${listen && e.works ? LISTEN_NOTE : ""}` };
}

/** ping, tcp or http to a swarm task's address or a service's VIP, when `target` is one. */
function swarmAddressExpectation(t: TopologyModel, from: Sandbox, target: string, listen: boolean): ProbeExpectationResult | null {
  const me = sandboxName(from);
  for (const task of t.tasks ?? []) {
    const hit = task.addresses.find((a) => sameIp(addressPart(a.addr), target));
    if (!hit || task.state !== "running") continue;
    const net = t.networks.find((n) => n.id === hit.networkId);
    const v = reachTask(t, from.id, task.id);
    if (v.ok && net && !v.via.includes(net.name)) {
      return {
        resolvedTarget: null,
        expected: { works: false, reason: `${target} is task ${taskLabel(t, task)}'s address on ${net.name}, which does not carry traffic from ${me}; ${v.reason}` },
      };
    }
    return { resolvedTarget: null, expected: { works: v.ok, reason: `${target} is task ${taskLabel(t, task)}'s address on ${net?.name ?? hit.networkId.slice(0, 12)}: ${v.reason}${listen && v.ok ? LISTEN_NOTE : ""}` } };
  }
  for (const svc of t.services ?? []) {
    const vip = svc.vips.find((v) => sameIp(addressPart(v.addr), target));
    if (!vip) continue;
    return { resolvedTarget: null, expected: vipExpectation(t, from, svc, vip.networkId, target, listen) };
  }
  return null;
}

function vipExpectation(t: TopologyModel, from: Sandbox, svc: SwarmService, networkId: string, target: string, listen: boolean): ProbeExpectation {
  const net = t.networks.find((n) => n.id === networkId);
  if (net?.ingress) {
    return { works: false, reason: `${target} is service ${svc.name}'s address on the ingress network, which carries published ports only, not traffic from containers` };
  }
  const onNet = t.endpoints.some((e) => e.sandboxId === from.id && e.active && e.networkId === networkId);
  if (!onNet) {
    return { works: false, reason: `${target} is service ${svc.name}'s virtual IP on ${net?.name ?? networkId.slice(0, 12)}, which ${sandboxName(from)} is not on` };
  }
  const tasks = (t.tasks ?? []).filter((x) => x.serviceId === svc.id && x.state === "running").map((x) => x.id);
  const e = taskVerdicts(t, from, tasks, `service ${svc.name}`);
  return { works: e.works, reason: `${target} is service ${svc.name}'s virtual IP on ${net?.name ?? ""}; ${IPVS_NOTE}. Behind it: ${e.reason}${listen && e.works ? LISTEN_NOTE : ""}` };
}

/** The expectation for a probe from `fromId` (a sandbox ID) to `target`. */
export function expectProbe(t: TopologyModel, fromId: string, kind: ProbeKind, target: string): ProbeExpectationResult {
  const from = findSandbox(t, fromId);
  const none = (reason: string): ProbeExpectationResult => ({ resolvedTarget: null, expected: { works: null, reason } });
  if (!from) return none(`no sandbox ${fromId.slice(0, 12)} in the configuration`);
  const me = sandboxName(from);
  const ref = (s: Sandbox): { sandboxId: string; container: string } => ({ sandboxId: s.id, container: sandboxName(s) });
  const listen = kind === "tcp" || kind === "http";

  if (isLoopback(target)) {
    if (kind === "dns") {
      return { resolvedTarget: ref(from), expected: { works: null, reason: `${target} is ${me} itself; it resolves through ${me}'s /etc/hosts, which cnmap does not read` } };
    }
    const v = reach(t, from.id, from.id);
    return { resolvedTarget: ref(from), expected: { works: v.ok, reason: v.reason + (listen && v.ok ? LISTEN_NOTE : "") } };
  }

  const ip = parseIp(target);
  if (ip) {
    if (kind === "dns") return none(`a reverse lookup of ${target}: cnmap does not model reverse DNS`);
    const hit = t.endpoints.find((e) => e.active && [e.ipv4, e.ipv6].some((a) => a !== "" && sameIp(addressPart(a), target)));
    const owner = hit ? findSandbox(t, hit.sandboxId) : undefined;
    if (!hit || !owner) {
      const swarm = swarmAddressExpectation(t, from, target, listen);
      if (swarm) return swarm;
    }
    if (!hit || !owner) return none(`${target} is not the address of any running container cnmap sees; the probe tells`);
    const network = t.networks.find((n) => n.id === hit.networkId);
    const netName = network?.name ?? hit.networkId.slice(0, 12);
    if (owner.id === from.id) {
      return { resolvedTarget: ref(owner), expected: { works: true, reason: `${target} is ${me}'s own address on ${netName}` + (listen ? LISTEN_NOTE : "") } };
    }
    const v = reach(t, from.id, owner.id);
    if (v.ok && !v.via.includes(netName)) {
      return {
        resolvedTarget: ref(owner),
        expected: {
          works: false,
          reason: `${target} is ${sandboxName(owner)}'s address on ${netName}, which does not carry traffic from ${me} (Docker isolates networks from each other); ${v.reason}`,
        },
      };
    }
    return { resolvedTarget: ref(owner), expected: { works: v.ok, reason: v.reason + (listen && v.ok ? LISTEN_NOTE : "") } };
  }

  // A name.
  const answered = dnsTargets(t, from.id, target);
  if (kind === "dns") {
    const found = resolveName(t, from.id, target);
    const holders = answered.length > 0 ? answered : sandboxesNamed(t, target);
    const resolvedTarget = holders.length === 1 && holders[0] ? ref(holders[0]) : null;
    if (found.length > 0) {
      const where = found.map((f) => `on ${f.network} to ${f.addresses.join(", ")}`).join("; ");
      return { resolvedTarget, expected: { works: true, reason: `Docker's DNS resolves ${target} for ${me} ${where}` } };
    }
    if (holders.length > 0) return { resolvedTarget, expected: { works: false, reason: whyUnresolved(t, from, target, holders) } };
    return none(`${target} is not a container name, alias or ID cnmap sees: whether it resolves is up to the resolvers configured in ${me}`);
  }
  const service = serviceExpectation(t, from, target, listen);
  if (service) return { resolvedTarget: answered.length === 1 && answered[0] ? ref(answered[0]) : null, expected: service };
  if (answered.length > 0) {
    const resolvedTarget = answered.length === 1 && answered[0] ? ref(answered[0]) : null;
    const expected = fromVerdicts(from, answered, answered.map((s) => reach(t, from.id, s.id)));
    if (listen && expected.works) expected.reason += LISTEN_NOTE;
    return { resolvedTarget, expected };
  }
  const holders = sandboxesNamed(t, target);
  if (holders.length > 0) {
    const resolvedTarget = holders.length === 1 && holders[0] ? ref(holders[0]) : null;
    return { resolvedTarget, expected: { works: false, reason: whyUnresolved(t, from, target, holders) } };
  }
  return none(`${target} is not a container name, alias or ID cnmap sees: the probe tells`);
}

/**
 * Whether the probe agrees with the expectation; null when either side cannot
 * tell. The configuration speaks of the network path, so a refused
 * connection (`pathWorks`: the path works, the port is closed) agrees with a
 * path expected to work and disagrees with one expected to be blocked.
 */
export function agreement(outcome: ProbeOutcome, works: boolean | null, pathWorks = false): boolean | null {
  if (works === null || outcome === "tool-missing") return null;
  if (pathWorks) return works;
  return (outcome === "success") === works;
}
