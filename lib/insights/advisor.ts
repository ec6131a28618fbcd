/**
 * The advisor: findings about the engine's network setup, each with the
 * objects involved, why it matters and a docker command that fixes it. Pure:
 * computed from the topology plus optional facts passed in (the host's MTU).
 */
import type { CreateNetworkBody } from "../api/schemas";
import { createNetworkCommand, shellQuote } from "../commands/docker-cli";
import { cidrContainsIp, cidrsOverlap, isAllInterfaces, parseCidr, parseIp, type Cidr, type Family } from "../net/cidr";
import { ICC_OPTION, isDefaultBridge, projectOf } from "../topology/describe";
import type { Endpoint, IpamConfig, Network, PublishedPort, Sandbox, SwarmNode, SwarmService, Topology } from "../topology/types";
import { isHiddenValue, isUp } from "../topology/describe";
import { MTU_OPTION, sandboxName, sandboxState, type TopologyModel } from "./model";
import { nodeHostname, runningTasksOf, taskNodes } from "./swarm";

export type Severity = "info" | "warning" | "error";

export type FindingKind =
  | "default-bridge"
  | "unused-network"
  | "subnet-overlap"
  | "mtu-path"
  | "mtu-host"
  | "overlay-unencrypted"
  | "no-ip-range"
  | "published-all-interfaces"
  | "many-networks"
  | "stopped-endpoints"
  | "icc-disabled"
  | "forward-accept"
  | "ingress-published"
  | "single-replica"
  | "overlay-node-overlap";

export interface FindingObject {
  /** A network or a sandbox (selectable on the canvas), a swarm service, or a swarm node. */
  kind: "network" | "sandbox" | "service" | "node";
  id: string;
  name: string;
}

export interface Finding {
  /** Stable across snapshots: the kind and the IDs of the objects involved. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  objects: FindingObject[];
  /** Why it matters, in plain words. */
  why: string;
  /** A docker command (or commands joined with &&) that fixes it; arguments are shell-quoted. */
  fix: string;
}

export interface AdvisorOptions {
  /** The MTU of the host's uplink; networks whose MTU differs are flagged. */
  hostMtu?: number;
  /** A sandbox on at least this many networks is flagged (default 4). */
  manyNetworks?: number;
  /** The host's FORWARD policy, when the data path was read (GET /api/datapath). */
  forwardPolicy?: "ACCEPT" | "DROP" | null;
}

export const DEFAULT_MANY_NETWORKS = 4;
/** The MTU Docker gives a bridge network without the mtu option (dockerd's --mtu default). */
export const DEFAULT_BRIDGE_MTU = 1500;
/** VXLAN's overhead: an overlay's MTU must be this much below the host's. */
export const VXLAN_OVERHEAD = 50;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function docker(...args: string[]): string {
  return ["docker", ...args].map(shellQuote).join(" ");
}

function netObj(n: Network): FindingObject {
  return { kind: "network", id: n.id, name: n.name };
}

function sbObj(s: Sandbox): FindingObject {
  return { kind: "sandbox", id: s.id, name: sandboxName(s) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The `docker network create` that recreates `n` with changes, preceded by
 * its removal. Engine-assigned options (the overlay's VXLAN IDs) are left out.
 */
export function recreateNetworkCommand(
  n: Network,
  change: { options?: Record<string, string>; dropOptions?: string[]; ipam?: IpamConfig[] } = {},
): string {
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.options)) {
    if (k === "com.docker.network.driver.overlay.vxlanid_list") continue;
    if (change.dropOptions?.includes(k)) continue;
    options[k] = v;
  }
  Object.assign(options, change.options ?? {});
  const body: CreateNetworkBody = { name: n.name, driver: n.driver };
  if (n.scope !== "local" && !(n.driver === "overlay" && n.scope === "swarm")) body.scope = n.scope as CreateNetworkBody["scope"];
  if (n.ipamDriver && n.ipamDriver !== "default") body.ipamDriver = n.ipamDriver;
  const ipam = change.ipam ?? n.ipam;
  if (ipam.length > 0) body.ipam = ipam.map((c) => ({ ...c }));
  if (n.ipv6) body.ipv6 = true;
  if (n.internal) body.internal = true;
  if (n.attachable) body.attachable = true;
  if (n.ingress) body.ingress = true;
  if (n.configFrom) body.configFrom = n.configFrom;
  if (Object.keys(options).length > 0) body.options = options;
  // A value cnmap hides (a secret, a host path) cannot be carried over: such labels are left out of the command.
  const labels = Object.fromEntries(Object.entries(n.labels).filter(([, v]) => !isHiddenValue(v)));
  if (Object.keys(labels).length > 0) body.labels = labels;
  return `${docker("network", "rm", n.name)} && ${createNetworkCommand(body)}`;
}

/** A network's MTU: the mtu option when set, Docker's default for a bridge, else null (driver-managed or unknown). */
export function effectiveMtu(n: Network): number | null {
  const opt = n.options[MTU_OPTION];
  if (opt !== undefined && /^\d+$/.test(opt) && Number(opt) > 0) return Number(opt);
  if (n.driver === "bridge") return DEFAULT_BRIDGE_MTU;
  return null;
}

function ipv4ToInt(c: Cidr): number {
  return c.address.toByteArray().reduce((acc, b) => acc * 256 + b, 0);
}

function intToIpv4(v: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(v / 2 ** s) % 256).join(".");
}

/**
 * A private range of the given size that overlaps none of `taken`, or null.
 * IPv4 looks in 172.16.0.0/12, 192.168.0.0/16 and 10.0.0.0/8; IPv6 in fd00::/8.
 */
export function freeSubnet(family: Family, prefix: number, taken: readonly Cidr[]): string | null {
  const free = (text: string): boolean => {
    const c = parseCidr(text);
    return c !== null && !taken.some((t) => cidrsOverlap(c, t));
  };
  if (family === "ipv4") {
    for (const [base, bits] of [[0xac100000, 12], [0xc0a80000, 16], [0x0a000000, 8]] as const) {
      if (prefix < bits || prefix > 30) continue;
      const size = 2 ** (32 - prefix);
      const count = Math.min(2 ** (prefix - bits), 4096);
      for (let i = 0; i < count; i++) {
        const text = `${intToIpv4(base + i * size)}/${prefix}`;
        if (free(text)) return text;
      }
    }
    return null;
  }
  if (prefix < 32 || prefix > 64) return null;
  for (let i = 1; i < 4096; i++) {
    const text = `fd00:${i.toString(16)}::/${prefix}`;
    if (free(text)) return text;
  }
  return null;
}

/** A reservation inside `subnet` for Docker to allocate from: its last quarter (IPv4), or null. */
export function suggestIpRange(subnet: string): string | null {
  const c = parseCidr(subnet);
  if (!c || c.family !== "ipv4" || c.prefix > 28) return null;
  const size = 2 ** (32 - c.prefix);
  const start = ipv4ToInt(c) - (ipv4ToInt(c) % size);
  return `${intToIpv4(start + (size / 4) * 3)}/${c.prefix + 2}`;
}



/** Networks Docker creates and needs for itself: never "unused". */
function isInfrastructure(n: Network): boolean {
  return n.predefined || n.ingress || n.name === "docker_gwbridge";
}

interface Ctx {
  t: TopologyModel;
  networks: Map<string, Network>;
  sandboxes: Map<string, Sandbox>;
  bySandbox: Map<string, Endpoint[]>;
  byNetwork: Map<string, Endpoint[]>;
}

function context(t: TopologyModel): Ctx {
  const bySandbox = new Map<string, Endpoint[]>();
  const byNetwork = new Map<string, Endpoint[]>();
  for (const e of t.endpoints) {
    bySandbox.set(e.sandboxId, [...(bySandbox.get(e.sandboxId) ?? []), e]);
    byNetwork.set(e.networkId, [...(byNetwork.get(e.networkId) ?? []), e]);
  }
  return {
    t,
    networks: new Map(t.networks.map((n) => [n.id, n])),
    sandboxes: new Map(t.sandboxes.map((s) => [s.id, s])),
    bySandbox,
    byNetwork,
  };
}

function networksOf(ctx: Ctx, s: Sandbox): Network[] {
  const out: Network[] = [];
  for (const e of ctx.bySandbox.get(s.id) ?? []) {
    const n = ctx.networks.get(e.networkId);
    if (n && !out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function sandboxesOn(ctx: Ctx, n: Network): Sandbox[] {
  const out: Sandbox[] = [];
  for (const e of ctx.byNetwork.get(n.id) ?? []) {
    const s = ctx.sandboxes.get(e.sandboxId);
    if (s && !out.includes(s)) out.push(s);
  }
  return out.sort((a, b) => sandboxName(a).localeCompare(sandboxName(b)));
}

function defaultBridge(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const n of ctx.t.networks.filter(isDefaultBridge)) {
    for (const s of sandboxesOn(ctx, n)) {
      const name = sandboxName(s);
      const net = `${name}-net`;
      out.push({
        id: `default-bridge:${s.id}`,
        kind: "default-bridge",
        severity: "warning",
        title: `${name} is on the default bridge`,
        objects: [sbObj(s), netObj(n)],
        why: `Docker's default bridge (${n.name}) is the legacy network: containers on it cannot resolve each other by name (no embedded DNS; only the deprecated --link), every container started without --network lands on it and can reach all the others, and its settings are the daemon's, not yours. A user-defined network gives name resolution and isolation.`,
        fix: `${docker("network", "create", net)} && ${docker("network", "connect", net, name)} && ${docker("network", "disconnect", n.name, name)}`,
      });
    }
  }
  return out;
}

function unusedNetworks(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const configSources = new Set(ctx.t.networks.map((n) => n.configFrom).filter((x) => x !== ""));
  for (const n of ctx.t.networks) {
    if (isInfrastructure(n) || (ctx.byNetwork.get(n.id)?.length ?? 0) > 0) continue;
    if (n.configOnly && (configSources.has(n.name) || configSources.has(n.id))) continue;
    const swarm = n.scope === "swarm" ? " It is a swarm network: services on other nodes may still use it, which this node cannot see." : "";
    out.push({
      id: `unused-network:${n.id}`,
      kind: "unused-network",
      severity: "info",
      title: `${n.name} is not used by any container`,
      objects: [netObj(n)],
      why: `No container, running or stopped, has an endpoint on ${n.name}. An unused network still holds its subnet (${n.ipam.map((c) => c.subnet).join(", ") || "none recorded"}) out of the address pool, and a bridge network keeps a Linux bridge and firewall rules on the host.${swarm}`,
      fix: docker("network", "rm", n.name),
    });
  }
  return out;
}

function subnetOverlaps(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const entries: { n: Network; c: Cidr }[] = [];
  for (const n of ctx.t.networks) {
    if (n.configOnly) continue;
    for (const cfg of n.ipam) {
      const c = parseCidr(cfg.subnet);
      if (c) entries.push({ n, c });
    }
  }
  const taken = entries.map((x) => x.c);
  const seen = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i];
      const b = entries[j];
      if (!a || !b || a.n.id === b.n.id || !cidrsOverlap(a.c, b.c)) continue;
      const [x, y] = a.n.id < b.n.id ? [a, b] : [b, a];
      const id = `subnet-overlap:${x.n.id}:${y.n.id}:${x.c.text}:${y.c.text}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Renumber the one that is not Docker's own, the one with fewer endpoints.
      const count = (n: Network): number => ctx.byNetwork.get(n.id)?.length ?? 0;
      const [keep, move] =
        x.n.predefined || (!y.n.predefined && count(x.n) > count(y.n)) ? [x, y] : [y, x];
      const free = freeSubnet(move.c.family, move.c.prefix, taken);
      const ipam = move.n.ipam.map((cfg): IpamConfig => (cfg.subnet === move.c.text && free ? { subnet: free } : { ...cfg }));
      const fix = move.n.predefined
        ? `dockerd --bip=${free ?? "<free range>"}`
        : free
          ? recreateNetworkCommand(move.n, { ipam })
          : `${docker("network", "rm", move.n.name)} && ${docker("network", "create", "--driver", move.n.driver, "--subnet", "<a free range>", move.n.name)}`;
      out.push({
        id,
        kind: "subnet-overlap",
        severity: "error",
        title: `${x.n.name} (${x.c.text}) and ${y.n.name} (${y.c.text}) overlap`,
        objects: [netObj(x.n), netObj(y.n)],
        why: `Both networks claim addresses of ${x.c.prefix >= y.c.prefix ? x.c.text : y.c.text}. The host (and a container on both) has two routes for them and sends traffic to whichever wins, so containers on the other network, or hosts outside with those addresses, become unreachable or get the wrong peer. Recreate ${move.n.name} on a free range (disconnect its containers first, then reconnect them); ${keep.n.name} keeps ${keep.c.text}.`,
        fix,
      });
    }
  }
  return out;
}

function mtuFindings(ctx: Ctx, hostMtu: number | undefined): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.t.sandboxes) {
    const nets = networksOf(ctx, s)
      .map((n) => ({ n, mtu: effectiveMtu(n) }))
      .filter((x): x is { n: Network; mtu: number } => x.mtu !== null);
    const values = [...new Set(nets.map((x) => x.mtu))];
    if (values.length < 2) continue;
    const min = Math.min(...values);
    const name = sandboxName(s);
    const higher = nets.filter((x) => x.mtu > min);
    const recreatable = higher.filter((x) => !x.n.predefined);
    const fix =
      recreatable.length > 0
        ? recreatable.map((x) => recreateNetworkCommand(x.n, { options: { [MTU_OPTION]: String(min) } })).join(" && ")
        : higher.map((x) => docker("network", "disconnect", x.n.name, name)).join(" && ");
    out.push({
      id: `mtu-path:${s.id}`,
      kind: "mtu-path",
      severity: "warning",
      title: `${name} is on networks with different MTUs (${nets.map((x) => `${x.n.name} ${x.mtu}`).join(", ")})`,
      objects: [sbObj(s), ...nets.map((x) => netObj(x.n))],
      why: `Packets that ${name} forwards or answers between these networks are sized for one link and carried on another: anything above ${min} bytes is fragmented or, with path-MTU discovery blocked, silently dropped, which shows as connections that hang on large transfers (TLS handshakes, big responses). Give the networks on one path the same MTU (the smallest, ${min}).`,
      fix,
    });
  }
  if (hostMtu !== undefined && hostMtu > 0) {
    for (const n of ctx.t.networks) {
      const mtu = effectiveMtu(n);
      if (mtu === null) continue;
      const overlay = n.driver === "overlay";
      const expected = overlay ? hostMtu - VXLAN_OVERHEAD : hostMtu;
      if (overlay ? mtu <= expected : mtu === expected) continue;
      const tooBig = mtu > expected;
      const fix = n.predefined ? `dockerd --mtu=${expected}` : recreateNetworkCommand(n, { options: { [MTU_OPTION]: String(expected) } });
      out.push({
        id: `mtu-host:${n.id}`,
        kind: "mtu-host",
        severity: tooBig ? "warning" : "info",
        title: `${n.name}'s MTU (${mtu}) ${tooBig ? "exceeds" : "is below"} the host's${overlay ? " minus VXLAN overhead" : ""} (${expected})`,
        objects: [netObj(n)],
        why: tooBig
          ? `Containers on ${n.name} send packets up to ${mtu} bytes, but the host's link carries only ${hostMtu}${overlay ? ` and VXLAN adds ${VXLAN_OVERHEAD}` : ""}: larger packets are fragmented or dropped on the way out, so connections stall on large transfers. Common behind VPNs and on cloud networks with a small MTU.${n.predefined ? ` The default bridge takes its MTU from the daemon ("mtu" in /etc/docker/daemon.json, then restart dockerd).` : ""}`
          : `Containers on ${n.name} use ${mtu}-byte packets where the host's link carries ${hostMtu}: it works, but every full-size transfer takes more packets than needed.${n.predefined ? ` The default bridge takes its MTU from the daemon ("mtu" in /etc/docker/daemon.json).` : ""}`,
        fix,
      });
    }
  }
  return out;
}

function svcObj(s: SwarmService): FindingObject {
  return { kind: "service", id: s.id, name: s.name };
}

function nodeObj(n: SwarmNode): FindingObject {
  return { kind: "node", id: n.id, name: n.hostname || n.id.slice(0, 12) };
}

/** The services whose tasks join `n`. */
function servicesOn(ctx: Ctx, n: Network): SwarmService[] {
  return (ctx.t.services ?? []).filter((s) => s.networks.includes(n.id)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The nodes running a task with an address on `n` (node IDs). */
function taskNodesOn(ctx: Ctx, n: Network): string[] {
  return taskNodes((ctx.t.tasks ?? []).filter((x) => x.state === "running" && x.addresses.some((a) => a.networkId === n.id)));
}

/**
 * The commands that move an overlay's services to a replacement network
 * (create it, then `service update --network-add/--network-rm` each service:
 * their tasks restart on it) or, with none, recreate it in place.
 */
function replaceOverlayCommand(ctx: Ctx, n: Network, change: { options?: Record<string, string>; ipam?: IpamConfig[] }, suffix: string): string {
  const services = servicesOn(ctx, n);
  if (services.length === 0 || n.ingress) return recreateNetworkCommand(n, change);
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.options)) if (k !== "com.docker.network.driver.overlay.vxlanid_list") options[k] = v;
  Object.assign(options, change.options ?? {});
  const ipam = change.ipam ?? n.ipam;
  const name = `${n.name}-${suffix}`;
  const labels = Object.fromEntries(Object.entries(n.labels).filter(([, v]) => !isHiddenValue(v)));
  const body: CreateNetworkBody = { name, driver: "overlay" };
  if (change.ipam) body.ipam = ipam.map((c) => ({ ...c }));
  if (n.attachable) body.attachable = true;
  if (n.internal) body.internal = true;
  if (Object.keys(options).length > 0) body.options = options;
  if (Object.keys(labels).length > 0) body.labels = labels;
  return [createNetworkCommand(body), ...services.map((svc) => docker("service", "update", "--network-add", name, "--network-rm", n.name, svc.name))].join(" && ");
}

/**
 * Overlays whose traffic crosses between nodes unencrypted: more than one
 * peer, or running tasks on more than one node. One seen on a single node
 * is not flagged (nothing leaves the host); one whose peers cnmap cannot see
 * (a worker lists none) is flagged as info, saying so.
 */
function overlayEncryption(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const n of ctx.t.networks) {
    if (n.driver !== "overlay" || n.encrypted || "encrypted" in n.options) continue;
    const peers = n.peers ?? [];
    const nodes = taskNodesOn(ctx, n);
    const spans = peers.length > 1 || nodes.length > 1;
    const known = n.peers !== undefined || nodes.length > 0;
    if (!spans && known) continue;
    const services = servicesOn(ctx, n);
    const where = peers.length > 1
      ? `${n.name} spans ${plural(peers.length, "node")} (${peers.map((p) => `${p.name} ${p.ip}`).join(", ")})`
      : spans
        ? `${n.name} has running tasks on ${plural(nodes.length, "node")} (${nodes.map((id) => nodeHostname(ctx.t, id)).join(", ")})`
        : `cnmap cannot see which nodes share ${n.name} (only a swarm manager lists an overlay's peers), so it may or may not leave this host`;
    const carried = services.length > 0 ? ` It carries ${services.map((s) => s.name).join(", ")}.` : "";
    const how = n.ingress
      ? " This is the swarm's ingress network (the routing mesh's published ports): recreating it requires removing the services that publish ports in ingress mode."
      : services.length > 0
        ? ` The fix creates ${n.name}-encrypted and moves each service onto it (their tasks restart); then remove ${n.name} once nothing uses it.`
        : " Recreating it requires disconnecting its containers first.";
    out.push({
      id: `overlay-unencrypted:${n.id}`,
      kind: "overlay-unencrypted",
      severity: n.ingress || !spans ? "info" : "warning",
      title: spans ? `Overlay ${n.name} carries traffic between nodes unencrypted` : `Overlay ${n.name} is not encrypted`,
      objects: [netObj(n), ...services.map(svcObj)],
      why: `${where}. Traffic between its containers and tasks on different nodes crosses the network between them as plain VXLAN (UDP 4789): anyone on that path can read and inject it. With --opt encrypted the nodes wrap it in IPsec (at some CPU cost).${carried}${how}`,
      fix: replaceOverlayCommand(ctx, n, { options: { encrypted: "true" } }, "encrypted"),
    });
  }
  return out;
}

/** Services that publish ports through the routing mesh: every node's address answers them. */
function ingressPublished(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const ingress = ctx.t.networks.find((n) => n.ingress);
  const nodes = ctx.t.swarm?.nodes ?? [];
  for (const svc of ctx.t.services ?? []) {
    const ports = svc.ports.filter((p) => p.publishMode === "ingress");
    if (ports.length === 0) continue;
    const shown = ports.map((p) => `${p.publishedPort}/${p.protocol}`);
    const addrs = nodes.map((n) => `${n.hostname} ${n.addr}`);
    const spec = (p: (typeof ports)[number], host: boolean): string =>
      `${host ? "mode=host," : ""}published=${p.publishedPort},target=${p.targetPort},protocol=${p.protocol}`;
    const args = ports.flatMap((p) => ["--publish-rm", spec(p, false), "--publish-add", spec(p, true)]);
    const onNodes = taskNodes(runningTasksOf(ctx.t, svc.id)).map((id) => nodeHostname(ctx.t, id));
    out.push({
      id: `ingress-published:${svc.id}`,
      kind: "ingress-published",
      severity: "warning",
      title: `${svc.name} publishes ${shown.join(", ")} on every node through the routing mesh`,
      objects: [svcObj(svc), ...(ingress ? [netObj(ingress)] : []), ...nodes.map(nodeObj)],
      why: `A port published in ingress mode listens on every node of the swarm${addrs.length > 0 ? ` (${addrs.join(", ")})` : ""}, whether or not it runs a task of ${svc.name}${onNodes.length > 0 ? ` (its tasks run on ${onNodes.join(", ")})` : ""}: the ingress network forwards each connection to a task, through IPVS, and Docker's rules let it in ahead of the host's firewall. Anyone who reaches any node reaches ${svc.name}. If it must not be public on every node, publish in host mode (only the nodes that run a task answer, and a node answers only for its own task) or not at all, and put a load balancer in front.`,
      fix: docker("service", "update", ...args, svc.name),
    });
  }
  return out;
}

/** Replicated services with one task: when it stops, or its node goes, the service is down until it is rescheduled. */
function singleReplica(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const svc of ctx.t.services ?? []) {
    if (svc.mode !== "replicated" || svc.replicas.desired !== 1) continue;
    const tasks = runningTasksOf(ctx.t, svc.id);
    const node = tasks[0] ? nodeHostname(ctx.t, tasks[0].nodeId) : "";
    out.push({
      id: `single-replica:${svc.id}`,
      kind: "single-replica",
      severity: "info",
      title: `${svc.name} runs a single replica`,
      objects: [svcObj(svc), ...svc.networks.map((id) => ctx.networks.get(id)).filter((n): n is Network => n !== undefined).map(netObj)],
      why: `${svc.name} is replicated with 1 desired task${node ? ` (running on ${node})` : ""}: while that task restarts, is updated, or its node fails or is drained, nothing answers for ${svc.name} (its name${svc.endpointMode === "vip" ? " and VIP" : ""} resolve to nothing, or to a VIP with no task behind it). Two or more replicas, spread over nodes, keep it answering; a service that cannot run twice (it holds a lock or local state) is an exception.`,
      fix: docker("service", "scale", `${svc.name}=2`),
    });
  }
  return out;
}

/**
 * Overlay subnets that contain a swarm node's own address: a container on
 * the overlay sends traffic for that node into the overlay, and the node's
 * VXLAN (addressed to that very address) can be routed into the tunnel.
 * (Overlays against bridge and other networks: subnet-overlap.)
 */
function overlayNodeOverlap(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  const nodes = (ctx.t.swarm?.nodes ?? []).filter((n) => parseIp(n.addr) !== null);
  if (nodes.length === 0) return out;
  const taken: Cidr[] = [];
  for (const n of ctx.t.networks) for (const c of n.ipam) {
    const x = parseCidr(c.subnet);
    if (x) taken.push(x);
  }
  for (const n of nodes) {
    const x = parseCidr(`${n.addr}/${n.addr.includes(":") ? 128 : 32}`);
    if (x) taken.push(x);
  }
  for (const net of ctx.t.networks) {
    if (net.driver !== "overlay") continue;
    for (const cfg of net.ipam) {
      const c = parseCidr(cfg.subnet);
      if (!c) continue;
      const hit = nodes.filter((node) => {
        const ip = parseIp(node.addr);
        return ip !== null && cidrContainsIp(c, ip);
      });
      if (hit.length === 0) continue;
      const free = freeSubnet(c.family, c.prefix, taken);
      const ipam = net.ipam.map((x): IpamConfig => (x.subnet === cfg.subnet && free ? { subnet: free } : { ...x }));
      out.push({
        id: `overlay-node-overlap:${net.id}:${c.text}`,
        kind: "overlay-node-overlap",
        severity: "error",
        title: `Overlay ${net.name} (${c.text}) contains the address of ${hit.map((h) => `${h.hostname} (${h.addr})`).join(", ")}`,
        objects: [netObj(net), ...hit.map(nodeObj), ...servicesOn(ctx, net).map(svcObj)],
        why: `${c.text} is ${net.name}'s subnet, and ${hit.map((h) => `${h.hostname}'s address ${h.addr}`).join(" and ")} lies inside it. A container or task on ${net.name} routes ${hit.map((h) => h.addr).join(", ")} into the overlay instead of to the node, so it cannot reach ${hit.length === 1 ? "that node" : "those nodes"} (their published ports, their services), and the node's own VXLAN packets, addressed to that very address, can loop into the tunnel. Give the overlay a range no node (nor any other network) uses${free ? `, such as ${free}` : ""}.`,
        fix: free
          ? replaceOverlayCommand(ctx, net, { ipam }, "renumbered")
          : `${docker("network", "rm", net.name)} && ${docker("network", "create", "--driver", "overlay", "--subnet", "<a free range>", net.name)}`,
      });
    }
  }
  return out;
}

function ipRanges(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const n of ctx.t.networks) {
    const l3 = n.driver === "ipvlan" && /^l3/.test(n.options.ipvlan_mode ?? "");
    if (!(n.driver === "macvlan" || (n.driver === "ipvlan" && !l3)) || n.configOnly) continue;
    const missing = n.ipam.filter((c) => !c.ipRange);
    if (n.ipam.length > 0 && missing.length === 0) continue;
    const ipam = n.ipam.map((c): IpamConfig => {
      if (c.ipRange) return { ...c };
      const range = suggestIpRange(c.subnet);
      return range ? { ...c, ipRange: range } : { ...c };
    });
    const parent = n.options.parent ? ` (parent ${n.options.parent})` : "";
    out.push({
      id: `no-ip-range:${n.id}`,
      kind: "no-ip-range",
      severity: "warning",
      title: `${n.driver} ${n.name} has no --ip-range reservation`,
      objects: [netObj(n)],
      why: `${n.name} puts containers straight on the physical network${parent}, but Docker's IPAM does not know which addresses that network's DHCP server or other hosts already use: it hands out ${missing.map((c) => c.subnet).join(", ") || "its whole subnet"} from the start, and a container can take a router's or a laptop's address. Reserve a range the DHCP server does not use with --ip-range (the fix suggests the subnet's last quarter; check it against your DHCP pool).`,
      fix: recreateNetworkCommand(n, { ipam }),
    });
  }
  return out;
}

function publishedAll(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.t.sandboxes) {
    const wide = s.ports.filter((p) => isAllInterfaces(p.hostIp));
    if (wide.length === 0) continue;
    const name = sandboxName(s);
    const key = (p: PublishedPort): string => `${p.hostPort}:${p.containerPort}/${p.protocol}`;
    const shown = [...new Set(wide.map(key))];
    const flags: string[] = [];
    const seen = new Set<string>();
    for (const p of s.ports) {
      const local = isAllInterfaces(p.hostIp) ? "127.0.0.1" : p.hostIp;
      const spec = `${local.includes(":") ? `[${local}]` : local}:${p.hostPort}:${p.containerPort}/${p.protocol}`;
      const k = isAllInterfaces(p.hostIp) ? `all:${key(p)}` : spec;
      if (seen.has(k)) continue;
      seen.add(k);
      flags.push("-p", spec);
    }
    const image = s.containers[0]?.image ?? "IMAGE";
    const userNet = networksOf(ctx, s).find((n) => !n.predefined);
    const netFlags = userNet ? ["--network", userNet.name] : [];
    const project = projectOf(s.containers[0]?.labels ?? {});
    const compose = project ? ` It belongs to compose project ${project}: change its ports to "127.0.0.1:…" in the compose file instead.` : "";
    const joiners = s.containers.slice(1).map((c) => c.name);
    const joined = joiners.length > 0 ? ` ${joiners.join(", ")} share${joiners.length === 1 ? "s" : ""} its namespace and must be recreated after it.` : "";
    out.push({
      id: `published-all-interfaces:${s.id}`,
      kind: "published-all-interfaces",
      severity: "warning",
      title: `${name} publishes ${shown.join(", ")} on all interfaces`,
      objects: [sbObj(s)],
      why: `A port published without an address (-p ${shown[0] ?? ""}) listens on every interface of the host, so any network the host is on can reach it, and Docker's own firewall rules let it through ahead of ufw or firewalld. Bind it to 127.0.0.1 (or one interface's address) unless it must be public. Ports are fixed at creation, so the container must be recreated: the fix keeps the old one, stopped and renamed ${name}-old, because it cannot carry over the command, environment, volumes, other networks and aliases; add those before running it, then remove ${name}-old.${compose}${joined}`,
      fix: `${docker("stop", name)} && ${docker("rename", name, `${name}-old`)} && ${docker("run", "-d", "--name", name, ...netFlags, ...flags, image)}`,
    });
  }
  return out;
}

function manyNetworks(ctx: Ctx, threshold: number): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.t.sandboxes) {
    const nets = networksOf(ctx, s);
    if (nets.length < threshold) continue;
    const name = sandboxName(s);
    const last = nets[nets.length - 1];
    out.push({
      id: `many-networks:${s.id}`,
      kind: "many-networks",
      severity: "info",
      title: `${name} is on ${plural(nets.length, "network")}`,
      objects: [sbObj(s), ...nets.map(netObj)],
      why: `Every network a container joins makes it reachable from everything else on that network and can bridge traffic between them: ${name} joins ${nets.map((n) => n.name).join(", ")}. Its default route and DNS answers depend on the order of networks, which is hard to predict. Keep it on the networks it needs; the fix disconnects one as an example.`,
      fix: last ? docker("network", "disconnect", last.name, name) : "",
    });
  }
  return out;
}

function stoppedEndpoints(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.t.sandboxes) {
    const state = sandboxState(s);
    if (isUp(state)) continue;
    const nets = networksOf(ctx, s);
    if (nets.length === 0) continue;
    const name = sandboxName(s);
    out.push({
      id: `stopped-endpoints:${s.id}`,
      kind: "stopped-endpoints",
      severity: "info",
      title: `${state === "created" ? "Never-started" : "Stopped"} ${name} still holds endpoints on ${nets.map((n) => n.name).join(", ")}`,
      objects: [sbObj(s), ...nets.map(netObj)],
      why: `${name} is ${state || "not running"} but keeps its endpoint configuration (and aliases) on ${plural(nets.length, "network")}: those networks cannot be removed cleanly while it does (if one is removed anyway, ${name} fails to start), and its names answer nothing in the meantime. Start it, remove it (docker rm ${name}), or disconnect it.`,
      fix: nets.map((n) => docker("network", "disconnect", n.name, name)).join(" && "),
    });
  }
  return out;
}

function iccDisabled(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const n of ctx.t.networks) {
    if (n.driver !== "bridge" || n.options[ICC_OPTION] !== "false" || n.name === "docker_gwbridge") continue;
    const members = sandboxesOn(ctx, n);
    if (members.length < 2) continue;
    const names = members.map(sandboxName);
    const shared = `${n.name}-talk`;
    out.push({
      id: `icc-disabled:${n.id}`,
      kind: "icc-disabled",
      severity: "warning",
      title: `ICC is off on ${n.name}, yet ${plural(members.length, "container")} share it`,
      objects: [netObj(n), ...members.map(sbObj)],
      why: `${n.name} has ${ICC_OPTION}=false: ${names.join(", ")} sit on one network but cannot open connections to each other (only to the outside and to published ports elsewhere). If that isolation is intended, nothing to do; if they are meant to talk, put them on a network that allows it (or recreate ${n.name} without the option).`,
      fix: [docker("network", "create", shared), ...names.map((c) => docker("network", "connect", shared, c))].join(" && "),
    });
  }
  return out;
}

/** Why the FORWARD policy matters (the finding's and its kind's words). */
export const FORWARD_WHY =
  "The filter table's FORWARD chain decides what crosses the host when no rule has: Docker sets its policy to DROP when it starts, so that only what its own rules allow passes (published ports, each network's way out, traffic within a network). With ACCEPT (the `iptables -P FORWARD ACCEPT` that tutorials give for reaching containers from other machines), any machine that routes a container subnet through this host reaches every container on every port, published or not, and traffic between networks is held back only by Docker's isolation chains. Put the policy back to DROP and allow what must pass in the DOCKER-USER chain.";

/** The host forwards what no rule dropped: Docker's DROP policy was opened (the data path says so). */
function forwardAccept(ctx: Ctx, policy: AdvisorOptions["forwardPolicy"]): Finding[] {
  if (policy !== "ACCEPT") return [];
  const bridges = ctx.t.networks.filter((n) => n.driver === "bridge");
  return [
    {
      id: "forward-accept",
      kind: "forward-accept",
      severity: "warning",
      title: "The host forwards whatever no rule drops: FORWARD policy ACCEPT",
      objects: bridges.map(netObj),
      why: `${FORWARD_WHY} On this engine it opens ${plural(bridges.length, "bridge network")}.`,
      fix: "iptables -P FORWARD DROP",
    },
  ];
}

/** Every finding about the topology, errors first, then warnings, then info. */
export function advise(t: TopologyModel, options: AdvisorOptions = {}): Finding[] {
  const ctx = context(t);
  const findings = [
    ...subnetOverlaps(ctx),
    ...defaultBridge(ctx),
    ...unusedNetworks(ctx),
    ...mtuFindings(ctx, options.hostMtu),
    ...overlayNodeOverlap(ctx),
    ...overlayEncryption(ctx),
    ...ingressPublished(ctx),
    ...singleReplica(ctx),
    ...ipRanges(ctx),
    ...publishedAll(ctx),
    ...manyNetworks(ctx, options.manyNetworks ?? DEFAULT_MANY_NETWORKS),
    ...stoppedEndpoints(ctx),
    ...iccDisabled(ctx),
    ...forwardAccept(ctx, options.forwardPolicy),
  ];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/**
 * The findings for a snapshot, with the host uplink's MTU when the server
 * knows it (the mtu-host findings need it) and the FORWARD policy when the
 * data path was read (the Linux layer).
 */
export function adviseTopology(t: Topology, extra: Pick<AdvisorOptions, "forwardPolicy"> = {}): Finding[] {
  return advise(t, { hostMtu: t.engine.hostMtu, ...extra });
}
