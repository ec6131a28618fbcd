/**
 * The containers a size of the benchmark is measured on, made on the real
 * engine as a person would: user-defined bridges with explicit subnets
 * (Docker 20.10's default pools hold about 31 networks), one container per
 * sandbox made with `docker create` and started with `docker start`, a third
 * of them connected to a second network before they start. Everything carries
 * the run's label (test/support/docker-cli.ts), so `removeFleet` removes
 * this run's objects and nothing else on the engine.
 */
import { spawn } from "node:child_process";
import { cleanupLabelled, LABEL, TEST_IMAGE, uniqueName } from "../../test/support/docker-cli";
import { log, ms } from "./report";

export interface FleetNetwork {
  id: string;
  name: string;
}

export interface FleetContainer {
  id: string;
  name: string;
  /** The networks it is on, by name: one, or two for a third of them. */
  networks: string[];
}

export interface Fleet {
  networks: FleetNetwork[];
  containers: FleetContainer[];
}

/** Networks for a size, as in issue 9's table: 20 at 200 sandboxes, 100 at 1,000. */
export function networksFor(sandboxes: number): number {
  return Math.max(2, Math.round(sandboxes / 10));
}

/** How many docker CLI calls run at once (each is a process; the machines have 2 cores). */
const PARALLEL = 4;
/** Containers per `docker start`. */
const START_BATCH = 25;
/** Long enough for any run of the bench: a container that exits mid-run would change what is measured. */
const SLEEP = ["sleep", "100000000"];

/** Set when the bench is interrupted: no docker command of the fleet starts after it. */
const stopping = new AbortController();
/** Fleets being made, so that an interruption can wait for them to stop before removing what they made. */
const making = new Set<Promise<unknown>>();

/**
 * Starts no more docker commands and resolves once every fleet being made
 * has stopped. The commands under way finish: one killed half-way may still
 * create its container after removal looked (the engine goes on without its
 * client), so they run in a process group of their own, out of reach of
 * the terminal's Ctrl-C.
 */
export async function stopMaking(): Promise<void> {
  stopping.abort();
  await Promise.allSettled([...making]);
}

/** The docker CLI, asynchronously (DOCKER_HOST is honoured), in a process group of its own; rejects with its stderr. */
export function dockerAsync(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // execFile passes no `detached` on to spawn: spawn it is.
    const child = spawn("docker", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout.trim());
      else reject(new Error(`docker ${args.slice(0, 3).join(" ")} ...: ${stderr.trim() || `exit ${code ?? signal}`}`));
    });
  });
}

/**
 * Runs `task` for every item, `parallel` at a time. After a failure no new
 * task starts, and it rejects once those running have finished, so that
 * cleanup does not race a `docker create` still under way.
 */
async function eachParallel<T>(items: readonly T[], parallel: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && !stopping.signal.aborted && next < items.length) {
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
  if (stopping.signal.aborted) throw new Error("interrupted");
}

/** Counts done work and logs each further fifth of `total`. */
function progress(total: number, verb: string): (n: number) => void {
  let done = 0;
  let reported = 0;
  return (n) => {
    done += n;
    const fifths = Math.floor((done * 5) / total);
    if (fifths > reported) {
      reported = fifths;
      log(`  ${verb} ${done}/${total} containers`);
    }
  };
}

/** Candidate /24s in 10.100.0.0/14, below the 10.160+ range the e2e tests pick from at random. */
function subnet(k: number): { subnet: string; gateway: string } {
  const base = `10.${100 + (k >> 8)}.${k & 255}`;
  return { subnet: `${base}.0/24`, gateway: `${base}.1` };
}

async function makeNetworks(count: number, tag: string): Promise<FleetNetwork[]> {
  const networks: FleetNetwork[] = new Array<FleetNetwork>(count);
  let candidate = 0;
  await eachParallel([...Array(count).keys()], PARALLEL, async (i) => {
    const name = uniqueName(`${tag}-net${i}`);
    // A subnet another network (or another run) holds: take the next candidate.
    for (;;) {
      if (candidate >= 1024) throw new Error("no free /24 left in 10.100.0.0/14 for the bench's networks");
      const { subnet: s, gateway } = subnet(candidate++);
      try {
        const id = await dockerAsync("network", "create", "--label", LABEL, "--subnet", s, "--gateway", gateway, name);
        networks[i] = { id, name };
        return;
      } catch (err) {
        if (!/overlap|in use/i.test(String(err))) throw err;
      }
    }
  });
  return networks;
}

/** Makes and starts `sandboxes` containers on `networkCount` networks, a third of them on two. */
export async function makeFleet(sandboxes: number, networkCount: number): Promise<Fleet> {
  const made = make(sandboxes, networkCount);
  making.add(made);
  try {
    return await made;
  } finally {
    making.delete(made);
  }
}

async function make(sandboxes: number, networkCount: number): Promise<Fleet> {
  const t0 = performance.now();
  const tag = `bench${sandboxes}`;
  const networks = await makeNetworks(networkCount, tag);
  const names = networks.map((n) => n.name);
  const containers: FleetContainer[] = new Array<FleetContainer>(sandboxes);
  const created = progress(sandboxes, "created");
  await eachParallel([...Array(sandboxes).keys()], PARALLEL, async (i) => {
    const first = i % names.length;
    const nets = [names[first] as string];
    // A third on a second network, never the first one again.
    if (i % 3 === 0) nets.push(names[(first + 1 + (Math.floor(i / names.length) % (names.length - 1))) % names.length] as string);
    const name = uniqueName(`${tag}-c${i}`);
    const id = await dockerAsync("create", "--label", LABEL, "--name", name, "--network", nets[0] as string, TEST_IMAGE, ...SLEEP);
    for (const extra of nets.slice(1)) await dockerAsync("network", "connect", extra, id);
    containers[i] = { id, name, networks: nets };
    created(1);
  });
  const batches: string[][] = [];
  for (let i = 0; i < containers.length; i += START_BATCH) batches.push(containers.slice(i, i + START_BATCH).map((c) => c.id));
  const started = progress(sandboxes, "started");
  await eachParallel(batches, PARALLEL, async (ids) => {
    await dockerAsync("start", ...ids);
    started(ids.length);
  });
  log(`made ${networks.length} networks and ${containers.length} containers (${LABEL}) in ${ms(performance.now() - t0)}`);
  return { networks, containers };
}

/** Removes every container and network of this run (its label), even those a failed `makeFleet` left behind. */
export function removeFleet(): void {
  const t0 = performance.now();
  const left = cleanupLabelled();
  log(`removed the bench's containers and networks (${LABEL}) in ${ms(performance.now() - t0)}`);
  for (const l of left) log(`WARNING: left on the engine, could not be removed: ${l}`);
}
