/**
 * A probe's target from one sandbox: the suggestions offered for it (the
 * names it can resolve, the addresses of the other running sandboxes), and
 * the rule a target must meet to be probed at all. Pure.
 */
import { dnsView, lookupName } from "../insights/dns";
import { endpointAddresses, findSandbox, isRunning, sandboxName, type TopologyModel } from "../insights/model";
import { isLocalTask, nodeHostname, taskLabel } from "../insights/swarm";
import { addressPart, parseIp } from "../net/cidr";
import { sandboxesNamed, whyUnresolved } from "./expect";
import type { ProbeKind } from "./types";

export interface TargetSuggestion {
  value: string;
  /** What it is, e.g. "name on app-net" or "db on app-net". */
  label: string;
}

/** What a resolvable name is, for the picker. */
function nameLabel(r: ReturnType<typeof dnsView>[number]["names"][number], network: string): string {
  const svc = r.service;
  if (!svc) return `name on ${network}`;
  if (svc.form === "tasks") return `tasks of service ${svc.name} on ${network}`;
  return `service on ${network} (${svc.form === "vip" ? "VIP" : "dnsrr"})`;
}

export function probeTargets(t: TopologyModel, fromSandboxId: string): TargetSuggestion[] {
  const out = new Map<string, TargetSuggestion>();
  for (const view of dnsView(t, fromSandboxId)) {
    for (const r of view.names) {
      if (r.self || out.has(r.name)) continue;
      out.set(r.name, { value: r.name, label: nameLabel(r, view.networkName) });
    }
  }
  const networks = new Map(t.networks.map((n) => [n.id, n.name]));
  const byId = new Map(t.sandboxes.map((s) => [s.id, s]));
  for (const e of t.endpoints) {
    const s = byId.get(e.sandboxId);
    if (!s || s.id === fromSandboxId || !e.active || !isRunning(s)) continue;
    for (const a of endpointAddresses(e)) {
      if (!out.has(a)) out.set(a, { value: a, label: `${sandboxName(s)} on ${networks.get(e.networkId) ?? e.networkId.slice(0, 12)}` });
    }
  }
  // Tasks on other nodes: their overlay addresses (this node's tasks are sandboxes, above).
  for (const task of t.tasks ?? []) {
    if (task.state !== "running" || isLocalTask(t, task)) continue;
    for (const a of task.addresses) {
      const net = t.networks.find((n) => n.id === a.networkId);
      if (!net || net.ingress) continue;
      const addr = addressPart(a.addr);
      if (!out.has(addr)) out.set(addr, { value: addr, label: `task ${taskLabel(t, task)} on ${nodeHostname(t, task.nodeId)} (${net.name})` });
    }
  }
  return [...out.values()];
}

/** How many resolvable names or addresses a refusal lists. */
const EXAMPLES = 5;

function examples(values: string[]): string {
  return values.length > EXAMPLES ? `${values.slice(0, EXAMPLES).join(", ")}, …` : values.join(", ");
}

/**
 * Why a probe from `fromSandboxId` may not go to `target`, or null when it
 * may. The schema (lib/api/schemas.ts probeTargetProblem) has checked the
 * syntax; this is the rest of the rule:
 *
 * - an IP address (a dotted quad or a plain IPv6 address, as parseIp takes
 *   it) is probed as given;
 * - `localhost` is the container itself, from the /etc/hosts Docker writes,
 *   for ping, tcp and http; not for dns, since nslookup asks the DNS servers,
 *   and Docker's DNS passes a name it does not hold on to the host's
 *   resolvers;
 * - any other name must be one Docker's DNS answers for the sandbox on one of
 *   its networks (dnsView: container names, aliases, short IDs, also as
 *   `name.network`; lookupName), swarm services' names and `tasks.<name>`
 *   included (on a network the service is on). Names only outside resolvers know are
 *   refused: the configuration cannot say what they are.
 */
export function checkProbeTarget(t: TopologyModel, fromSandboxId: string, kind: ProbeKind, target: string): string | null {
  if (parseIp(target)) return null;
  const from = findSandbox(t, fromSandboxId);
  const me = from ? sandboxName(from) : fromSandboxId.slice(0, 12);
  const isLocalhost = target.toLowerCase() === "localhost";
  if (isLocalhost && kind !== "dns") return null;
  if (lookupName(t, fromSandboxId, target).length > 0) return null;

  const views = dnsView(t, fromSandboxId);
  // Names and aliases before short IDs: they are what people type.
  const records = views.flatMap((v) => v.names.filter((r) => !r.self));
  const byId = (r: (typeof records)[number]): boolean => r.targets.every((x) => x.kind === "short-id");
  const names = [...new Set([...records.filter((r) => !byId(r)), ...records.filter(byId)].map((r) => r.name))];
  const addresses = probeTargets(t, fromSandboxId)
    .map((s) => s.value)
    .filter((v) => parseIp(v) !== null);
  const holders = from && !isLocalhost ? sandboxesNamed(t, target) : [];
  const why = from && holders.length > 0 ? unstop(whyUnresolved(t, from, target, holders)) : serviceNameProblem(t, views, me, target);
  const rule =
    names.length > 0
      ? `A probe's target is a name Docker's DNS answers for ${me} (such as ${examples(names)})${kind === "dns" ? "" : ", localhost"}, or an IPv4 or IPv6 address.`
      : `${me} resolves no container names${why ? "" : noDnsReason(views)}; probe ${kind === "dns" ? "" : "localhost or "}an IPv4 or IPv6 address${addresses.length > 0 ? ` (such as ${examples(addresses)})` : ""}.`;

  if (isLocalhost) {
    return `localhost is ${me} itself, in its /etc/hosts: nslookup asks the DNS servers instead, which do not hold it, so a dns probe does not take it. ${rule}`;
  }
  return `${target} is not a name ${me} resolves on its networks${why ? ` (${why})` : ""}. ${rule}`;
}

/** Why a sandbox's networks hold no names, from the DNS view's notes. */
function noDnsReason(views: ReturnType<typeof dnsView>): string {
  if (views.length === 0) return ": it is on no network";
  const notes = views.filter((v) => !v.dns && v.note).map((v) => v.note);
  return notes.length > 0 ? ` (${unstop(notes.join(" "))})` : "";
}

/** A sentence without its full stop, to sit in parentheses. */
function unstop(s: string): string {
  return s.replace(/\.$/, "");
}

/** Why a swarm service's name (or `tasks.<name>`) does not resolve from the source, or "" when `target` is no service's. */
function serviceNameProblem(t: TopologyModel, views: ReturnType<typeof dnsView>, me: string, target: string): string {
  const key = target.toLowerCase().replace(/\.$/, "");
  const base = key.startsWith("tasks.") ? key.slice("tasks.".length) : key;
  const svc = (t.services ?? []).find((s) => s.name.toLowerCase() === base);
  if (!svc) return "";
  const stale = views.flatMap((v) => v.unresolvable.filter((u) => u.kind === "service" && u.name.toLowerCase() === key)).map((u) => u.reason);
  if (stale.length > 0) return unstop(stale[0] ?? "");
  const nets = svc.networks.map((id) => t.networks.find((n) => n.id === id)?.name ?? id.slice(0, 12));
  return `${target} names swarm service ${svc.name}, which is on ${nets.join(", ") || "no network but ingress"}; ${me} is on none of them, and Docker's DNS answers a service's names only on its own networks`;
}
