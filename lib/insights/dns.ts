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
 */
import { hasContainerDns, isDefaultBridge } from "../topology/describe";
import type { Endpoint, Network, Sandbox } from "../topology/types";
import { shortId } from "../topology/describe";
import { endpointAddresses, findSandbox, networkIndex, sandboxName, sandboxState, type TopologyModel } from "./model";

/** How a name came to be registered for an endpoint. */
export type DnsNameKind = "name" | "alias" | "short-id";

export interface DnsTarget {
  sandboxId: string;
  /** The owner container's name. */
  container: string;
  /** Addresses on this network, without prefix lengths (IPv4, then IPv6). */
  addresses: string[];
  kind: DnsNameKind;
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

  const names = [...records.values()]
    .map((r) => ({ ...r, roundRobin: new Set(r.targets.map((x) => x.sandboxId)).size > 1 }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const notes: string[] = [];
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
