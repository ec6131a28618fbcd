/**
 * "Who can reach whom", computed from the engine's configuration. Pure.
 *
 * Rules (Docker's, for the drivers it ships):
 * - only running sandboxes with active endpoints send or answer anything;
 * - two containers talk directly when they share a network, unless
 *   inter-container communication is disabled on it
 *   (com.docker.network.bridge.enable_icc=false); the swarm's ingress network
 *   carries published service ports only;
 * - a host-mode container shares the host's stack: it reaches containers on
 *   bridge networks through the bridge (not macvlan/ipvlan children of a host
 *   interface, nor overlay addresses), and other host-mode containers;
 * - internal networks have no route out; other networks route out through
 *   their gateway (bridge), docker_gwbridge (overlay) or the parent link
 *   (macvlan, ipvlan);
 * - published ports are reachable from outside the host unless bound to a
 *   loopback address.
 * - a swarm task is reached like a container: from a container or task that
 *   shares one of its overlays (not the ingress network), on this node or
 *   another; across nodes the overlay carries the traffic in VXLAN between
 *   the two nodes (the overlay's peers), in IPsec when it is encrypted. The
 *   host itself has no address on an overlay.
 * Firewall rules outside Docker, routing on other nodes and what a process
 * actually listens on are not seen: a probe confirms.
 */
import { hostAddress, isAllInterfaces, isLoopbackHost } from "../net/cidr";
import { bridgeDevice, ICC_OPTION, isDefaultBridge } from "../topology/describe";
import type { Endpoint, Network, PublishedPort, Sandbox, SwarmTask } from "../topology/types";
import {
  endpointAddresses,
  findSandbox,
  isRunning,
  networkIndex,
  sandboxName,
  sandboxState,
  type TopologyModel,
} from "./model";
import { isLocalTask, localHostname, nodeHostname, taskAddress, taskLabel, taskSandbox } from "./swarm";

export interface NetworkBlock {
  network: string;
  reason: string;
}

export interface ReachVerdict {
  ok: boolean;
  /** The verdict in plain words: the shared network(s), or why not. */
  reason: string;
  /** Names of the networks the traffic can take (["host"] for two host-mode containers). */
  via: string[];
  /** Shared networks that do not carry the traffic, with why. */
  blocked: NetworkBlock[];
  /**
   * When there is no direct path: the target's published ports the source can
   * still reach through the host's address (it routes out and the port is not
   * bound to loopback).
   */
  throughHost: PublishedPort[];
}

interface Attached {
  e: Endpoint;
  n: Network;
}

/**
 * Look-ups built once per computation: sandboxes by ID and each sandbox's
 * active attachments, so all-pairs work is not quadratic in the endpoints too.
 */
interface Index {
  t: TopologyModel;
  networks: Map<string, Network>;
  sandboxes: Map<string, Sandbox>;
  attachments: Map<string, Attached[]>;
}

function indexOf(t: TopologyModel): Index {
  const networks = networkIndex(t);
  const attachments = new Map<string, Attached[]>();
  for (const e of t.endpoints) {
    if (!e.active) continue;
    const n = networks.get(e.networkId);
    if (!n) continue;
    const list = attachments.get(e.sandboxId);
    if (list) list.push({ e, n });
    else attachments.set(e.sandboxId, [{ e, n }]);
  }
  for (const list of attachments.values()) list.sort((a, b) => a.n.name.localeCompare(b.n.name));
  return { t, networks, sandboxes: new Map(t.sandboxes.map((s) => [s.id, s])), attachments };
}

function activeAttachments(ix: Index, s: Sandbox): Attached[] {
  return ix.attachments.get(s.id) ?? [];
}

function usesHostStack(s: Sandbox, att: Attached[]): boolean {
  return s.networkMode === "host" || att.some((a) => a.n.driver === "host");
}

function networkingDisabled(s: Sandbox, att: Attached[]): boolean {
  return s.networkMode === "none" || (att.length > 0 && att.every((a) => a.n.driver === "null"));
}

export function iccDisabled(n: Network): boolean {
  return n.driver === "bridge" && n.options[ICC_OPTION] === "false";
}


function portText(p: PublishedPort): string {
  return `${p.hostPort}/${p.protocol}`;
}

function uniquePorts(ports: PublishedPort[]): PublishedPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = `${p.hostPort}/${p.protocol}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function verdict(ok: boolean, reason: string, via: string[] = [], blocked: NetworkBlock[] = [], throughHost: PublishedPort[] = []): ReachVerdict {
  return { ok, reason, via, blocked, throughHost };
}

/** Why a sandbox cannot talk at all, or null when it can. */
function silence(s: Sandbox, att: Attached[]): string | null {
  const name = sandboxName(s);
  if (!isRunning(s)) return `${name} is ${sandboxState(s) || "not running"}: a container that does not run has no live endpoint`;
  if (networkingDisabled(s, att)) return `${name} has networking disabled (--network none)`;
  if (att.length === 0) return `${name} has no active endpoint`;
  return null;
}

/** How the host-mode side reaches a container: bridge networks only. */
function hostToContainer(hostSide: Sandbox, other: Sandbox, otherAtt: Attached[]): ReachVerdict {
  const h = sandboxName(hostSide);
  const c = sandboxName(other);
  const via: string[] = [];
  const paths: string[] = [];
  const blocked: NetworkBlock[] = [];
  for (const { e, n } of otherAtt) {
    const addr = endpointAddresses(e);
    if (n.driver === "bridge" && addr.length > 0) {
      via.push(n.name);
      paths.push(`${addr.join(", ")} on ${n.name} (bridge ${bridgeDevice(n) ?? n.name} on the host)`);
    } else if (n.driver === "macvlan" || n.driver === "ipvlan") {
      blocked.push({ network: n.name, reason: `the host cannot reach its own ${n.driver} containers through the parent interface` });
    } else if (n.driver === "overlay") {
      blocked.push({ network: n.name, reason: `${n.name} is an overlay: the host has no address on it` });
    } else {
      blocked.push({ network: n.name, reason: `the host has no route into ${n.name} (${n.driver})` });
    }
  }
  if (via.length > 0) {
    return verdict(true, `${h} uses the host's network stack; the host reaches ${c} at ${paths.join("; ")}`, via, blocked);
  }
  const ports = uniquePorts(other.ports);
  const tail = ports.length > 0 ? `; its published port${ports.length > 1 ? "s" : ""} ${ports.map(portText).join(", ")} still answer on the host` : "";
  return verdict(false, `${h} uses the host's network stack, and the host has no route to ${c}: ${blocked.map((b) => b.reason).join("; ")}${tail}`, [], blocked, ports);
}

/**
 * Whether `fromSandboxId` can open a connection to `toSandboxId` directly,
 * and why. A sandbox reaches itself.
 */
export function reach(t: TopologyModel, fromSandboxId: string, toSandboxId: string): ReachVerdict {
  return reachWith(indexOf(t), fromSandboxId, toSandboxId);
}

function reachWith(ix: Index, fromId: string, toId: string): ReachVerdict {
  const from = ix.sandboxes.get(fromId);
  const to = ix.sandboxes.get(toId);
  if (!from) return verdict(false, `no sandbox ${fromId.slice(0, 12)}`);
  if (!to) return verdict(false, `no sandbox ${toId.slice(0, 12)}`);
  const a = sandboxName(from);
  const b = sandboxName(to);
  const fromAtt = activeAttachments(ix, from);
  const toAtt = activeAttachments(ix, to);

  const why = silence(from, fromAtt) ?? silence(to, toAtt);
  if (why) return verdict(false, why);
  if (from.id === to.id) return verdict(true, `${a} is one network namespace: it reaches itself on localhost`);

  const fromHost = usesHostStack(from, fromAtt);
  const toHost = usesHostStack(to, toAtt);
  if (fromHost && toHost) return verdict(true, `${a} and ${b} both use the host's network stack: they share its addresses and localhost`, ["host"]);
  if (fromHost) return hostToContainer(from, to, toAtt);
  if (toHost) {
    const back = hostToContainer(to, from, fromAtt);
    if (back.ok) {
      return verdict(true, `${b} uses the host's network stack; ${a} reaches it through its gateway on ${back.via.join(", ")}`, back.via, back.blocked);
    }
    return verdict(false, `${b} uses the host's network stack, and ${a} has no bridge network to the host: ${back.blocked.map((x) => x.reason).join("; ")}`, [], back.blocked);
  }

  const toByNetwork = new Map(toAtt.map((x) => [x.n.id, x]));
  const via: string[] = [];
  const paths: string[] = [];
  const blocked: NetworkBlock[] = [];
  for (const { e, n } of fromAtt) {
    const other = toByNetwork.get(n.id);
    if (!other) continue;
    const src = endpointAddresses(e);
    const dst = endpointAddresses(other.e);
    if (n.ingress) {
      blocked.push({ network: n.name, reason: `${n.name} is the swarm's ingress network: it carries published service ports, not traffic between containers` });
    } else if (iccDisabled(n)) {
      blocked.push({ network: n.name, reason: `inter-container communication is disabled on ${n.name} (${ICC_OPTION}=false)` });
    } else if (src.length === 0 || dst.length === 0) {
      blocked.push({ network: n.name, reason: `${src.length === 0 ? a : b} has no address on ${n.name}` });
    } else {
      via.push(n.name);
      const byIp = isDefaultBridge(n) ? ", by IP only (no name resolution on the default bridge)" : "";
      paths.push(`${n.name} (${a} ${src.join(", ")} -> ${b} ${dst.join(", ")})${byIp}`);
    }
  }
  if (via.length > 0) {
    return verdict(true, `${a} and ${b} share ${paths.join("; ")}`, via, blocked);
  }
  if (blocked.length > 0) {
    return verdict(false, blocked.map((x) => x.reason).join("; "), [], blocked);
  }
  const list = (att: Attached[]): string => att.map((x) => x.n.name).join(", ");
  let reason = `no shared network: ${a} is on ${list(fromAtt)}; ${b} is on ${list(toAtt)}`;
  const out = outboundWith(ix, from);
  const ports = out.ok ? uniquePorts(to.ports.filter((p) => !isLoopbackHost(p.hostIp))) : [];
  if (ports.length > 0) {
    reason += `; ${a} can still reach ${b}'s published port${ports.length > 1 ? "s" : ""} ${ports.map(portText).join(", ")} through the host's address`;
  }
  return verdict(false, reason, [], [], ports);
}

/** Every sandbox `fromId` can reach directly (itself excluded). */
export function reachable(t: TopologyModel, fromId: string): Set<string> {
  const ix = indexOf(t);
  const out = new Set<string>();
  for (const s of t.sandboxes) {
    if (s.id !== fromId && reachWith(ix, fromId, s.id).ok) out.add(s.id);
  }
  return out;
}

export interface ReachMatrix {
  /** The running sandboxes, by name: the rows and columns. */
  sandboxes: { id: string; name: string }[];
  /** cells[i][j]: from sandboxes[i] to sandboxes[j] (the diagonal is a sandbox reaching itself). */
  cells: ReachVerdict[][];
}

/**
 * Every ordered pair of running sandboxes with its verdict; with `only`, the
 * rows and columns are those sandboxes (verdicts still consider the whole topology).
 */
export function reachMatrix(t: TopologyModel, only?: ReadonlySet<string>): ReachMatrix {
  const ix = indexOf(t);
  const running = t.sandboxes
    .filter((s) => isRunning(s) && (!only || only.has(s.id)))
    .map((s) => ({ id: s.id, name: sandboxName(s) }))
    // Natural order: svc-2 before svc-10.
    .sort((x, y) => x.name.localeCompare(y.name, undefined, { numeric: true }) || x.id.localeCompare(y.id));
  return {
    sandboxes: running,
    cells: running.map((from) => running.map((to) => reachWith(ix, from.id, to.id))),
  };
}

export interface OutboundVerdict {
  ok: boolean;
  reason: string;
  /** Networks with a route out. */
  via: string[];
  /** Networks without one (internal), with why. */
  blocked: NetworkBlock[];
}

/** Whether a sandbox has a route out of the host (to the internet or the LAN). */
export function outbound(t: TopologyModel, sandboxId: string): OutboundVerdict {
  const s = findSandbox(t, sandboxId);
  if (!s) return { ok: false, reason: `no sandbox ${sandboxId.slice(0, 12)}`, via: [], blocked: [] };
  return outboundWith(indexOf(t), s);
}

function outboundWith(ix: Index, s: Sandbox): OutboundVerdict {
  const att = activeAttachments(ix, s);
  const name = sandboxName(s);
  const why = silence(s, att);
  if (why) return { ok: false, reason: why, via: [], blocked: [] };
  if (usesHostStack(s, att)) return { ok: true, reason: `${name} uses the host's network stack and routes`, via: ["host"], blocked: [] };
  const via: string[] = [];
  const routes: string[] = [];
  const blocked: NetworkBlock[] = [];
  for (const { n } of att) {
    if (n.internal) {
      blocked.push({ network: n.name, reason: `${n.name} is internal: no route out` });
    } else if (n.ingress) {
      blocked.push({ network: n.name, reason: `${n.name} is the swarm's ingress network: it routes published ports in, not traffic out` });
    } else if (n.driver === "bridge") {
      via.push(n.name);
      const nat = n.options["com.docker.network.bridge.enable_ip_masquerade"] === "false" ? " (routed, without NAT)" : "";
      routes.push(`through ${n.name}'s gateway${nat}`);
    } else if (n.driver === "overlay") {
      via.push(n.name);
      routes.push(`from ${n.name} through docker_gwbridge`);
    } else if (n.driver === "macvlan" || n.driver === "ipvlan") {
      via.push(n.name);
      routes.push(`on ${n.name}'s parent link (${n.options.parent ?? "the parent interface"})`);
    } else {
      blocked.push({ network: n.name, reason: `${n.name} (${n.driver}) is not known to route out` });
    }
  }
  if (via.length > 0) return { ok: true, reason: `${name} routes out ${routes.join("; ")}`, via, blocked };
  return { ok: false, reason: `${name} has no route out: ${blocked.map((b) => b.reason).join("; ")}`, via, blocked };
}

export interface ExposedPort extends PublishedPort {
  /** Reachable from other machines (bound to all or to a non-loopback host address, and the container runs). */
  fromOutside: boolean;
  reason: string;
}

/** The sandbox's published ports and who can reach each one. */
export function exposure(t: TopologyModel, sandboxId: string): { ports: ExposedPort[]; note?: string } {
  const s = findSandbox(t, sandboxId);
  if (!s) return { ports: [] };
  const name = sandboxName(s);
  const running = isRunning(s);
  const ports = s.ports.map((p): ExposedPort => {
    const target = `${hostAddress(p.hostIp)}:${p.hostPort} -> ${name}:${p.containerPort}/${p.protocol}`;
    if (!running) return { ...p, fromOutside: false, reason: `${target}: ${name} is ${sandboxState(s) || "not running"}, nothing answers` };
    if (isLoopbackHost(p.hostIp)) return { ...p, fromOutside: false, reason: `${target}: bound to loopback, reachable from the host itself only` };
    if (isAllInterfaces(p.hostIp)) return { ...p, fromOutside: true, reason: `${target}: bound to every host interface, reachable from any network the host is on` };
    return { ...p, fromOutside: true, reason: `${target}: reachable by whoever reaches the host at ${p.hostIp}` };
  });
  if (s.networkMode === "host") {
    return { ports, note: `${name} uses the host's network stack: whatever it listens on is a host port, no publishing involved` };
  }
  return { ports };
}

/** How an overlay carries traffic to another node: "VXLAN 4097 between vm and node2" (IPsec when encrypted). */
export function vxlanPath(n: Network, here: string, there: string): string {
  const vni = n.vxlanIds && n.vxlanIds.length > 0 ? ` ${n.vxlanIds.join(", ")}` : "";
  return `VXLAN${vni} between ${here} and ${there}${n.encrypted ? ", in IPsec (encrypted overlay)" : ", unencrypted"}`;
}

/**
 * Whether the sandbox `fromSandboxId` (a container or a task's container on
 * this node) can open a connection to the swarm task `taskId`, on this node
 * or another, and why. A task on this node is its container: the verdict is
 * reach()'s, with the overlay named.
 */
export function reachTask(t: TopologyModel, fromSandboxId: string, taskId: string): ReachVerdict {
  return reachTaskWith(indexOf(t), fromSandboxId, taskId);
}

function reachTaskWith(ix: Index, fromId: string, taskId: string): ReachVerdict {
  const t = ix.t;
  const task = (t.tasks ?? []).find((x) => x.id === taskId);
  const from = ix.sandboxes.get(fromId);
  if (!from) return verdict(false, `no sandbox ${fromId.slice(0, 12)}`);
  if (!task) return verdict(false, `no task ${taskId.slice(0, 12)} in the swarm cnmap sees`);
  const a = sandboxName(from);
  const b = taskLabel(t, task);
  const there = nodeHostname(t, task.nodeId);
  if (task.state !== "running") {
    return verdict(false, `task ${b} is ${task.state} on ${there}: only a running task has a live endpoint`);
  }
  const local = isLocalTask(t, task) ? taskSandbox(t, task) : undefined;
  if (local) {
    const v = reachWith(ix, fromId, local.id);
    return { ...v, reason: `${b} runs on this node (${there}) as ${sandboxName(local)}: ${v.reason}` };
  }
  const fromAtt = activeAttachments(ix, from);
  const why = silence(from, fromAtt);
  if (why) return verdict(false, why);
  if (usesHostStack(from, fromAtt)) {
    return verdict(false, `${a} uses the host's network stack, and the host has no address on ${b}'s overlays: only containers on an overlay reach its tasks`);
  }
  const here = localHostname(t);
  const via: string[] = [];
  const paths: string[] = [];
  const blocked: NetworkBlock[] = [];
  for (const { e, n } of fromAtt) {
    const dst = taskAddress(task, n.id);
    if (dst === "") continue;
    const src = endpointAddresses(e);
    if (n.ingress) {
      blocked.push({ network: n.name, reason: `${n.name} is the swarm's ingress network: it carries published service ports, not traffic between containers` });
    } else if (n.driver !== "overlay") {
      blocked.push({ network: n.name, reason: `${n.name} (${n.driver}) does not span nodes, and ${b} runs on ${there}` });
    } else if (src.length === 0) {
      blocked.push({ network: n.name, reason: `${a} has no address on ${n.name}` });
    } else {
      via.push(n.name);
      const peers = n.peers?.map((p) => p.name);
      const notPeer = peers && peers.length > 0 && !peers.includes(there) ? ` (${there} is not yet among ${n.name}'s peers: ${peers.join(", ")})` : "";
      paths.push(`both on overlay ${n.name} (${a} ${src.join(", ")} on ${here} -> ${b} ${dst} on ${there}); ${vxlanPath(n, here, there)}${notPeer}`);
    }
  }
  if (via.length > 0) return verdict(true, paths.join("; "), via, blocked);
  if (blocked.length > 0) return verdict(false, blocked.map((x) => x.reason).join("; "), [], blocked);
  const names = (ids: string[]): string => ids.map((id) => ix.networks.get(id)?.name ?? id.slice(0, 12)).join(", ") || "no network";
  return verdict(
    false,
    `no shared overlay: ${a} is on ${fromAtt.map((x) => x.n.name).join(", ")}; ${b} (on ${there}) is on ${names(task.addresses.map((x) => x.networkId))}`,
  );
}

/** The running tasks on other nodes (this node's tasks are sandboxes), in service and slot order. */
export function remoteTasks(t: TopologyModel): SwarmTask[] {
  const names = new Map((t.services ?? []).map((s) => [s.id, s.name]));
  return (t.tasks ?? [])
    .filter((x) => x.state === "running" && !isLocalTask(t, x))
    .sort((a, b) => (names.get(a.serviceId) ?? "").localeCompare(names.get(b.serviceId) ?? "") || a.slot - b.slot || a.nodeId.localeCompare(b.nodeId));
}

/** From each of `fromIds`, the verdict to each running task on another node: the reach matrix's extra columns. */
export function remoteTaskReach(t: TopologyModel, fromIds: readonly string[]): { tasks: { id: string; name: string; node: string }[]; cells: ReachVerdict[][] } {
  const ix = indexOf(t);
  const tasks = remoteTasks(t);
  return {
    tasks: tasks.map((x) => ({ id: x.id, name: taskLabel(t, x), node: nodeHostname(t, x.nodeId) })),
    cells: fromIds.map((from) => tasks.map((x) => reachTaskWith(ix, from, x.id))),
  };
}
