/**
 * The docker CLI for tests: every object a test run creates carries the label
 * `cnmap.test=<run id>`, and cleanup removes only objects with that label.
 * Tests never assume counts: other objects may exist on the engine.
 */
import { execFileSync } from "node:child_process";

export const TEST_IMAGE = process.env.CNMAP_TEST_IMAGE ?? "cnmap-test-busybox:latest";
export const LABEL_KEY = "cnmap.test";

/** One ID per test process, so parallel runs do not remove each other's objects. */
export const RUN_ID = process.env.CNMAP_TEST_RUN ?? `r${process.pid}-${Date.now().toString(36)}`;
export const LABEL = `${LABEL_KEY}=${RUN_ID}`;

export function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Runs docker and returns its exit status and output instead of throwing. */
export function dockerTry(...args: string[]): { ok: boolean; stdout: string; stderr: string } {
  try {
    return { ok: true, stdout: docker(...args), stderr: "" };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, stdout: String(e.stdout ?? ""), stderr: String(e.stderr ?? "") };
  }
}

/** A unique, label-safe name for a test object. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${RUN_ID}-${Math.random().toString(36).slice(2, 7)}`.toLowerCase();
}

export function createNetwork(name: string, ...args: string[]): string {
  return docker("network", "create", "--label", LABEL, ...args, name);
}

/** `docker run -d` of the test image, sleeping unless a command is given. */
export function runContainer(name: string, args: string[] = [], command: string[] = ["sleep", "600"]): string {
  return docker("run", "-d", "--label", LABEL, "--name", name, ...args, TEST_IMAGE, ...command);
}

export function createContainer(name: string, args: string[] = [], command: string[] = ["sleep", "600"]): string {
  return docker("create", "--label", LABEL, "--name", name, ...args, TEST_IMAGE, ...command);
}

export function inspect<T = Record<string, unknown>>(...refs: string[]): T[] {
  return JSON.parse(docker("inspect", ...refs)) as T[];
}

export function networkInspect<T = Record<string, unknown>>(...refs: string[]): T[] {
  return JSON.parse(docker("network", "inspect", ...refs)) as T[];
}

/**
 * Removes this run's containers, then its networks, on the engine at `host`
 * (the default one when omitted). Touches nothing else. Returns what could
 * not be removed, with the engine's words (Docker 20.10 sometimes keeps a
 * network with a stale endpoint of a container removed in a burst).
 */
export function cleanupLabelled(label = LABEL, host?: string): string[] {
  const h = host ? ["-H", host] : [];
  const failed: string[] = [];
  const ids = docker(...h, "ps", "-aq", "--filter", `label=${label}`).split("\n").filter(Boolean);
  if (ids.length > 0) {
    const r = dockerTry(...h, "rm", "-f", ...ids);
    if (!r.ok) failed.push(`containers: ${r.stderr.trim()}`);
  }
  const nets = docker(...h, "network", "ls", "-q", "--filter", `label=${label}`).split("\n").filter(Boolean);
  for (const n of nets) {
    const r = dockerTry(...h, "network", "rm", n);
    if (!r.ok) failed.push(`network ${n}: ${r.stderr.trim()}`);
  }
  return failed;
}
