/**
 * The dashboard under measurement: the built app (`next start`) against the
 * engine at DOCKER_HOST, its health counters, and its memory from /proc.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { HealthBody } from "../../lib/api/health";
import type { Topology } from "../../lib/topology/types";
import { startServer, type RunningServer } from "../../test/support/server";

export type { RunningServer };

/** The production default (README, CNMAP_RESYNC_MS), not the tests' 2 s: a full read of 1,000 containers every 2 s would be measured too. */
const RESYNC_MS = "10000";

export async function startBenchServer(port: number, distDir: string): Promise<RunningServer> {
  return startServer(port, { CNMAP_DIST_DIR: distDir, CNMAP_RESYNC_MS: RESYNC_MS });
}

export async function health(url: string): Promise<HealthBody> {
  const res = await fetch(`${url}/api/health`);
  if (res.status !== 200) throw new Error(`GET /api/health: ${res.status}`);
  return (await res.json()) as HealthBody;
}

export async function topology(url: string): Promise<Topology> {
  const res = await fetch(`${url}/api/topology`);
  if (res.status !== 200) throw new Error(`GET /api/topology: ${res.status} ${await res.text()}`);
  return (await res.json()) as Topology;
}

/** Polls `check` (every 100 ms) until it returns a value; throws naming `what` after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the event stream is live and the live model serves the topology (its first full read done). */
export async function waitForLiveModel(url: string): Promise<Topology> {
  await until(async () => ((await health(url)).events.connected ? true : undefined), 30_000, "the server's event stream to connect");
  return until(async () => {
    const t = await topology(url);
    return t.live ? t : undefined;
  }, 120_000, "GET /api/topology to be served from the live model");
}

/** The resident set of a process and every process under it, in bytes, from /proc (`next start` may fork workers). */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`/proc/${entry}/stat`);
    // The command may hold spaces and parentheses: the fields after its closing parenthesis are fixed.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : NaN;
    if (Number.isFinite(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readProc(`/proc/${p}/status`) ?? "");
    total += rss ? Number(rss[1]) * 1024 : 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

function readProc(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null; // the process ended meanwhile
  }
}
