/**
 * Engine JSON -> cnmap topology. A pure function: no I/O, no React, no
 * dockerode. Networks come from the network list; sandboxes and endpoints
 * from the container list (the network list carries no containers since API
 * 1.28); aliases from cached container inspects.
 */
import type {
  EngineContainerSummary,
  EngineEndpointSettings,
  EngineIpamConfig,
  EngineNetwork,
  EngineSnapshot,
} from "./engine-json";
import { buildSwarm, vxlanIds } from "./swarm";
import type { ContainerRef, Endpoint, IpamConfig, Network, PublishedPort, Sandbox, Topology } from "./types";

const PREDEFINED: Record<string, string> = { bridge: "bridge", host: "host", none: "null" };

export function isPredefinedNetwork(name: string, driver: string, scope: string): boolean {
  return scope === "local" && PREDEFINED[name] === driver;
}

function toIpam(config: EngineIpamConfig): IpamConfig {
  const out: IpamConfig = { subnet: config.Subnet ?? "" };
  if (config.Gateway) out.gateway = config.Gateway;
  if (config.IPRange) out.ipRange = config.IPRange;
  if (config.AuxiliaryAddresses && Object.keys(config.AuxiliaryAddresses).length > 0) {
    out.auxAddresses = { ...config.AuxiliaryAddresses };
  }
  return out;
}

export function toNetwork(n: EngineNetwork): Network {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal ?? false,
    attachable: n.Attachable ?? false,
    ingress: n.Ingress ?? false,
    ipv6: n.EnableIPv6 ?? false,
    ipam: (n.IPAM?.Config ?? []).map(toIpam),
    options: { ...(n.Options ?? {}) },
    labels: { ...(n.Labels ?? {}) },
    predefined: isPredefinedNetwork(n.Name, n.Driver, n.Scope),
    configOnly: n.ConfigOnly ?? false,
    configFrom: n.ConfigFrom?.Network ?? "",
    ipamDriver: n.IPAM?.Driver ?? "default",
    encrypted: n.Options != null && "encrypted" in n.Options,
    ...withVxlan(n),
  };
}

function withVxlan(n: EngineNetwork): { vxlanIds?: number[] } {
  const ids = n.Driver === "overlay" ? vxlanIds(n.Options ?? {}) : undefined;
  return ids ? { vxlanIds: ids } : {};
}

export function containerName(c: Pick<EngineContainerSummary, "Names" | "Id">): string {
  const first = c.Names[0];
  return first ? first.replace(/^\//, "") : c.Id.slice(0, 12);
}

function toContainerRef(c: EngineContainerSummary): ContainerRef {
  return {
    id: c.Id,
    name: containerName(c),
    image: c.Image,
    state: c.State,
    status: c.Status ?? "",
    labels: { ...(c.Labels ?? {}) },
  };
}

function toPorts(c: EngineContainerSummary): PublishedPort[] {
  const ports: PublishedPort[] = [];
  for (const p of c.Ports ?? []) {
    if (p.PublicPort === undefined || p.PublicPort === 0) continue; // exposed, not published
    ports.push({ hostIp: p.IP ?? "", hostPort: p.PublicPort, containerPort: p.PrivatePort, protocol: p.Type });
  }
  return ports.sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.hostPort - b.hostPort ||
      (a.hostIp < b.hostIp ? -1 : a.hostIp > b.hostIp ? 1 : 0),
  );
}

const JOINED = "container:";

/** The `X` of `--network container:X`, or null for a container that owns its namespace. */
export function joinedContainerRef(networkMode: string | undefined): string | null {
  return networkMode?.startsWith(JOINED) ? networkMode.slice(JOINED.length) : null;
}

/**
 * Finds the owner of every container's namespace. The engine stores
 * `container:<full id>`, but older engines and hand-made JSON may hold a name
 * or a short ID; chains (A joins B which joins C) resolve to C.
 */
function resolveOwners(containers: EngineContainerSummary[]): Map<string, string> {
  const byId = new Map(containers.map((c) => [c.Id, c]));
  const byName = new Map(containers.map((c) => [containerName(c), c]));
  const find = (ref: string): EngineContainerSummary | undefined =>
    byId.get(ref) ?? byName.get(ref) ?? (ref.length >= 4 ? containers.find((c) => c.Id.startsWith(ref)) : undefined);

  const owner = new Map<string, string>();
  for (const c of containers) {
    let current = c;
    const path: EngineContainerSummary[] = [c];
    for (;;) {
      const ref = joinedContainerRef(current.HostConfig?.NetworkMode);
      if (ref === null) break;
      const next = find(ref);
      if (!next) break; // owner gone: stop where we are
      const at = path.indexOf(next);
      if (at !== -1) {
        // A cycle: every member must agree on one owner, or all of them would
        // vanish. Pick the member that comes first in `containers` (name order).
        const cycle = path.slice(at);
        current = containers.find((x) => cycle.includes(x)) ?? next;
        break;
      }
      path.push(next);
      current = next;
    }
    owner.set(c.Id, current.Id);
  }
  return owner;
}

function formatAddress(address: string | undefined, prefix: number | undefined): string {
  return address ? `${address}/${prefix ?? 0}` : "";
}

function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/*
 * The order of each list in a topology: Docker's predefined networks first,
 * then by name; sandboxes by their owner's name; endpoints by sandbox, then
 * network. Patches (lib/topology/patch.ts) restore the same order.
 */
export function compareNetworks(a: Network, b: Network): number {
  return Number(b.predefined) - Number(a.predefined) || byName(a, b);
}

export function compareSandboxes(a: Sandbox, b: Sandbox): number {
  return (a.containers[0]?.name ?? "").localeCompare(b.containers[0]?.name ?? "") || a.id.localeCompare(b.id);
}

export function compareEndpoints(a: Endpoint, b: Endpoint): number {
  return a.sandboxId.localeCompare(b.sandboxId) || a.networkId.localeCompare(b.networkId);
}

export function buildTopology(snapshot: EngineSnapshot): Omit<Topology, "engine"> {
  const listed = snapshot.networks.map(toNetwork).sort(compareNetworks);
  const swarm = buildSwarm(snapshot.swarm, listed);
  const networks = swarm.peers.size === 0 ? listed : listed.map((n) => {
    const peers = swarm.peers.get(n.id);
    return peers ? { ...n, peers } : n;
  });
  const networkIdByName = new Map<string, string>();
  for (const n of networks) if (!networkIdByName.has(n.name)) networkIdByName.set(n.name, n.id);
  const networkIds = new Set(networks.map((n) => n.id));

  const containers = [...snapshot.containers].sort((a, b) => containerName(a).localeCompare(containerName(b)));
  const owners = resolveOwners(containers);

  const sandboxes = new Map<string, Sandbox>();
  for (const c of containers) {
    if (owners.get(c.Id) !== c.Id) continue;
    sandboxes.set(c.Id, {
      id: c.Id,
      networkMode: c.HostConfig?.NetworkMode ?? "",
      containers: [toContainerRef(c)],
      ports: toPorts(c),
    });
  }
  for (const c of containers) {
    const ownerId = owners.get(c.Id);
    if (ownerId === undefined || ownerId === c.Id) continue;
    sandboxes.get(ownerId)?.containers.push(toContainerRef(c));
  }

  const endpoints: Endpoint[] = [];
  for (const c of containers) {
    if (owners.get(c.Id) !== c.Id) continue; // joiners hold no endpoints of their own
    // After a failed start the list can still report the attempt's endpoint, which inspect does not: only a
    // running (or paused) container has live endpoints.
    const live = c.State === "running" || c.State === "paused";
    const detailNetworks = snapshot.details[c.Id]?.NetworkSettings?.Networks ?? {};
    const entries = Object.entries(c.NetworkSettings?.Networks ?? {}) as [string, EngineEndpointSettings][];
    for (const [networkName, ep] of entries) {
      // A container that never ran reports NetworkID ""; find the network by name.
      const networkId = ep.NetworkID || networkIdByName.get(networkName) || "";
      if (!networkIds.has(networkId)) continue; // its network was removed while it was stopped
      endpoints.push({
        id: live ? (ep.EndpointID ?? "") : "",
        networkId,
        sandboxId: c.Id,
        containerId: c.Id,
        ipv4: live ? formatAddress(ep.IPAddress, ep.IPPrefixLen) : "",
        ipv6: live ? formatAddress(ep.GlobalIPv6Address, ep.GlobalIPv6PrefixLen) : "",
        mac: live ? (ep.MacAddress ?? "") : "",
        aliases: [...(detailNetworks[networkName]?.Aliases ?? [])],
        active: live && Boolean(ep.EndpointID),
      });
    }
  }

  return {
    networks,
    sandboxes: [...sandboxes.values()].sort(compareSandboxes),
    endpoints: endpoints.sort(compareEndpoints),
    swarm: swarm.swarm,
    services: swarm.services,
    tasks: swarm.tasks,
  };
}
