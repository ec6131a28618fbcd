/**
 * GET /api/datapath: the Linux data path behind the engine's networks
 * (issue 13), read from the engine's host and from inside the sandboxes,
 * and put together by lib/datapath/assemble.ts.
 *
 * Sources, unprivileged first:
 * - the engine's inspect: namespace modes, each container's PID and resolv.conf path;
 * - inside each running sandbox, through exec with a fixed argv (the probes'
 *   bounds; DATAPATH_READS is the allow-list): `ip -o link`, `ip route`,
 *   `cat /etc/resolv.conf`;
 * - the host's /sys/class/net and /proc (no privilege);
 * - with root on the engine's host: `iptables-save`, and for a container
 *   without `ip` of its own, the host's `ip` in its namespace (nsenter) and
 *   its resolv.conf read from the host.
 * What cannot be read is said in `limits`; the rest is answered.
 *
 * A sandbox is read once per state: the reads are cached under its active
 * endpoints' IDs, which change whenever it connects, disconnects or restarts.
 */
import "server-only";
import os from "node:os";
import { assembleDatapath, type SandboxRead } from "../datapath/assemble";
import { parseIpLink, parseIpRoute } from "../datapath/ip-output";
import type { ContainerModes } from "../datapath/namespaces";
import { bridgesOnThisHost } from "../datapath/host-proc";
import { parseResolvConf } from "../datapath/resolv-conf";
import { readText } from "../net/read-text";
import { bridgeDevice } from "../topology/describe";
import type { DatapathBody } from "../datapath/types";
import type { Sandbox, Topology } from "../topology/types";
import { hostOutOfSight, ipInNamespace, readDockerProxies, readHostLinks, readIptables, readResolvConfFile } from "./datapath-host";
import type { EngineSession } from "./engine-session";

/** Bounds of one read inside a container (cat and ip answer at once). */
const READ_TIMEOUT_MS = 3_000;
const READ_MAX_BYTES = 256 * 1024;
/** Execs and inspects the data path runs at once through the engines (a first read of 1,000 sandboxes is 4,000 calls). */
const PARALLEL = 6;

/** What the data path needs of a container's inspect. */
interface Inspected {
  modes: ContainerModes;
  pid: number;
  resolvConfPath: string;
}

/** The fields read of `GET /containers/{id}/json`. */
interface InspectFields {
  Id?: string;
  Name?: string;
  State?: { Pid?: number };
  ResolvConfPath?: string;
  HostConfig?: { NetworkMode?: string; PidMode?: string; IpcMode?: string; UTSMode?: string };
}

interface Cached<T> {
  key: string;
  /** Shared by concurrent requests: a sandbox is read once, however many ask. */
  value: Promise<T>;
}

class DatapathCache {
  readonly inspects = new Map<string, Cached<Inspected | null>>();
  readonly reads = new Map<string, Cached<SandboxRead>>();
}

const caches = new WeakMap<EngineSession, DatapathCache>();

function cacheOf(session: EngineSession): DatapathCache {
  let c = caches.get(session);
  if (!c) caches.set(session, (c = new DatapathCache()));
  return c;
}

/**
 * The cached value under `key`, else `make()`'s, cached while it is made and
 * kept only if `keep` says so: a read that failed (a timeout, the engine away
 * for a moment) is tried again next time rather than remembered.
 */
function cached<T>(map: Map<string, Cached<T>>, id: string, key: string, make: () => Promise<T>, keep: (v: T) => boolean): Promise<T> {
  const hit = map.get(id);
  if (hit?.key === key) return hit.value;
  const value = make();
  const entry = { key, value };
  map.set(id, entry);
  void value.then((v) => {
    if (!keep(v) && map.get(id) === entry) map.delete(id);
  });
  return value;
}

function forget<T>(map: Map<string, Cached<T>>, live: ReadonlySet<string>): void {
  for (const id of map.keys()) if (!live.has(id)) map.delete(id);
}

/** Changes whenever the sandbox connects, disconnects, starts or stops. */
function sandboxKey(t: Topology, s: Sandbox): string {
  const eps = t.endpoints.filter((e) => e.sandboxId === s.id && e.active).map((e) => e.id);
  return `${s.containers.map((c) => `${c.id}:${c.state}`).join(",")}|${eps.sort().join(",")}`;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** At most `n` calls of `run` at once, across every request of the process: each is an exec or an inspect through the engine. */
function limiter(n: number): <T>(run: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T,>(run: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await run();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
const engineSlot = limiter(PARALLEL);

export async function datapathOp(session: EngineSession): Promise<DatapathBody> {
  const t = await session.topology();
  const reason = hostOutOfSight(session.target.address) ?? bridgesElsewhere(t);
  if (reason !== null) {
    return { available: false, reason, limits: [], bridges: [], endpoints: [], nat: [], networks: [], namespaces: [], resolvers: [], routes: [], forwardPolicy: null };
  }
  const limits: string[] = [];
  const cache = cacheOf(session);
  const [iptables, inspected] = await Promise.all([readIptables(), inspectAll(session, t, cache)]);
  if (iptables.limit) limits.push(iptables.limit);
  const reads = await readSandboxes(session, t, inspected, cache);
  for (const r of reads.values()) limits.push(...r.limits);
  const body = assembleDatapath({
    topology: t,
    host: readHostLinks(),
    proxies: readDockerProxies(),
    iptables: iptables.texts,
    containers: [...inspected.values()].map((i) => i.modes),
    sandboxes: reads,
  });
  return { ...body, limits: [...limits, ...body.limits] };
}

/** Why the engine's bridges are not this host's, or null when they are (or nothing tells). */
function bridgesElsewhere(t: Topology): string | null {
  const networks = t.networks.map((n) => ({ device: bridgeDevice(n), gateways: n.ipam.flatMap((c) => (c.gateway ? [c.gateway] : [])) }));
  // os.networkInterfaces() leaves out interfaces that are not running: a bridge with no running port
  // (docker0 on an idle engine) is down. Present here but down, its address cannot be checked: taken as here.
  const interfaces: Record<string, readonly { address: string }[] | undefined> = { ...os.networkInterfaces() };
  for (const n of networks) {
    if (!n.device || interfaces[n.device] || !/^[A-Za-z0-9_.@-]{1,15}$/.test(n.device)) continue;
    if (readText(`/sys/class/net/${n.device}/operstate`)?.trim() === "down") interfaces[n.device] = n.gateways.map((address) => ({ address }));
  }
  if (bridgesOnThisHost(networks, interfaces) !== false) return null;
  const devices = networks.flatMap((n) => (n.device && n.gateways.length > 0 ? [n.device] : [])).slice(0, 3);
  return `The engine's socket listens here, but its bridges (${devices.join(", ")}) are not this host's: the socket is forwarded from another machine (ssh -L, socat). Run cnmap on the engine's own host to see its data path.`;
}

/** Each container's inspect, in the topology's order; a container removed meanwhile is left out. */
async function inspectAll(session: EngineSession, t: Topology, cache: DatapathCache): Promise<Map<string, Inspected>> {
  const live = new Set(t.sandboxes.flatMap((s) => s.containers.map((c) => c.id)));
  forget(cache.inspects, live);
  const entries = await Promise.all(
    t.sandboxes.flatMap((s) => {
      const key = sandboxKey(t, s);
      return s.containers.map(async (c) => {
        const value = await cached(cache.inspects, c.id, key, () => engineSlot(() => inspectOne(session, c.id, c.name, s.id)), (v) => v !== null);
        return [c.id, value] as const;
      });
    }),
  );
  return new Map(entries.flatMap(([id, v]) => (v ? [[id, v] as const] : [])));
}

async function inspectOne(session: EngineSession, id: string, name: string, sandboxId: string): Promise<Inspected | null> {
  let raw: InspectFields | null;
  try {
    raw = (await session.engine.inspectContainer(id)) as InspectFields | null;
  } catch {
    return null; // the engine went away mid-read: left out, as if removed
  }
  if (!raw) return null; // removed since the topology was read
  const hc = raw.HostConfig ?? {};
  return {
    modes: { id, name, sandboxId, networkMode: hc.NetworkMode ?? "", pidMode: hc.PidMode ?? "", ipcMode: hc.IpcMode ?? "", utsMode: hc.UTSMode ?? "" },
    pid: raw.State?.Pid ?? 0,
    resolvConfPath: raw.ResolvConfPath ?? "",
  };
}

async function readSandboxes(session: EngineSession, t: Topology, inspected: Map<string, Inspected>, cache: DatapathCache): Promise<Map<string, SandboxRead>> {
  forget(cache.reads, new Set(t.sandboxes.map((s) => s.id)));
  const entries = await Promise.all(
    t.sandboxes.flatMap((s) => {
      const owner = s.containers[0];
      // host and none have no namespace of their own to read; a stopped container has none at all.
      if (!owner || owner.state !== "running" || s.networkMode === "host" || s.networkMode === "none") return [];
      const info = inspected.get(owner.id);
      return [cached(cache.reads, s.id, sandboxKey(t, s), () => readSandbox(session, owner.id, owner.name, info), (r) => !r.transient).then((r) => [s.id, r] as const)];
    }),
  );
  return new Map(entries);
}

type ExecOutcome = { output: string } | { missing: true } | { failed: string };

async function execRead(session: EngineSession, containerId: string, argv: readonly string[]): Promise<ExecOutcome> {
  try {
    const r = await engineSlot(() => session.engine.execRead(containerId, argv, READ_TIMEOUT_MS, READ_MAX_BYTES));
    if (!r.started) return { missing: true };
    if (r.exitCode !== 0) return { failed: r.output.trim() || `exit ${r.exitCode ?? "unknown"}` };
    return { output: r.output };
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

/** A read's text, or null and why not; `transient` when trying again may do better. */
interface Outcome {
  text: string | null;
  limit?: string;
  transient?: boolean;
}

/**
 * One sandbox: its interfaces, routes and resolver, from inside it, else
 * from the host (root). The three reads run at once; their limits are listed
 * in that order, whichever finished first.
 */
async function readSandbox(session: EngineSession, id: string, name: string, info: Inspected | undefined): Promise<SandboxRead> {
  const viaHost = async (what: string, args: readonly ["-o", "link"] | readonly ["route"]): Promise<Outcome> => {
    if (!isRoot() || !info) {
      return { text: null, limit: `${name} has no \`ip\` to show its ${what}: run cnmap as root on the engine's host, and it reads them with the host's ip in the container's namespace (nsenter).` };
    }
    const r = await ipInNamespace(info.pid, args);
    return r.ok ? { text: r.stdout } : { text: null, limit: `${name}: the host's ip could not read its ${what} (${r.error ?? "failed"}).`, transient: true };
  };
  const read = async (argv: readonly string[], fallback: () => Promise<Outcome>): Promise<Outcome> => {
    const r = await execRead(session, id, argv);
    if ("output" in r) return { text: r.output };
    if ("missing" in r) return fallback();
    return { text: null, limit: `${name}: \`${argv.join(" ")}\` failed: ${r.failed}`, transient: true };
  };
  const outcomes = await Promise.all([
    read(["ip", "-o", "link"], () => viaHost("interfaces", ["-o", "link"])),
    read(["ip", "route"], () => viaHost("routes", ["route"])),
    read(["cat", "/etc/resolv.conf"], async () => {
      const file = info ? readResolvConfFile(info.resolvConfPath) : undefined;
      return file === undefined ? { text: null, limit: `${name} has no \`cat\` to show its resolv.conf, and cnmap cannot read it on the host (that needs root).` } : { text: file };
    }),
  ]);
  const [links = null, routes = null, resolv = null] = outcomes.map((o) => o.text);
  return {
    links: links === null ? null : parseIpLink(links),
    routes: routes === null ? null : parseIpRoute(routes),
    resolv: resolv === null ? null : parseResolvConf(resolv),
    limits: outcomes.flatMap((o) => (o.limit ? [o.limit] : [])),
    ...(outcomes.some((o) => o.transient) ? { transient: true } : {}),
  };
}
