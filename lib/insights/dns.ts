/**
 * Which names a sandbox can resolve through Docker's embedded DNS, per
 * network, computed from the engine's configuration. Pure.
 *
 * On a user-defined network Docker's DNS server (127.0.0.11) answers with the
 * addresses of every live endpoint registered under a name: the container's
 * name, its network aliases (`--network-alias`, `--alias`) and its short ID
 * (12 hex characters). A name held by several endpoints (a shared alias)
 * answers with all their addresses, in rotating order (round-robin). Stopped
 * containers have no address, so their names answer nothing. The default
 * bridge has no such server: containers there find each other by IP only
 * (or legacy `--link`). `host` and `none` carry no container names.
 *
 * On a swarm network (an overlay a service is on) the same server answers for
 * services too, cluster-wide: a service's name with its virtual IP on that
 * network (endpoint mode `vip`) or with the addresses of its running tasks
 * (`dnsrr`), and `tasks.<name>` with the running tasks' addresses in either
 * mode, whichever node each task runs on. Only containers and tasks on a
 * network the service is on resolve it. A service with no running task
 * answers nothing (its records go with the last task's endpoint). Only a
 * manager lists services: on a worker cnmap shows none of them.
 */
import { hasContainerDns, isDefaultBridge } from "../topology/describe";
import type { Endpoint, Network, Sandbox } from "../topology/types";
import { shortId } from "../topology/describe";
import { endpointAddresses, findSandbox, networkIndex, sandboxName, sandboxState, type TopologyModel } from "./model";
import { isLocalTask, nodeHostname, runningTasksOf, serviceVip, taskAddress, taskLabel, taskSandbox } from "./swarm";

/**
 * How a name came to be registered: for an endpoint (its container's name, an
 * alias, its short ID), or for a swarm service ("service": the service's own
 * name; "task": a task behind a service's name or `tasks.<name>`).
 */
export type DnsNameKind = "name" | "alias" | "short-id" | "service" | "task";

export interface DnsTarget {
  /** The sandbox behind the name; "" for a task on another node (no sandbox here). */
  sandboxId: string;
  /** The owner container's name; a task's name (`web.1`) when it runs on another node. */
  container: string;
  /** Addresses on this network, without prefix lengths (IPv4, then IPv6). */
  addresses: string[];
  kind: DnsNameKind;
  /** A swarm task: its ID and the hostname of the node it runs on. */
  task?: { id: string; node: string; local: boolean };
}

/** What a service's record is. */
export interface DnsService {
  id: string;
  name: string;
  endpointMode: "vip" | "dnsrr";
  /**
   * "vip": the service's name, answered with its virtual IP on this network;
   * "dnsrr": the service's name, answered with its tasks' addresses;
   * "tasks": `tasks.<name>`, answered with its tasks' addresses in either mode.
   */
  form: "vip" | "dnsrr" | "tasks";
  /** The VIP on this network (form "vip"), without its prefix length. */
  vip?: string;
}

export interface DnsRecord {
  /** The name as registered (Docker's DNS matches it case-insensitively). */
  name: string;
  /** Every address the name answers with, in target order. */
  addresses: string[];
  /** The live endpoints behind the name. */
  targets: DnsTarget[];
  /** Several endpoints share the name: answers rotate among them. */
  roundRobin: boolean;
  /** The name is (also) the selected sandbox's own. */
  self: boolean;
  /** Containers that hold the name too but are not running, so add no address. */
  inactive: string[];
  /** A swarm service's name or `tasks.<name>`: what it answers with. The targets are its running tasks. */
  service?: DnsService;
}

export interface DnsUnresolvable {
  name: string;
  sandboxId: string;
  container: string;
  kind: DnsNameKind;
  reason: string;
}

export interface DnsNetworkView {
  networkId: string;
  networkName: string;
  driver: string;
  /** Whether Docker's embedded DNS resolves container names on this network. */
  dns: boolean;
  /** A plain statement for networks without name resolution, or other caveats. */
  note?: string;
  /** Resolvable names, sorted by name. */
  names: DnsRecord[];
  /** Names registered on this network that answer nothing, with why. */
  unresolvable: DnsUnresolvable[];
}

export { shortId } from "../topology/describe";

interface Registration {
  name: string;
  kind: DnsNameKind;
}

/**
 * Every name an endpoint registers on its network: the owner's name, its
 * aliases, and its short ID (Docker 20.10 lists the short ID among the
 * aliases; newer engines report it apart, so it is added when missing).
 * Names differing only in case are one name.
 */
export function registeredNames(sandbox: Sandbox, endpoint: Endpoint): Registration[] {
  const out: Registration[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: DnsNameKind): void => {
    const key = name.toLowerCase();
    if (name === "" || seen.has(key)) return;
    seen.add(key);
    out.push({ name, kind });
  };
  const sid = shortId(endpoint.containerId || sandbox.id);
  add(sandboxName(sandbox), "name");
  for (const a of endpoint.aliases) add(a, a === sid ? "short-id" : "alias");
  add(sid, "short-id");
  return out;
}

function noDnsNote(n: Network, self: Sandbox): string {
  const me = sandboxName(self);
  if (isDefaultBridge(n)) {
    return `${n.name} is Docker's default bridge: there is no name resolution between containers on it; ${me} reaches the others by IP address only (or legacy --link). Put the containers on a user-defined network (docker network create) to resolve them by name.`;
  }
  if (n.driver === "host") return `${me} uses the host's network stack and the host's resolver: no container names are registered on ${n.name}.`;
  if (n.driver === "null") return `${me} has networking disabled (--network none): it resolves nothing.`;
  if (n.ingress) return `${n.name} is the swarm's ingress network: it carries published service ports, not container names.`;
  return `Docker's embedded DNS does not serve container names on ${n.name}.`;
}

function viewFor(t: TopologyModel, self: Sandbox, own: Endpoint, n: Network): DnsNetworkView {
  const base = { networkId: n.id, networkName: n.name, driver: n.driver };
  if (!hasContainerDns(n) || n.ingress) {
    return { ...base, dns: false, note: noDnsNote(n, self), names: [], unresolvable: [] };
  }

  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  const records = new Map<string, DnsRecord>();
  const pending: DnsUnresolvable[] = [];

  const members = t.endpoints
    .filter((e) => e.networkId === n.id)
    .map((e) => ({ e, s: sandboxes.get(e.sandboxId) }))
    .filter((m): m is { e: Endpoint; s: Sandbox } => m.s !== undefined)
    .sort((a, b) => sandboxName(a.s).localeCompare(sandboxName(b.s)) || a.s.id.localeCompare(b.s.id));

  for (const { e, s } of members) {
    const addresses = e.active ? endpointAddresses(e) : [];
    const container = sandboxName(s);
    for (const r of registeredNames(s, e)) {
      const key = r.name.toLowerCase();
      if (addresses.length === 0) {
        const state = sandboxState(s);
        const reason = !e.active
          ? `${container} is ${state === "running" ? "not connected yet" : state || "not running"}: its endpoint on ${n.name} has no address`
          : `${container} has no address on ${n.name}`;
        pending.push({ name: r.name, sandboxId: s.id, container, kind: r.kind, reason });
        continue;
      }
      let rec = records.get(key);
      if (!rec) {
        rec = { name: r.name, addresses: [], targets: [], roundRobin: false, self: false, inactive: [] };
        records.set(key, rec);
      }
      rec.targets.push({ sandboxId: s.id, container, addresses, kind: r.kind });
      for (const a of addresses) if (!rec.addresses.includes(a)) rec.addresses.push(a);
      if (s.id === self.id) rec.self = true;
    }
  }

  const unresolvable: DnsUnresolvable[] = [];
  for (const u of pending) {
    const rec = records.get(u.name.toLowerCase());
    if (rec) {
      if (!rec.inactive.includes(u.container)) rec.inactive.push(u.container);
    } else {
      unresolvable.push(u);
    }
  }

  serviceRecords(t, n, records, unresolvable);

  const names = [...records.values()]
    .map((r) => ({ ...r, roundRobin: r.service ? r.service.form !== "vip" && r.addresses.length > 1 : new Set(r.targets.map((x) => x.sandboxId)).size > 1 }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const notes: string[] = [];
  if (n.scope === "swarm" && t.swarm?.role === "worker") {
    notes.push(`This engine is a swarm worker: services on ${n.name} resolve here too, but only a manager lists services and tasks, so cnmap shows none of their names.`);
  }
  if (!own.active) {
    notes.push(`${sandboxName(self)} is not running: it resolves nothing until it starts; these are the names it would see.`);
  }
  const joiners = self.containers.slice(1).map((c) => c.name);
  if (joiners.length > 0) {
    notes.push(`${joiners.join(", ")} share${joiners.length === 1 ? "s" : ""} this namespace and resolve the same names; Docker registers no name for ${joiners.length === 1 ? "it" : "them"}.`);
  }
  return {
    ...base,
    dns: true,
    ...(notes.length > 0 ? { note: notes.join(" ") } : {}),
    names,
    unresolvable: unresolvable.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * The records a swarm network holds for its services: each service's name
 * (its VIP, or its tasks' addresses for dnsrr) and `tasks.<name>`. A service
 * without a running task answers nothing and is listed as unresolvable.
 */
function serviceRecords(t: TopologyModel, n: Network, records: Map<string, DnsRecord>, unresolvable: DnsUnresolvable[]): void {
  if (n.scope !== "swarm" || n.ingress) return;
  const services = (t.services ?? []).filter((svc) => svc.networks.includes(n.id)).sort((a, b) => a.name.localeCompare(b.name));
  for (const svc of services) {
    const targets: DnsTarget[] = runningTasksOf(t, svc.id).flatMap((task) => {
      const addr = taskAddress(task, n.id);
      if (addr === "") return [];
      const sb = isLocalTask(t, task) ? taskSandbox(t, task) : undefined;
      return [
        {
          sandboxId: sb?.id ?? "",
          container: sb ? sandboxName(sb) : taskLabel(t, task, svc),
          addresses: [addr],
          kind: "task" as const,
          task: { id: task.id, node: nodeHostname(t, task.nodeId), local: sb !== undefined },
        },
      ];
    });
    const tasksName = `tasks.${svc.name}`;
    if (targets.length === 0) {
      const reason = `${svc.name} has no running task with an address on ${n.name}: Docker's DNS answers for a service only while one of its tasks runs there`;
      for (const name of [svc.name, tasksName]) {
        unresolvable.push({ name, sandboxId: "", container: svc.name, kind: "service", reason });
      }
      continue;
    }
    const taskAddrs = targets.flatMap((x) => x.addresses);
    const vip = serviceVip(svc, n.id);
    const base = { id: svc.id, name: svc.name, endpointMode: svc.endpointMode };
    const main: DnsRecord =
      svc.endpointMode === "vip" && vip !== ""
        ? { name: svc.name, addresses: [vip], targets, roundRobin: false, self: false, inactive: [], service: { ...base, form: "vip", vip } }
        : { name: svc.name, addresses: taskAddrs, targets, roundRobin: false, self: false, inactive: [], service: { ...base, form: "dnsrr" } };
    const tasks: DnsRecord = { name: tasksName, addresses: taskAddrs, targets, roundRobin: false, self: false, inactive: [], service: { ...base, form: "tasks" } };
    for (const rec of [main, tasks]) {
      const key = rec.name.toLowerCase();
      const have = records.get(key);
      if (have) {
        // A container named like the service: Docker's DNS holds both records and answers with both.
        have.targets.push(...rec.targets);
        for (const a of rec.addresses) if (!have.addresses.includes(a)) have.addresses.push(a);
      } else {
        records.set(key, rec);
      }
    }
  }
}

/**
 * For the sandbox `sandboxId`, one view per network it is on (in the
 * topology's network order): the names it can resolve there and to which
 * addresses. Empty when the sandbox is unknown or on no network.
 */
export function dnsView(t: TopologyModel, sandboxId: string): DnsNetworkView[] {
  const self = findSandbox(t, sandboxId);
  if (!self) return [];
  const networks = networkIndex(t);
  const own = t.endpoints.filter((e) => e.sandboxId === sandboxId);
  const order = new Map(t.networks.map((n, i) => [n.id, i]));
  return own
    .map((e) => ({ e, n: networks.get(e.networkId) }))
    .filter((x): x is { e: Endpoint; n: Network } => x.n !== undefined)
    .sort((a, b) => (order.get(a.n.id) ?? 0) - (order.get(b.n.id) ?? 0))
    .map(({ e, n }) => viewFor(t, self, e, n));
}

/**
 * The records `name` finds from `sandboxId`, per network: a registered name
 * as it is, or qualified by the network's name (`db.backend`), which
 * Docker's DNS answers too, on that network only.
 */
export function lookupName(t: TopologyModel, sandboxId: string, name: string): { view: DnsNetworkView; record: DnsRecord }[] {
  const key = name.toLowerCase().replace(/\.$/, "");
  const out: { view: DnsNetworkView; record: DnsRecord }[] = [];
  for (const v of dnsView(t, sandboxId)) {
    const suffix = `.${v.networkName.toLowerCase()}`;
    const base = key.endsWith(suffix) ? key.slice(0, -suffix.length) : null;
    const rec = v.names.find((r) => r.name.toLowerCase() === key) ?? (base ? v.names.find((r) => r.name.toLowerCase() === base) : undefined);
    if (rec) out.push({ view: v, record: rec });
  }
  return out;
}

/**
 * Where `name` resolves from `sandboxId`: each of its networks that knows the
 * name, with the addresses it answers there (empty when none does).
 */
export function resolveName(t: TopologyModel, sandboxId: string, name: string): { network: string; addresses: string[] }[] {
  return lookupName(t, sandboxId, name).map(({ view, record }) => ({ network: view.networkName, addresses: record.addresses }));
}
