/**
 * What cnmap reads of the engine's host itself, with fixed paths and fixed
 * argument lists: /sys/class/net, /proc (the engine's socket, docker-proxy
 * processes), `iptables-save`, and `nsenter ... ip` for a container that
 * has no `ip` of its own. Nothing here takes a value from a request; the
 * one variable (a PID for nsenter) comes from the engine's inspect and must
 * be a number. Every reader fails soft: it returns what it could not read
 * as a limit, in words that say how to grant it.
 */
import "server-only";
import { execFile } from "node:child_process";
import { readdirSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { parseDockerProxyArgs, socketListening, type DockerProxy } from "../datapath/host-proc";
import type { HostLink } from "../datapath/pairing";
import { readText } from "../net/read-text";
import { SYS_NET, sysNetNames } from "../net/sys-net";

/** How long one host command may run, and how much of its output is kept. */
const COMMAND_TIMEOUT_MS = 5_000;
const COMMAND_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Whether the engine at `address` runs in cnmap's own network namespace:
 * its unix socket listens in cnmap's /proc/net/unix. Null when it does;
 * else why not, and what to do.
 */
export function hostOutOfSight(address: string): string | null {
  if (!address.startsWith("unix://")) {
    return `The engine is reached over the network (${address}): its host's interfaces and firewall are out of cnmap's sight. Run cnmap on the engine's host, against its socket, to see the data path.`;
  }
  const socket = address.slice("unix://".length);
  const candidates = new Set([socket]);
  try {
    // dockerd binds /var/run/docker.sock; /var/run is a link to /run.
    candidates.add(path.join(realpathSync(path.dirname(socket)), path.basename(socket)));
    candidates.add(socket.replace(/^\/run\//, "/var/run/"));
  } catch {
    // A socket whose directory is gone: the engine does not answer anyway.
  }
  const unix = readText("/proc/net/unix");
  if (unix === undefined) return "cnmap cannot read /proc/net/unix: the data path view needs Linux.";
  if (!socketListening(unix, [...candidates])) {
    return `The engine's socket (${socket}) does not listen in cnmap's network namespace: the engine runs in another one (a second dockerd, or cnmap in a container). Run cnmap in the engine's network namespace (for a container: --network host) to see its data path.`;
  }
  return null;
}

/** Every interface of the host's namespace, with its bridge and, for a bridge, its ports. */
export function readHostLinks(): HostLink[] {
  const links: HostLink[] = [];
  for (const name of sysNetNames()) {
    const dir = `${SYS_NET}/${name}`;
    const ifindex = Number((readText(`${dir}/ifindex`) ?? "").trim());
    // Gone mid-read, or not an interface (bonding_masters): no ifindex.
    if (!Number.isInteger(ifindex) || ifindex <= 0) continue;
    const iflink = Number((readText(`${dir}/iflink`) ?? "").trim());
    let master: string | undefined;
    try {
      master = path.basename(readlinkSync(`${dir}/master`));
    } catch {
      master = undefined;
    }
    let ports: string[] | undefined;
    try {
      ports = readdirSync(`${dir}/brif`);
    } catch {
      ports = undefined;
    }
    links.push({
      name,
      ifindex,
      iflink: Number.isInteger(iflink) ? iflink : ifindex,
      mtu: Number((readText(`${dir}/mtu`) ?? "0").trim()) || 0,
      state: (readText(`${dir}/operstate`) ?? "unknown").trim(),
      ...(master ? { master } : {}),
      ...(ports ? { ports } : {}),
    });
  }
  return links;
}

/** The docker-proxy processes cnmap can see (its own PID namespace). */
export function readDockerProxies(): DockerProxy[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  const proxies: DockerProxy[] = [];
  for (const pid of pids) {
    if ((readText(`/proc/${pid}/comm`) ?? "").trim() !== "docker-proxy") continue;
    const argv = (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean);
    const proxy = parseDockerProxyArgs(argv);
    if (proxy) proxies.push(proxy);
  }
  return proxies;
}

export interface CommandResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Why it failed, in words. */
  error?: string;
}

/** A host program with a fixed argv, bounded in time and output. */
export function runHost(file: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: COMMAND_TIMEOUT_MS, maxBuffer: COMMAND_MAX_BYTES, encoding: "utf8" }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, stdout, stderr });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      const why = e.code === "ENOENT" ? `${file} is not installed` : e.killed ? `${file} did not finish within ${COMMAND_TIMEOUT_MS / 1000} s` : (stderr || e.message).trim();
      resolve({ ok: false, stdout, stderr, error: why });
    });
  });
}

/** The legacy backend's tables still exist beside nft's: iptables-nft-save says so in a comment, on stderr. */
const LEGACY_PRESENT = /iptables-legacy tables present/;

/**
 * The host's rules as iptables-save prints them: the default backend, and
 * the legacy one too when the nft backend says legacy tables are present
 * (Docker writes through whichever `iptables` its host has).
 */
export async function readIptables(): Promise<{ texts: string[] | null; limit?: string }> {
  const first = await runHost("iptables-save", []);
  if (!first.ok) {
    const denied = /permission denied|must be root|operation not permitted/i.test(first.error ?? "");
    return {
      texts: null,
      limit: denied
        ? "NAT and filter rules: iptables-save needs root (CAP_NET_ADMIN) on the engine's host; run cnmap as root there to see them."
        : `NAT and filter rules: ${first.error ?? "iptables-save failed"}; install iptables on the engine's host to see them.`,
    };
  }
  if (!LEGACY_PRESENT.test(first.stderr) && !LEGACY_PRESENT.test(first.stdout)) return { texts: [first.stdout] };
  // Each backend parsed on its own: joined, the second's FORWARD policy would overwrite the first's.
  const legacy = await runHost("iptables-legacy-save", []);
  return legacy.ok ? { texts: [first.stdout, legacy.stdout] } : { texts: [first.stdout], limit: `The legacy iptables tables could not be read: ${legacy.error ?? "iptables-legacy-save failed"}.` };
}

/** `ip <args>` inside the network namespace of process `pid`, with the host's `ip`. Needs root. */
export function ipInNamespace(pid: number, args: readonly ["-o", "link"] | readonly ["route"]): Promise<CommandResult> {
  if (!Number.isInteger(pid) || pid <= 0) return Promise.resolve({ ok: false, stdout: "", stderr: "", error: "the container has no process" });
  return runHost("nsenter", ["-t", String(pid), "-n", "ip", ...args]);
}

/** A container's resolv.conf on the host (its ResolvConfPath from inspect), when cnmap may read it; only a path that ends in /resolv.conf. */
export function readResolvConfFile(file: string): string | undefined {
  if (!/^\/[\w./-]+\/resolv\.conf$/.test(file) || file.includes("..")) return undefined;
  return readText(file);
}
