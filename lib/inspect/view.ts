/**
 * The inspector's view of a selected object: the topology's facts merged with
 * the fetched container detail, formatted the way `docker inspect` prints
 * them, and revision strings that change when the object changes (the SWR
 * keys of the detail fetches). Pure.
 */
import { addressPart, hostAddress, isAllInterfaces, isLoopbackHost } from "../net/cidr";
import type { Endpoint, Network, PublishedPort, Sandbox, Topology } from "../topology/types";
import type { ContainerDetail, ContainerEndpointDetail } from "./types";

type Model = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable digest for cache keys. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function endpointKey(e: Endpoint): string {
  return [e.networkId, e.sandboxId, e.id, e.ipv4, e.ipv6, e.mac, e.active ? "1" : "0", e.aliases.join(",")].join("|");
}

/**
 * Changes whenever the sandbox's containers (IDs, states), network mode,
 * published ports or endpoints change: an engine event that touches it
 * yields a new revision, so its detail is fetched again. "" for an unknown
 * sandbox.
 */
export function sandboxRevision(t: Model, sandboxId: string): string {
  const s = t.sandboxes.find((x) => x.id === sandboxId);
  if (!s) return "";
  const parts = [
    s.networkMode,
    s.containers.map((c) => `${c.id}:${c.state}`).join(","),
    s.ports.map((p) => `${p.hostIp}:${p.hostPort}:${p.containerPort}/${p.protocol}`).join(","),
    ...t.endpoints.filter((e) => e.sandboxId === sandboxId).map(endpointKey),
  ];
  return hashText(parts.join("\n"));
}

/** Changes whenever the network's settings or the endpoints on it change. "" for an unknown network. */
export function networkRevision(t: Model, networkId: string): string {
  const n = t.networks.find((x) => x.id === networkId);
  if (!n) return "";
  const parts = [JSON.stringify(n), ...t.endpoints.filter((e) => e.networkId === networkId).map(endpointKey)];
  return hashText(parts.join("\n"));
}

export function findEndpoint(t: Model, networkId: string, sandboxId: string): Endpoint | undefined {
  return t.endpoints.find((e) => e.networkId === networkId && e.sandboxId === sandboxId);
}

/** The container whose inspect describes the sandbox: its owner. */
export function ownerId(s: Sandbox): string {
  return s.containers[0]?.id ?? s.id;
}

/** The detail's entry for a network: by ID, else by name (a container that never ran reports NetworkID ""). */
export function detailEndpointFor(detail: ContainerDetail | undefined, network: { id: string; name: string }): ContainerEndpointDetail | undefined {
  if (!detail) return undefined;
  return detail.endpoints.find((d) => d.networkId !== "" && d.networkId === network.id) ?? detail.endpoints.find((d) => d.network === network.name);
}

/** One attachment of a sandbox, as the inspector lists it. */
export interface SandboxEndpointRow {
  networkId: string;
  networkName: string;
  network?: Network;
  /** The topology's endpoint (absent when only the detail knows it). */
  endpoint?: Endpoint;
  /** The container detail's entry (absent until it loads, or when it does not list the network). */
  detail?: ContainerEndpointDetail;
}

/** The sandbox's endpoints sorted by network name, each with its detail entry; then any network only the detail lists. */
export function sandboxEndpointRows(t: Model, sandboxId: string, detail: ContainerDetail | undefined): SandboxEndpointRow[] {
  const networks = new Map(t.networks.map((n) => [n.id, n]));
  const rows: SandboxEndpointRow[] = [];
  const used = new Set<ContainerEndpointDetail>();
  for (const e of t.endpoints) {
    if (e.sandboxId !== sandboxId) continue;
    const n = networks.get(e.networkId);
    const name = n?.name ?? e.networkId.slice(0, 12);
    const d = detailEndpointFor(detail, { id: e.networkId, name });
    if (d) used.add(d);
    rows.push({ networkId: e.networkId, networkName: name, network: n, endpoint: e, detail: d });
  }
  rows.sort((a, b) => a.networkName.localeCompare(b.networkName));
  for (const d of detail?.endpoints ?? []) {
    if (used.has(d)) continue;
    const n = t.networks.find((x) => (d.networkId !== "" && x.id === d.networkId) || x.name === d.network);
    rows.push({ networkId: n?.id ?? d.networkId, networkName: d.network, network: n, detail: d });
  }
  return rows;
}

/** What an endpoint row shows, from the detail when it has loaded, else from the topology. */
export interface EndpointFacts {
  /** Without prefix length, as docker inspect's IPAddress; "" when none. */
  ipv4: string;
  /** The prefix length, or null when unknown or there is no address. */
  ipv4Prefix: number | null;
  ipv6: string;
  ipv6Prefix: number | null;
  mac: string;
  /** "" when unknown (the detail has not loaded) or there is none. */
  gateway: string;
  ipv6Gateway: string;
  aliases: string[];
  dnsNames: string[];
  endpointId: string;
  active: boolean;
}

function split(withPrefix: string): { address: string; prefix: number | null } {
  if (withPrefix === "") return { address: "", prefix: null };
  const address = addressPart(withPrefix);
  const rest = withPrefix.slice(address.length + 1);
  return { address, prefix: /^\d+$/.test(rest) ? Number(rest) : null };
}

export function endpointView(row: Pick<SandboxEndpointRow, "endpoint" | "detail">): EndpointFacts {
  const { endpoint: e, detail: d } = row;
  const v4 = split(e?.ipv4 ?? "");
  const v6 = split(e?.ipv6 ?? "");
  if (d) {
    return {
      ipv4: d.ipv4,
      ipv4Prefix: d.ipv4 ? d.ipv4PrefixLen : null,
      ipv6: d.ipv6,
      ipv6Prefix: d.ipv6 ? d.ipv6PrefixLen : null,
      mac: d.mac,
      gateway: d.gateway,
      ipv6Gateway: d.ipv6Gateway,
      aliases: d.aliases,
      dnsNames: d.dnsNames,
      endpointId: d.endpointId,
      active: e?.active ?? d.endpointId !== "",
    };
  }
  return {
    ipv4: v4.address,
    ipv4Prefix: v4.prefix,
    ipv6: v6.address,
    ipv6Prefix: v6.prefix,
    mac: e?.mac ?? "",
    gateway: "",
    ipv6Gateway: "",
    aliases: e?.aliases ?? [],
    dnsNames: [],
    endpointId: e?.id ?? "",
    active: e?.active ?? false,
  };
}

/** "172.18.0.2/16" from an address and its prefix length ("" without an address). */
export function withPrefix(address: string, prefix: number | null): string {
  if (address === "") return "";
  return prefix === null ? address : `${address}/${prefix}`;
}

/** One published (or merely exposed) port, as the inspector lists it. */
export interface PortLine {
  /** "0.0.0.0:8080 -> 80/tcp", "[::1]:53 -> 53/udp", or "80/tcp" for an exposed port. */
  text: string;
  /** "80/tcp" */
  containerPort: string;
  hostIp: string;
  /** "" for an exposed port. */
  hostPort: string;
  published: boolean;
  allInterfaces: boolean;
  loopback: boolean;
}

function line(hostIp: string, hostPort: string, containerPort: string): PortLine {
  return {
    // An empty HostIp in a binding means every interface.
    // A configured binding without a host port gets one the engine picks at start.
    text: `${hostAddress(hostIp || "0.0.0.0")}:${hostPort || "(random)"} -> ${containerPort}`,
    containerPort,
    hostIp,
    hostPort,
    published: true,
    allInterfaces: isAllInterfaces(hostIp),
    loopback: isLoopbackHost(hostIp),
  };
}

/**
 * The sandbox's ports: from the detail when it has loaded (it also lists ports
 * exposed but not published), else the topology's published ports.
 */
export function portLines(detail: ContainerDetail | undefined, ports: PublishedPort[]): PortLine[] {
  if (!detail) return ports.map((p) => line(p.hostIp, String(p.hostPort), `${p.containerPort}/${p.protocol}`));
  const out: PortLine[] = [];
  for (const p of detail.ports) {
    if (p.bindings.length === 0) {
      out.push({ text: p.containerPort, containerPort: p.containerPort, hostIp: "", hostPort: "", published: false, allInterfaces: false, loopback: false });
      continue;
    }
    for (const b of p.bindings) out.push(line(b.hostIp, b.hostPort, p.containerPort));
  }
  return out;
}

/** How many characters of an EndpointID to show (like the CLI's short IDs). */
export function shortEndpointId(id: string): string {
  return id.slice(0, 12);
}
