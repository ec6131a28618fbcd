/**
 * Several engines at once (issue 8, part 1): the main test engine and a
 * second dockerd in its own network namespace (scripts/engine2-up.sh), plus
 * an engine that is down. Each engine's graph is checked against its own
 * `docker -H … inspect`, and a change on one leaves the other as it was.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { EnginesBody } from "@/lib/engines/types";
import type { Topology } from "@/lib/topology/types";
import { expectedEndpoints, expectedNetwork, sortEndpoints, type ContainerInspect, type NetworkInspect } from "../support/api";
import { cleanupLabelled, docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { expectError, post, send } from "../support/mutate";
import { freePort, startServer, type RunningServer } from "../support/server";

const engine2 = inject("engine2Host");
const missing = inject("missingSocket");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";

/** The docker CLI against one engine. */
const on = (host: string) => (...args: string[]): string => docker("-H", host, ...args);

async function topologyOf(base: string, engine: string): Promise<Topology> {
  const res = await fetch(`${base}/api/engines/${engine}/topology`);
  expect(res.status).toBe(200);
  return (await res.json()) as Topology;
}

describe("several engines", () => {
  let server: RunningServer;
  const d1 = on(local);
  const d2 = on(engine2);
  const net2 = uniqueName("en-net2");
  const ctr2 = uniqueName("en-c2");
  const ctr1 = uniqueName("en-c1");

  beforeAll(async () => {
    server = await startServer(await freePort(), {
      CNMAP_ENGINES: `main=${local};second=${engine2};gone=${missing}`,
    });
    d2("network", "create", "--label", LABEL, net2);
    d2("run", "-d", "--label", LABEL, "--name", ctr2, "--network", net2, "--network-alias", "db2", TEST_IMAGE, "sleep", "600");
    d1("run", "-d", "--label", LABEL, "--name", ctr1, TEST_IMAGE, "sleep", "600");
  });
  afterAll(async () => {
    await server?.stop();
    cleanupLabelled(LABEL, engine2);
    cleanupLabelled(LABEL, local);
  });

  it("GET /api/engines lists every engine, the default first, and says which answer", async () => {
    const res = await fetch(`${server.url}/api/engines`);
    expect(res.status).toBe(200);
    const { engines } = (await res.json()) as EnginesBody;
    expect(engines.map((e) => [e.id, e.name, e.address, e.connected])).toEqual([
      ["main", "main", local, true],
      ["second", "second", engine2, true],
      ["gone", "gone", missing, false],
    ]);
    const version = (host: string): string => docker("-H", host, "version", "--format", "{{.Server.Version}}");
    expect(engines[0]?.version).toBe(version(local));
    expect(engines[1]?.version).toBe(version(engine2));
    expect(engines[1]?.swarm).toBe(d2("info", "--format", "{{.Swarm.LocalNodeState}}"));
    expect(engines[2]?.reason).toMatch(/Cannot reach the Docker engine/);
  });

  it("each engine's graph equals its own docker inspect, and holds only its own objects", async () => {
    const t2 = await topologyOf(server.url, "second");
    const [n2] = JSON.parse(d2("network", "inspect", net2)) as NetworkInspect[];
    expect(t2.networks.find((n) => n.name === net2)).toEqual(expectedNetwork(n2!));
    const [c2] = JSON.parse(d2("inspect", ctr2)) as ContainerInspect[];
    const ids2 = new Map((JSON.parse(d2("network", "inspect", ...d2("network", "ls", "-q").split("\n"))) as NetworkInspect[]).map((n) => [n.Name, n.Id]));
    expect(sortEndpoints(t2.endpoints.filter((e) => e.containerId === c2!.Id))).toEqual(expectedEndpoints(c2!, (name) => ids2.get(name) ?? ""));
    expect(t2.engine.host).toBe(engine2);
    expect(t2.sandboxes.flatMap((s) => s.containers).some((c) => c.name === ctr1)).toBe(false);

    const t1 = await topologyOf(server.url, "main");
    expect(t1.sandboxes.flatMap((s) => s.containers).some((c) => c.name === ctr1)).toBe(true);
    expect(t1.sandboxes.flatMap((s) => s.containers).some((c) => c.name === ctr2)).toBe(false);
    expect(t1.networks.some((n) => n.name === net2)).toBe(false);
    // The top-level route serves the default engine.
    const top = (await (await fetch(`${server.url}/api/topology`)).json()) as Topology;
    expect(top.engine.host).toBe(local);
  });

  it("a change on one engine happens there only", async () => {
    const name = uniqueName("en-new");
    const res = await post(server.url, "/api/engines/second/networks", { name, labels: { "cnmap.test": LABEL.split("=")[1]! } });
    expect(res.status, res.text).toBe(201);
    expect(dockerTry("-H", engine2, "network", "inspect", name).ok).toBe(true);
    expect(dockerTry("-H", local, "network", "inspect", name).ok).toBe(false);

    const connect = await post(server.url, `/api/engines/second/networks/${name}/connect`, { container: ctr2 });
    expect(connect.status, connect.text).toBe(204);
    const [c2] = JSON.parse(d2("inspect", ctr2)) as ContainerInspect[];
    expect(Object.keys(c2!.NetworkSettings.Networks ?? {})).toContain(name);
    // The same container name means nothing on the other engine.
    const elsewhere = await post(server.url, `/api/engines/main/networks/bridge/connect`, { container: ctr2 });
    expectError(elsewhere, 404, "not_found", new RegExp(`No such container: ${ctr2}`));
  });

  it("a probe runs in the named engine's container and resolves that engine's names", async () => {
    const res = await post(server.url, "/api/engines/second/probe", { from: ctr2, kind: "dns", target: "db2" });
    expect(res.status, res.text).toBe(200);
    const body = JSON.parse(res.text) as { outcome: string; command: string };
    expect(body.outcome).toBe("success");
  });

  it("an engine that is down answers 503 on its own routes while the others keep working", async () => {
    const down = await send(server.url, "GET", "/api/engines/gone/topology");
    expectError(down, 503, "engine_unreachable", /Cannot reach the Docker engine/);
    expect((await fetch(`${server.url}/api/engines/second/topology`)).status).toBe(200);
    const unknown = await send(server.url, "GET", "/api/engines/nosuch/topology");
    expectError(unknown, 404, "not_found", /No such engine: nosuch/);
  });

  it("each engine has its own event stream", async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/engines/second/events`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    const until = (found: () => boolean): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (found()) return resolve();
        const pump = (): void => {
          reader.read().then(({ done, value }) => {
            if (done) return reject(new Error(`stream ended: ${text}`));
            text += new TextDecoder().decode(value);
            if (found()) return resolve();
            pump();
          }, reject);
        };
        pump();
      });
    // Subscribed, and the engine's stream is live: nothing after this can be missed.
    await until(() => text.includes('{"connected":true}'));
    const seen = until(() => text.includes(`"name":"${ctr2}"`) && text.includes('"action":"die"'));
    // A change on the main engine first: it must not appear on the second's stream.
    d1("stop", "-t", "0", ctr1);
    d2("stop", "-t", "0", ctr2);
    await seen;
    expect(text).not.toContain(ctr1);
    abort.abort();
  });
});
