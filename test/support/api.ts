/**
 * HTTP helpers for the API tests, the shapes of `docker inspect` /
 * `docker network inspect` they compare against, and the values cnmap's
 * model must hold for a given inspect (derived from the CLI's output, not
 * from cnmap's own transform).
 */
import type { HealthBody } from "@/lib/api/health";
import type { Endpoint, Network, PublishedPort, Topology } from "@/lib/topology/types";

export type { HealthBody };

export async function getJson<T>(url: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`GET ${url}: ${res.status}, not JSON: ${text.slice(0, 500)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

export async function fetchTopology(base: string): Promise<Topology> {
  const { status, body } = await getJson<Topology>(`${base}/api/topology`);
  if (status !== 200) throw new Error(`GET /api/topology answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * The topology once `check` holds. The server's live model follows the
 * engine's events, so a change made with the CLI shows a moment later, and
 * one the engine announces with no event at the model's next full read
 * (every CNMAP_RESYNC_MS: TEST_RESYNC_MS for the API tests' servers).
 */
export async function topologyWhen(base: string, check: (t: Topology) => boolean, what: string, timeoutMs = 10_000): Promise<Topology> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await fetchTopology(base);
    if (check(t)) return t;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the topology to show ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves once the server's live model has been read in full from the
 * engine after this call: everything done before the call shows, announced
 * by an event or not. (Two full reads: the first may have begun before.)
 */
export async function modelCaughtUp(base: string, timeoutMs = 15_000): Promise<void> {
  // Reading the topology builds the model if nobody has yet (its periodic full reads start then).
  const reads = async (): Promise<number> => {
    await fetchTopology(base);
    return (await fetchHealth(base)).session.model.fullReads;
  };
  const start = await reads();
  const deadline = Date.now() + timeoutMs;
  while ((await reads()) < start + 2) {
    if (Date.now() > deadline) throw new Error(`the live model was not read in full twice within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function fetchHealth(base: string): Promise<HealthBody> {
  const { status, body } = await getJson<HealthBody>(`${base}/api/health`);
  if (status !== 200) throw new Error(`GET /api/health answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

// ---------------------------------------------------------------- inspect JSON

export interface InspectEndpoint {
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  MacAddress: string;
  Aliases: string[] | null;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Config: { Image: string; Labels: Record<string, string> | null };
  State: { Status: string };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks: Record<string, InspectEndpoint> | null;
  };
}

export interface NetworkInspect {
  Id: string;
  Name: string;
  Created: string;
  Driver: string;
  Scope: string;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  EnableIPv6: boolean;
  ConfigOnly: boolean;
  ConfigFrom: { Network: string } | null;
  IPAM: {
    Driver: string;
    Config:
      | { Subnet?: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> | null }[]
      | null;
  };
  Options: Record<string, string> | null;
  Labels: Record<string, string> | null;
}

// ------------------------------------------------------------- expected values

/** What cnmap must report for a network, field by field from `docker network inspect`. */
export function expectedNetwork(n: NetworkInspect): Network {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal,
    attachable: n.Attachable,
    ingress: n.Ingress,
    ipv6: n.EnableIPv6,
    ipam: (n.IPAM.Config ?? []).map((c) => ({
      subnet: c.Subnet ?? "",
      ...(c.Gateway ? { gateway: c.Gateway } : {}),
      ...(c.IPRange ? { ipRange: c.IPRange } : {}),
      ...(c.AuxiliaryAddresses && Object.keys(c.AuxiliaryAddresses).length > 0
        ? { auxAddresses: c.AuxiliaryAddresses }
        : {}),
    })),
    options: n.Options ?? {},
    labels: n.Labels ?? {},
    predefined: n.Scope === "local" && ["bridge", "host", "none"].includes(n.Name),
    configOnly: n.ConfigOnly,
    configFrom: n.ConfigFrom?.Network ?? "",
    ipamDriver: n.IPAM.Driver,
    encrypted: n.Options != null && "encrypted" in n.Options,
    ...(n.Driver === "overlay" && n.Options?.["com.docker.network.driver.overlay.vxlanid_list"]
      ? { vxlanIds: n.Options["com.docker.network.driver.overlay.vxlanid_list"].split(",").map(Number) }
      : {}),
  };
}

function portKey(p: PublishedPort): string {
  return `${p.containerPort}/${p.protocol}|${p.hostIp}|${p.hostPort}`;
}

export function sortPorts(ports: PublishedPort[]): PublishedPort[] {
  return [...ports].sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
}

/** Published ports from inspect's NetworkSettings.Ports ("80/tcp": [{HostIp, HostPort}]; null = only exposed). */
export function expectedPorts(c: ContainerInspect): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings.Ports ?? {})) {
    const [port, protocol] = key.split("/");
    for (const b of bindings ?? []) {
      out.push({ hostIp: b.HostIp, hostPort: Number(b.HostPort), containerPort: Number(port), protocol: protocol ?? "tcp" });
    }
  }
  return sortPorts(out);
}

/**
 * The endpoints cnmap must report for a container that owns its namespace.
 * A container that never ran has NetworkID "" in inspect: its network is
 * found by name with `networkIdByName` (from `docker network inspect`).
 */
export function expectedEndpoints(c: ContainerInspect, networkIdByName: (name: string) => string): Endpoint[] {
  return sortEndpoints(
    Object.entries(c.NetworkSettings.Networks ?? {}).map(([name, ep]) => ({
      id: ep.EndpointID,
      networkId: ep.NetworkID || networkIdByName(name),
      sandboxId: c.Id,
      containerId: c.Id,
      ipv4: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen}` : "",
      ipv6: ep.GlobalIPv6Address ? `${ep.GlobalIPv6Address}/${ep.GlobalIPv6PrefixLen}` : "",
      mac: ep.MacAddress,
      aliases: ep.Aliases ?? [],
      active: ep.EndpointID !== "",
    })),
  );
}

export function sortEndpoints(endpoints: Endpoint[]): Endpoint[] {
  return [...endpoints].sort((a, b) => (a.networkId < b.networkId ? -1 : a.networkId > b.networkId ? 1 : 0));
}

export function expectedContainerRef(c: ContainerInspect): { id: string; name: string; image: string; state: string; labels: Record<string, string> } {
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ""),
    image: c.Config.Image,
    state: c.State.Status,
    labels: c.Config.Labels ?? {},
  };
}
