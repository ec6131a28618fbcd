/**
 * The Linux layer's lookups: what the canvas draws over each endpoint edge,
 * network node and the host node, indexed once per data path answer. Pure.
 */
import type { DatapathBody, DatapathBridge, DatapathEndpoint, DatapathNamespaces, DatapathNat, DatapathNetworkRules, DatapathResolver, DatapathRoute } from "./types";

/** What the layer shows on a sandbox: its containers' namespaces, its resolver and its routes. */
export interface LinuxSandbox {
  namespaces: DatapathNamespaces[];
  resolver?: DatapathResolver;
  routes?: DatapathRoute[];
}

export interface LinuxLayer {
  available: boolean;
  reason?: string;
  limits: string[];
  /** By `${networkId}|${sandboxId}`. */
  endpoints: ReadonlyMap<string, DatapathEndpoint>;
  bridges: ReadonlyMap<string, DatapathBridge>;
  rules: ReadonlyMap<string, DatapathNetworkRules>;
  sandboxes: ReadonlyMap<string, LinuxSandbox>;
  nat: readonly DatapathNat[];
  forwardPolicy: DatapathBody["forwardPolicy"];
}

export const endpointKey = (networkId: string, sandboxId: string): string => `${networkId}|${sandboxId}`;

export function linuxLayer(body: DatapathBody): LinuxLayer {
  const sandboxes = new Map<string, LinuxSandbox>();
  const of = (id: string): LinuxSandbox => {
    let s = sandboxes.get(id);
    if (!s) sandboxes.set(id, (s = { namespaces: [] }));
    return s;
  };
  for (const n of body.namespaces) of(n.sandboxId).namespaces.push(n);
  for (const r of body.resolvers) of(r.sandboxId).resolver = r;
  for (const r of body.routes) of(r.sandboxId).routes = r.routes;
  return {
    available: body.available,
    ...(body.reason ? { reason: body.reason } : {}),
    limits: body.limits,
    endpoints: new Map(body.endpoints.map((e) => [endpointKey(e.networkId, e.sandboxId), e])),
    bridges: new Map(body.bridges.map((b) => [b.networkId, b])),
    rules: new Map(body.networks.map((n) => [n.networkId, n])),
    sandboxes,
    nat: body.nat,
    forwardPolicy: body.forwardPolicy,
  };
}

/** `eth0 ⇄ veth1a2b3c4`: the container's end and the host's, or the container's alone when it has no veth peer. */
export function vethLabel(e: DatapathEndpoint): string {
  return e.hostIf ? `${e.containerIf.name} ⇄ ${e.hostIf.name}` : e.containerIf.name;
}

/** The words under a bridge-backed network: its device, state and ports, and the stray ones. */
export function bridgeLabel(b: DatapathBridge): string {
  const ports = `${b.ports.length} port${b.ports.length === 1 ? "" : "s"}`;
  const stray = b.strayPorts.length > 0 ? `, ${b.strayPorts.length} stray` : "";
  return `${b.device} · ${b.state} · ${ports}${stray}`;
}

/** A published port's DNAT rule, short: `127.0.0.1:8080/tcp → 172.18.0.2:80`. */
export function natLabel(n: DatapathNat): string {
  return `${n.hostIp === "0.0.0.0" ? "*" : n.hostIp}:${n.hostPort}/${n.protocol} → ${n.to}`;
}

/** The namespaces a container does not have to itself: `net shared:web, pid host`; "" when all are private. */
export function sharedNamespaces(n: DatapathNamespaces): string {
  return (["net", "pid", "ipc", "uts"] as const)
    .filter((k) => n[k] !== "private")
    .map((k) => `${k} ${n[k]}`)
    .join(", ");
}

/** `default via 172.18.0.1 dev eth0`, or `172.18.0.0/16 dev eth0 src 172.18.0.2`. */
export function routeLabel(r: DatapathRoute): string {
  return [r.dst, r.via && `via ${r.via}`, r.dev && `dev ${r.dev}`, r.src && `src ${r.src}`].filter(Boolean).join(" ");
}
