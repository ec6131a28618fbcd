/**
 * Starts the built dashboard (`next start`) on a port for API and e2e tests,
 * with its own environment (e.g. a DOCKER_HOST that does not exist), and
 * stops it. Requires `next build` to have run (scripts/test-all.sh does); set
 * CNMAP_DIST_DIR to use a build in another folder than .next.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { TEST_IMAGE } from "./docker-cli";

const ROOT = path.resolve(__dirname, "..", "..");

export interface RunningServer {
  url: string;
  /** The `next start` process (the benchmark reads its memory from /proc). */
  pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
}

/** A fresh data folder (accounts, audit trail) for one test server, unless the test gives one. */
export function freshDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "cnmap-data-"));
}

/**
 * How often the test servers' live models read the engine in full: short, so
 * a change the engine announces with no event (connecting a stopped
 * container, swarm init and leave) shows within seconds. A test may set
 * CNMAP_RESYNC_MS itself, as the model's property test does to prove that
 * events alone keep the model right.
 */
export const TEST_RESYNC_MS = 2000;

/** Runs the server as another user: `uid` and `gid` (e.g. nobody in the docker group: the engine's socket, without root). */
export interface RunAs {
  uid: number;
  gid: number;
}

function spawnServer(port: number, env: Record<string, string | undefined>, as?: RunAs): { child: ChildProcess; log: () => string } {
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const dataDir = freshDataDir();
  if (as) chownSync(dataDir, as.uid, as.gid);
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    // The labs run on the test image (no registry can be reached: nothing is ever pulled).
    env: { ...process.env, CNMAP_DATA_DIR: dataDir, CNMAP_RESYNC_MS: String(TEST_RESYNC_MS), CNMAP_LAB_IMAGE: TEST_IMAGE, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(as ? { uid: as.uid, gid: as.gid } : {}),
  });
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  return { child, log: () => text };
}

/** Starts a server that must refuse to start: resolves with its exit code and output once it exits. */
export function serverExit(port: number, env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<{ code: number | null; log: string }> {
  const { child, log } = spawnServer(port, env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not exit within ${timeoutMs} ms:\n${log()}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, log: log() });
    });
  });
}

export async function startServer(port: number, env: Record<string, string | undefined> = {}, as?: RunAs): Promise<RunningServer> {
  const { child, log } = spawnServer(port, env, as);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, child, 30_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${log()}`);
  }
  return {
    url,
    pid: child.pid ?? 0,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/**
 * A TCP port nobody listens on right now (the kernel picks it), so parallel
 * runs cannot collide. `host` "0.0.0.0" finds one free on every interface,
 * as a published container port needs.
 */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
