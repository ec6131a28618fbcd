/**
 * Endpoints to interfaces, and bridge networks to bridges. Pure.
 *
 * An endpoint's container interface is the one inside its sandbox with the
 * endpoint's MAC address. Its host end is the host interface whose ifindex
 * is the container interface's iflink and whose iflink is the container
 * interface's ifindex: both ends of a veth pair point at each other. Names
 * are never guessed from (vethXXXX says nothing about its peer).
 */
import { bridgeDevice } from "../topology/describe";
import type { Topology } from "../topology/types";
import type { IpLink } from "./ip-output";
import type { DatapathBridge, DatapathEndpoint } from "./types";

/** An interface of the host, from /sys/class/net. */
export interface HostLink {
  name: string;
  ifindex: number;
  iflink: number;
  mtu: number;
  /** operstate: up, down, unknown, lowerlayerdown... */
  state: string;
  /** The bridge it is a port of. */
  master?: string;
  /** Set for a bridge: its ports (brif). */
  ports?: string[];
}

export interface Pairing {
  endpoints: DatapathEndpoint[];
  bridges: DatapathBridge[];
  /** What could not be paired, in words. */
  limits: string[];
}

/**
 * `sandboxLinks`: `ip -o link` inside each sandbox that could be read, by
 * sandbox ID. An endpoint of a sandbox that could not be read is left out
 * (the collector says why), and so are the stray ports of its bridge: which
 * of them is its host end cannot be told.
 */
export function pairEndpoints(t: Topology, host: readonly HostLink[], sandboxLinks: ReadonlyMap<string, readonly IpLink[]>): Pairing {
  const byIndex = new Map(host.map((h) => [h.ifindex, h]));
  const byName = new Map(host.map((h) => [h.name, h]));
  const endpoints: DatapathEndpoint[] = [];
  const unread = new Map<string, number>(); // network ID -> active endpoints not paired
  const limits: string[] = [];
  for (const ep of t.endpoints) {
    if (!ep.active || !ep.mac) continue;
    const links = sandboxLinks.get(ep.sandboxId);
    const cif = links?.find((l) => l.mac === ep.mac.toLowerCase());
    if (!cif) {
      unread.set(ep.networkId, (unread.get(ep.networkId) ?? 0) + 1);
      if (links) limits.push(`No interface with MAC ${ep.mac} in sandbox ${ep.sandboxId.slice(0, 12)} (network ${ep.networkId.slice(0, 12)}): it changed since it was read.`);
      continue;
    }
    const peer = byIndex.get(cif.iflink);
    const hostIf = peer && peer.iflink === cif.ifindex && peer.ifindex !== cif.ifindex ? peer : undefined;
    endpoints.push({
      networkId: ep.networkId,
      sandboxId: ep.sandboxId,
      containerIf: { name: cif.name, ifindex: cif.ifindex, iflink: cif.iflink, mtu: cif.mtu },
      hostIf: hostIf ? { name: hostIf.name, ifindex: hostIf.ifindex, mtu: hostIf.mtu, state: hostIf.state } : null,
      bridge: hostIf?.master ?? null,
    });
  }

  const bridges: DatapathBridge[] = [];
  for (const n of t.networks) {
    const device = bridgeDevice(n);
    const dev = device ? byName.get(device) : undefined;
    if (!device || !dev?.ports) continue;
    const ports = [...dev.ports].sort();
    const known = new Set(endpoints.filter((e) => e.networkId === n.id && e.hostIf).map((e) => e.hostIf?.name));
    const unknowable = (unread.get(n.id) ?? 0) > 0;
    bridges.push({
      networkId: n.id,
      device,
      mtu: dev.mtu,
      state: dev.state,
      ports,
      strayPorts: unknowable ? [] : ports.filter((p) => !known.has(p)),
    });
  }
  return { endpoints, bridges, limits };
}
