/**
 * The two-node test swarm (scripts/swarm-up.sh) for the swarm tests: its
 * coordinates, the docker CLI on the manager (the main engine) and on node2,
 * and services and overlay networks made with this run's label
 * (`cnmap.test=<run id>`, as test/support/docker-cli.ts), removed by that
 * label only. Waits are on conditions, never fixed sleeps.
 */
import { execFileSync } from "node:child_process";
import { expect, inject } from "vitest";
import type { ProbeResult } from "@/lib/probe/types";
import { docker, dockerTry, LABEL, TEST_IMAGE } from "./docker-cli";
import { json, post } from "./mutate";
import { swarmEnvFrom, type SwarmEnv } from "./swarm-env";

export type { SwarmEnv } from "./swarm-env";

/** The swarm's coordinates: provided by test/swarm/global-setup.ts, or CNMAP_SWARM_* in the environment. */
export function swarmEnv(): SwarmEnv {
  let provided: SwarmEnv | undefined;
  try {
    provided = inject("swarm");
  } catch {
    provided = undefined;
  }
  const env = provided ?? swarmEnvFrom(process.env);
  if (!env) throw new Error("no two-node swarm: run scripts/swarm-up.sh and export its CNMAP_SWARM_* lines, or run the vitest project `swarm`");
  return env;
}

/** The docker CLI on the manager (the main engine). */
export const onManager = docker;

/** The docker CLI on node2 (the worker). */
export function onNode2(...args: string[]): string {
  return execFileSync("docker", ["-H", swarmEnv().node2Host, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** An attachable (unless told otherwise) overlay network with this run's label; returns its ID. */
export function createOverlay(name: string, ...args: string[]): string {
  return docker("network", "create", "--driver", "overlay", "--attachable", "--label", LABEL, ...args, name);
}

/**
 * `docker service create --detach` of the test image with this run's label
 * (on the service and on its containers), sleeping unless a command is given.
 * Returns the service ID.
 */
export function createService(name: string, args: string[] = [], command: string[] = ["sleep", "3600"]): string {
  return docker(
    "service", "create", "--detach", "--quiet",
    "--name", name,
    "--label", LABEL,
    "--container-label", LABEL,
    // The image is loaded on both nodes; no registry is ever asked about it.
    "--no-resolve-image",
    ...args,
    TEST_IMAGE,
    ...command,
  );
}

export interface TaskInfo {
  id: string;
  node: string;
  state: string;
  /** The task's container on its node. */
  containerId: string;
  /** Its addresses, by network ID, as the engine gives them (`10.0.1.2/24`). */
  addresses: Record<string, string>;
}

interface RawTask {
  ID: string;
  NodeID: string;
  Status: { State: string; ContainerStatus?: { ContainerID?: string } };
  DesiredState: string;
  NetworksAttachments?: { Network: { ID: string }; Addresses: string[] }[];
}

/** The running tasks of a service, with the hostname of the node each runs on. */
export function runningTasks(service: string): TaskInfo[] {
  const ids = docker("service", "ps", "-q", "--filter", "desired-state=running", service).split("\n").filter(Boolean);
  if (ids.length === 0) return [];
  const tasks = JSON.parse(docker("inspect", "--type", "task", ...ids)) as RawTask[];
  const hostnames = new Map<string, string>();
  const hostname = (nodeId: string): string => {
    if (!hostnames.has(nodeId)) hostnames.set(nodeId, docker("node", "inspect", "--format", "{{.Description.Hostname}}", nodeId));
    return hostnames.get(nodeId) ?? "";
  };
  return tasks
    .filter((t) => t.Status.State === "running")
    .map((t) => ({
      id: t.ID,
      node: hostname(t.NodeID),
      state: t.Status.State,
      containerId: t.Status.ContainerStatus?.ContainerID ?? "",
      addresses: Object.fromEntries((t.NetworksAttachments ?? []).map((a) => [a.Network.ID, a.Addresses[0] ?? ""])),
    }));
}

/** Polls `check` until it returns a value that is not undefined, or throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until a service has `replicas` running tasks, and returns them. */
export function waitForTasks(service: string, replicas: number, timeoutMs = 60_000): Promise<TaskInfo[]> {
  return waitFor(`${replicas} running task(s) of ${service}`, () => {
    const t = runningTasks(service);
    return t.length === replicas ? t : undefined;
  }, timeoutMs);
}

/**
 * Removes this run's services, then (once their tasks are gone from both
 * nodes) this run's containers and networks on the manager. Touches nothing
 * without the label. Returns what could not be removed, with the engine's words.
 */
export async function cleanupSwarmLabelled(label = LABEL): Promise<string[]> {
  const failed: string[] = [];
  const services = docker("service", "ls", "-q", "--filter", `label=${label}`).split("\n").filter(Boolean);
  if (services.length > 0) {
    const r = dockerTry("service", "rm", ...services);
    if (!r.ok) failed.push(`services: ${r.stderr.trim()}`);
  }
  // A removed service's task containers linger a moment on each node; an
  // overlay network cannot go while they hold an endpoint on it.
  const node2Host = swarmEnv().node2Host;
  await waitFor("this run's task containers to go from both nodes", () => {
    const here = docker("ps", "-aq", "--filter", `label=${label}`, "--filter", "label=com.docker.swarm.service.id");
    const there = execFileSync("docker", ["-H", node2Host, "ps", "-aq", "--filter", `label=${label}`], { encoding: "utf8" }).trim();
    return here === "" && there === "" ? true : undefined;
  }, 60_000).catch((err: Error) => failed.push(err.message));
  const containers = docker("ps", "-aq", "--filter", `label=${label}`).split("\n").filter(Boolean);
  if (containers.length > 0) {
    const r = dockerTry("rm", "-f", ...containers);
    if (!r.ok) failed.push(`containers: ${r.stderr.trim()}`);
  }
  const nets = docker("network", "ls", "-q", "--filter", `label=${label}`).split("\n").filter(Boolean);
  for (const n of nets) {
    const r = dockerTry("network", "rm", n);
    if (!r.ok) failed.push(`network ${n}: ${r.stderr.trim()}`);
  }
  return failed;
}

/** An address without its prefix length: `10.0.1.3/24` → `10.0.1.3`. */
export const bare = (cidr: string): string => cidr.split("/")[0] ?? "";

/** `POST /api/probe` on the dashboard at `api`, which must answer 200; its result. */
export async function probe(api: string, body: Record<string, unknown>): Promise<ProbeResult> {
  const res = await post(api, "/api/probe", body);
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  return json<ProbeResult>(res);
}
