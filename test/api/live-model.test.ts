/**
 * The live model's property test (issue 9): random sequences of docker
 * operations against the real engine; after each, the topology cnmap serves
 * must become equal to one built from a fresh full read of the engine (the
 * same lists, read here over the socket) — zero drift — and its version must
 * have moved only when something changed.
 *
 * The server's periodic full read is pushed out of reach (CNMAP_RESYNC_MS
 * ten minutes), so the model is kept right by engine events and targeted
 * reads alone. Connecting a container that is not running comes with no
 * event: that one step goes through cnmap's own API, which brings the model
 * up to date before it answers; the CLI case is caught by the periodic read
 * (test/api/topology.test.ts). Only this run's labelled objects are compared.
 *
 * CNMAP_PROPERTY_SEED replays a run; a failure names its seed and steps.
 */
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import type { EngineContainerDetail, EngineContainerSummary, EngineNetwork } from "@/lib/topology/engine-json";
import type { Topology } from "@/lib/topology/types";
import { fetchHealth, fetchTopology } from "../support/api";
import { cleanupLabelled, createNetwork, docker, dockerTry, LABEL, LABEL_KEY, RUN_ID, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { post } from "../support/mutate";
import { freePort, startServer, type RunningServer } from "../support/server";
import { seededRandom } from "../support/random";

const SEED = Number(process.env.CNMAP_PROPERTY_SEED ?? Date.now() % 1_000_000);
const STEPS = 45;
/** How long an event may take to reach the model: far more than it needs, far less than the ten-minute full read. */
const CONVERGE_MS = 8000;


/** "Up 3 seconds (Paused)" -> "Up (Paused)": how long ago changes with the clock, and no event says so. */
function statusWithoutTime(status: string): string {
  return status
    .replace(/\b(Less than a second|About an? \w+|\d+ \w+)( ago)?/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** This run's part of a topology, comparable: its networks, its sandboxes and their endpoints. */
function ours(t: Topology): unknown {
  const mine = (labels: Record<string, string>): boolean => labels[LABEL_KEY] === RUN_ID;
  const sandboxes = t.sandboxes
    .filter((s) => s.containers.some((c) => mine(c.labels)))
    .map((s) => ({ ...s, containers: s.containers.map((c) => ({ ...c, status: statusWithoutTime(c.status) })) }));
  const ids = new Set(sandboxes.map((s) => s.id));
  return {
    networks: t.networks.filter((n) => mine(n.labels)),
    sandboxes,
    endpoints: t.endpoints.filter((e) => ids.has(e.sandboxId)),
  };
}

const engine = new Docker();

/** A full read of the engine, as cnmap's model would make it from scratch. */
async function freshRead(): Promise<unknown> {
  const [networks, containers] = (await Promise.all([engine.listNetworks(), engine.listContainers({ all: true })])) as [EngineNetwork[], EngineContainerSummary[]];
  const details: Record<string, EngineContainerDetail | undefined> = {};
  for (const c of containers) {
    if (c.Labels?.[LABEL_KEY] !== RUN_ID) continue;
    details[c.Id] = (await engine.getContainer(c.Id).inspect().catch(() => undefined)) as EngineContainerDetail | undefined;
  }
  return ours({ engine: { host: "", version: "", apiVersion: "", swarm: "" }, ...buildTopology({ networks, containers, details }) });
}

describe(`the live model equals a fresh read after every step (seed ${SEED})`, () => {
  let server: RunningServer;
  const random = seededRandom(SEED);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const networks: string[] = [];
  const containers: string[] = [];
  const steps: string[] = [];

  const running = (id: string): boolean => dockerTry("inspect", "-f", "{{.State.Running}}", id).stdout.trim() === "true";
  const attached = (id: string): string[] => {
    const r = dockerTry("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$v.NetworkID}} {{end}}", id);
    return r.ok ? r.stdout.trim().split(/\s+/).filter(Boolean) : [];
  };

  beforeAll(async () => {
    server = await startServer(await freePort(), { CNMAP_RESYNC_MS: "600000" });
    for (let i = 0; i < 2; i++) networks.push(createNetwork(uniqueName("lm-net")));
    await fetchTopology(server.url); // starts the event stream
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  /** One random operation; returns what it did, for the failure message. */
  async function step(): Promise<string> {
    const c = pick(containers);
    const n = pick(networks);
    const kind = Math.floor(random() * 12);
    switch (kind) {
      case 0:
      case 1: {
        const name = uniqueName("lm-run");
        const alias = random() < 0.5 ? ["--network-alias", `al-${Math.floor(random() * 1000)}`] : [];
        const id = docker("run", "-d", "--label", LABEL, "--name", name, ...(n ? ["--network", n, ...alias] : []), TEST_IMAGE, "sleep", "600");
        containers.push(id);
        return `run ${name}${n ? ` on ${n.slice(0, 12)}` : ""}`;
      }
      case 2: {
        const name = uniqueName("lm-new");
        containers.push(docker("create", "--label", LABEL, "--name", name, ...(n ? ["--network", n] : []), TEST_IMAGE, "sleep", "600"));
        return `create ${name}`;
      }
      case 3:
        if (!c) return "nothing (start)";
        dockerTry("start", c);
        return `start ${c.slice(0, 12)}`;
      case 4:
        if (!c) return "nothing (stop)";
        dockerTry("stop", "-t", "0", c);
        return `stop ${c.slice(0, 12)}`;
      case 5:
        if (!c) return "nothing (kill)";
        dockerTry("kill", c);
        return `kill ${c.slice(0, 12)}`;
      case 6:
        if (!c) return "nothing (rm)";
        dockerTry("rm", "-f", c);
        containers.splice(containers.indexOf(c), 1);
        return `rm ${c.slice(0, 12)}`;
      case 7:
        if (!c) return "nothing (rename)";
        dockerTry("rename", c, uniqueName("lm-renamed"));
        return `rename ${c.slice(0, 12)}`;
      case 8:
        if (!c) return "nothing (restart)";
        dockerTry("restart", "-t", "0", c);
        return `restart ${c.slice(0, 12)}`;
      case 9:
        if (random() < 0.5 || networks.length < 2) {
          networks.push(createNetwork(uniqueName("lm-net")));
          return "network create";
        }
        if (!n) return "nothing (network rm)";
        // Refused while containers are attached: then nothing changes, which the model must show too.
        if (dockerTry("network", "rm", n).ok) networks.splice(networks.indexOf(n), 1);
        return `network rm ${n.slice(0, 12)}`;
      case 10: {
        if (!c || !n || attached(c).includes(n)) return "nothing (connect)";
        const aliases = random() < 0.5 ? [`al-${Math.floor(random() * 1000)}`] : [];
        if (running(c)) {
          dockerTry("network", "connect", ...aliases.flatMap((a) => ["--alias", a]), n, c);
          return `connect ${c.slice(0, 12)} to ${n.slice(0, 12)}${aliases.length ? " with an alias" : ""}`;
        }
        // No event for this one: through cnmap, which answers once its model has it.
        const res = await post(server.url, `/api/networks/${n}/connect`, { container: c, ...(aliases.length ? { aliases } : {}) });
        return `connect (stopped, via cnmap: ${res.status}) ${c.slice(0, 12)} to ${n.slice(0, 12)}`;
      }
      default: {
        const on = c ? pick(attached(c)) : undefined;
        if (!c || !on) return "nothing (disconnect)";
        dockerTry("network", "disconnect", on, c);
        return `disconnect ${c.slice(0, 12)} from ${on.slice(0, 12)}`;
      }
    }
  }

  it(`${STEPS} random steps`, async () => {
    for (let i = 0; i < STEPS; i++) {
      steps.push(await step());
      const want = await freshRead();
      const deadline = Date.now() + CONVERGE_MS;
      let got: unknown;
      for (;;) {
        const t = await fetchTopology(server.url);
        expect(t.live, "the topology is the live model's").toBeDefined();
        got = ours(t);
        if (JSON.stringify(got) === JSON.stringify(want) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(got, `seed ${SEED}, after: ${steps.join("; ")}`).toEqual(want);
    }
    // Events and targeted reads did it: the model was read in full only to be built.
    const { model } = (await fetchHealth(server.url)).session;
    expect(model.fullReads, JSON.stringify(model)).toBeLessThanOrEqual(1 + steps.filter((s) => s.startsWith("connect (stopped")).length);
    expect(model.targetedReads).toBeGreaterThan(0);
  }, 300_000);
});
