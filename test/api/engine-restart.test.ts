/**
 * A real engine stopped and started again (issue 9, item 9): a dockerd of
 * the test's own (scripts/engine2-up.sh under other names, so the shared
 * engines are untouched) is killed and restarted on the same data-root.
 * The event stream must say the engine is gone within 2 s, and the topology
 * must equal a fresh read of the engine within 5 s of its return.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTopology } from "@/lib/topology/build";
import type { EngineContainerDetail, EngineContainerSummary, EngineNetwork } from "@/lib/topology/engine-json";
import type { Topology } from "@/lib/topology/types";
import { fetchTopology } from "../support/api";
import { LABEL, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { freePort, startServer, type RunningServer } from "../support/server";
import { SseClient } from "../support/sse";

const SCRIPTS = path.resolve(__dirname, "..", "..", "scripts");
const ENV = {
  ...process.env,
  CNMAP_ENGINE2_NS: "cnmap-restart",
  CNMAP_ENGINE2_ROOT: "/var/lib/cnmap-restart",
  CNMAP_ENGINE2_RUN: "/run/cnmap-restart",
  CNMAP_ENGINE2_LOG: "/tmp/cnmap-restart.log",
};
const PIDFILE = "/run/cnmap-restart/docker.pid";

function engineUp(): string {
  return execFileSync("bash", [path.join(SCRIPTS, "engine2-up.sh")], { env: ENV, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** Stops the dockerd (its data stays), and resolves once it has exited. */
async function engineStop(): Promise<void> {
  const pid = Number(readFileSync(PIDFILE, "utf8").trim());
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`dockerd ${pid} did not stop within 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The topology a full read of the engine makes now (without the engine info). */
async function freshRead(engine: Docker): Promise<Omit<Topology, "engine" | "live">> {
  const [networks, containers] = (await Promise.all([engine.listNetworks(), engine.listContainers({ all: true })])) as [EngineNetwork[], EngineContainerSummary[]];
  const details: Record<string, EngineContainerDetail | undefined> = {};
  for (const c of containers) details[c.Id] = (await engine.getContainer(c.Id).inspect()) as EngineContainerDetail;
  return buildTopology({ networks, containers, details });
}

/** The lists, with the status's clock-bound text left out ("Exited (0) 2 seconds ago"). */
const comparable = ({ networks, sandboxes, endpoints }: Omit<Topology, "engine" | "live">): string =>
  JSON.stringify({ networks, endpoints, sandboxes: sandboxes.map((s) => ({ ...s, containers: s.containers.map((c) => ({ ...c, status: c.state })) })) });

describe("the engine stops and comes back", () => {
  let host = "";
  let engine: Docker;
  let server: RunningServer;

  beforeAll(async () => {
    host = engineUp();
    engine = new Docker({ socketPath: host.replace(/^unix:\/\//, "") });
    execFileSync("docker", ["-H", host, "network", "create", "--label", LABEL, uniqueName("rs-net")], { stdio: "pipe" });
    server = await startServer(await freePort(), { DOCKER_HOST: host });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    execFileSync("bash", [path.join(SCRIPTS, "engine2-down.sh")], { env: ENV, stdio: "inherit" });
  }, 60_000);

  it("says so within 2 s, answers 503 meanwhile, and shows the engine as it is within 5 s of its return", async () => {
    const name = uniqueName("rs-box");
    execFileSync("docker", ["-H", host, "run", "-d", "--label", LABEL, "--name", name, TEST_IMAGE, "sleep", "600"], { stdio: "pipe" });
    const sse = await SseClient.open(`${server.url}/api/events`);
    try {
      await sse.waitForMessage((m) => m.event === "status" && (JSON.parse(m.data) as { connected: boolean }).connected);
      expect((await fetchTopology(server.url)).sandboxes.some((s) => s.containers[0]?.name === name)).toBe(true);

      await engineStop();
      const stopped = Date.now();
      await sse.waitForMessage((m) => m.event === "status" && !(JSON.parse(m.data) as { connected: boolean }).connected, 2000);
      expect(Date.now() - stopped).toBeLessThan(2000);
      const down = await fetch(`${server.url}/api/topology`);
      expect(down.status).toBe(503);

      const seen = sse.messages.length;
      engineUp();
      const back = Date.now();
      // The engine stopped the container on its way down: the graph must say so, equal to a fresh read.
      let last = "";
      for (;;) {
        const res = await fetch(`${server.url}/api/topology`);
        if (res.status === 200) {
          const got = (await res.json()) as Topology;
          last = comparable(got);
          if (last === comparable(await freshRead(engine))) break;
        }
        if (Date.now() - back > 5000) throw new Error(`not equal to a fresh read 5 s after the engine came back; last: ${last.slice(0, 400)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Date.now() - back).toBeLessThan(5000);
      await sse.waitForMessage((m) => m.event === "status" && (JSON.parse(m.data) as { connected: boolean }).connected, 5000, seen);
    } finally {
      await sse.close();
    }
  }, 120_000);
});
