/**
 * What an adversarial review of the API found (issue 12), against the real
 * engine: malformed paths, plugin-name stalls and a bounded mutation queue,
 * aborted uploads, bursts of reads, and settings that fail at startup. The
 * engine's state is checked after every refusal.
 */
import { execFile } from "node:child_process";
import net from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { HealthBody } from "@/lib/api/health";
import type { Topology } from "@/lib/topology/types";
import { cleanupLabelled, createNetwork, inspect, runContainer, uniqueName } from "../support/docker-cli";
import type { ContainerInspect } from "../support/api";
import { cliOnFreeSubnet, expectError, expectUnchanged, json, post, send, type RawResponse } from "../support/mutate";
import { freePort, serverExit, startServer, type RunningServer } from "../support/server";
import { startSocketProxy, type SocketProxy } from "../support/socket-proxy";
import { waitFor } from "../support/wait";

const api = inject("apiUrl");
const execFileAsync = promisify(execFile);

async function health(base: string): Promise<HealthBody> {
  return (await (await fetch(`${base}/api/health`)).json()) as HealthBody;
}

describe("malformed percent-encoding in the path", () => {
  const net1 = uniqueName("hd-pct");
  beforeAll(() => {
    createNetwork(net1);
  });
  afterAll(() => cleanupLabelled());

  it("answers 400 with the error JSON on every route and method, changing nothing", async () => {
    const cases: [string, string][] = [
      ["GET", "/api/networks/%zz"],
      ["GET", "/api/networks/%E0%A4%A"],
      ["GET", "/api/containers/%"],
      ["DELETE", "/api/networks/%zz"],
      ["POST", "/api/networks/%ff%fe/connect"],
      ["POST", "/api/networks/%ff%fe/disconnect"],
      ["GET", "/api/%c0"],
    ];
    for (const [method, path] of cases) {
      const res = await expectUnchanged([], () => send(api, method, path, method === "POST" ? { body: { container: net1 } } : {}));
      expectError(res, 400, "invalid_input", /malformed percent-escape/);
    }
    // Well-formed escapes still reach the route: %2D is "-".
    const ok = await send(api, "GET", `/api/networks/${net1.replace(/-/g, "%2D")}`);
    expect(ok.status, ok.text).toBe(200);
  });
});

describe("plugin-style driver names and the mutation queue", () => {
  afterAll(() => cleanupLabelled());

  it("refuses a plugin driver or IPAM driver the engine does not have at once, creating nothing", async () => {
    for (const body of [{ driver: "a/b" }, { ipamDriver: "x/y" }, { driver: "nosuch/plugin:latest" }]) {
      const name = uniqueName("hd-plug");
      const started = Date.now();
      const res = await expectUnchanged([], () => post(api, "/api/networks", { name, ...body }));
      expectError(res, 400, "invalid_input", /Unknown (network|IPAM) driver .*must be installed/);
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });

  describe("with a slow engine", () => {
    let proxy: SocketProxy;
    let server: RunningServer;
    const netName = uniqueName("hd-q");
    const containers = Array.from({ length: 10 }, (_, i) => uniqueName(`hd-q${i}`));
    const TIMEOUT_MS = 4000;
    const DEADLINE_MS = TIMEOUT_MS * 1.5;

    beforeAll(async () => {
      cliOnFreeSubnet((a, b) => createNetwork(netName, "--subnet", `10.${a}.${b}.0/24`));
      for (const c of containers) runContainer(c);
      proxy = await startSocketProxy(`/tmp/cnmap-hd-proxy-${process.pid}.sock`);
      server = await startServer(await freePort(), { DOCKER_HOST: proxy.dockerHost, CNMAP_ENGINE_TIMEOUT_MS: String(TIMEOUT_MS) });
    });
    afterAll(async () => {
      proxy?.hold(null);
      await server?.stop();
      await proxy?.close();
      cleanupLabelled();
    });

    it("is bounded: a full queue answers 429 at once, a request past its deadline leaves unrun, and nothing refused changed anything", async () => {
      // Every connect the engine gets is held 3 s: the first runs while the others queue.
      proxy.hold(/^POST \S*\/networks\/[^/\s]+\/connect /, 3000);
      const sent = Date.now();
      const answers = await Promise.all(
        containers.map(async (c) => {
          const res = await post(server.url, `/api/networks/${netName}/connect`, { container: c });
          return { container: c, res, after: Date.now() - sent };
        }),
      );
      const byStatus = (s: number): typeof answers => answers.filter((a) => a.res.status === s);
      // One runs, eight wait: the tenth finds the queue full.
      expect(byStatus(429)).toHaveLength(1);
      expect(byStatus(429)[0]!.after).toBeLessThan(1500);
      expectError(byStatus(429)[0]!.res, 429, "busy", /already waiting/);
      expect(byStatus(204).length).toBeGreaterThanOrEqual(1);
      const busy = byStatus(503);
      expect(busy.length).toBeGreaterThanOrEqual(6);
      for (const a of busy) expectError(a.res, 503, "engine_busy", /was not run; nothing was changed/);
      // Nobody waits past the deadline (plus the time to answer).
      for (const a of answers) expect(a.after, `${a.res.status} ${a.res.text}`).toBeLessThan(DEADLINE_MS + 1500);
      for (const a of answers) expect([204, 429, 503, 504], a.res.text).toContain(a.res.status);

      // Let the queue drain, then ask the engine: what answered 204 is connected, what was refused is not.
      await waitFor(
        async () => {
          const h = await health(server.url);
          return !h.session.mutations.running && h.session.mutations.waiting === 0;
        },
        20_000,
        "the queue to drain",
      );
      proxy.hold(null);
      for (const a of answers) {
        const [c] = inspect<ContainerInspect>(a.container);
        const connected = Object.keys(c?.NetworkSettings.Networks ?? {}).includes(netName);
        if (a.res.status === 204) expect(connected, a.container).toBe(true);
        if (a.res.status === 429 || a.res.status === 503) expect(connected, `${a.container}: ${a.res.text}`).toBe(false);
      }
      const h = await health(server.url);
      expect(h.session.mutations.refusedFull).toBe(1);
      expect(h.session.mutations.expiredWaiting).toBe(busy.length);
      // Every container still restarts. (Not with the blocking CLI helper: a test process blocked for seconds cannot see the
      // server close its idle keep-alive connections, and its next fetch would go out on a closed one.)
      await execFileAsync("docker", ["restart", "-t", "0", ...containers]);
    });

    it("serves a burst of 200 reads with a few engine reads, on a bounded number of connections", async () => {
      expect((await fetch(`${server.url}/api/topology`)).status, server.log()).toBe(200);
      const before = await health(server.url);
      proxy.resetStats();
      const statuses = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const res = await fetch(`${server.url}/api/topology`);
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      const after = await health(server.url);
      // Served by the live model (or, while it is built, by shared reads): a few full engine reads, not one per request
      // (as before). A few: the model's periodic full read may fall within the burst.
      const reads = after.session.reads + after.session.model.fullReads - (before.session.reads + before.session.model.fullReads);
      expect(reads).toBeLessThanOrEqual(5);
      // 16 request connections at most, plus the event stream.
      expect(proxy.stats().maxOpen, JSON.stringify(proxy.stats())).toBeLessThanOrEqual(16 + 1);
    });
  });
});

describe("a client that goes away mid-upload", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(await freePort());
  });
  afterAll(async () => server?.stop());

  /** Sends the headers and half a body, waits for the server to read it, then hangs up. */
  function abortedUpload(port: number): Promise<void> {
    return new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /api/networks HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"name":"${"x".repeat(1000)}`,
        );
        setImmediate(() => {
          socket.destroy();
          resolve();
        });
      });
      socket.on("error", () => resolve());
    });
  }

  it("is not logged as an internal error: 100 aborts, no error line, no stack", async () => {
    const port = Number(new URL(server.url).port);
    const before = (await health(server.url)).clientGone;
    for (let i = 0; i < 100; i++) await abortedUpload(port);
    // Each one reached its handler, which saw the client go (the server still answers meanwhile).
    await waitFor(async () => (await health(server.url)).clientGone === before + 100, 20_000, "the aborted requests to be handled");
    expect(server.log()).not.toMatch(/unexpected error|Internal error|aborted|ECONNRESET|\n\s+at /);
  });
});

describe("settings are checked at startup", () => {
  it("a value outside the allowed ones stops the server with a message naming the variable", async () => {
    const bad: [string, string, RegExp][] = [
      ["CNMAP_READ_ONLY", "maybe", /CNMAP_READ_ONLY="maybe" is not a yes\/no value: use one of 1, true, yes, on, 0, false, no, off/],
      ["CNMAP_ENGINE_TIMEOUT_MS", "fast", /CNMAP_ENGINE_TIMEOUT_MS="fast" must be a whole number of milliseconds/],
      ["DOCKER_HOST", "ftp://engine", /DOCKER_HOST="ftp:\/\/engine" is not an engine address/],
    ];
    for (const [name, value, message] of bad) {
      const { code, log } = await serverExit(await freePort(), { [name]: value });
      expect(code, log).toBe(2);
      expect(log).toMatch(message);
    }
  });

  it("accepts the common spellings of yes: CNMAP_READ_ONLY=TRUE makes a read-only server", async () => {
    const server = await startServer(await freePort(), { CNMAP_READ_ONLY: "TRUE" });
    try {
      expect((await health(server.url)).readOnly).toBe(true);
      const res: RawResponse = await post(server.url, "/api/networks", { name: uniqueName("hd-ro") });
      expectError(res, 403, "forbidden", /read-only/);
      expect(json<{ error: { code: string } }>(res).error.code).toBe("forbidden");
      expect(server.log()).not.toMatch(/ZodError|unexpected error/);
    } finally {
      await server.stop();
    }
  });
});

describe("label values in the read routes", () => {
  const netName = uniqueName("hd-lbl");
  const ctr = uniqueName("hd-lblc");
  const project = uniqueName("shop");
  const secrets = ["hunter2", "/home/alice/src/shop", "abc123token"];
  let servers: RunningServer[] = [];

  beforeAll(() => {
    createNetwork(netName, "--label", "db.password=hunter2", "--label", "owner=ops");
    runContainer(ctr, [
      "--network", netName,
      "--label", `com.docker.compose.project=${project}`,
      "--label", "com.docker.compose.project.working_dir=/home/alice/src/shop",
      "--label", "app.token=abc123token",
      "--label", "team=payments",
    ]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    cleanupLabelled();
  });

  async function shown(base: string): Promise<{ container: Record<string, string>; network: Record<string, string>; inspect: Record<string, string>; text: string }> {
    const res = await fetch(`${base}/api/topology`);
    const text = await res.text();
    const t = JSON.parse(text) as Topology;
    const container = t.sandboxes.flatMap((s) => s.containers).find((c) => c.name === ctr)?.labels ?? {};
    const network = t.networks.find((n) => n.name === netName)?.labels ?? {};
    const detail = await fetch(`${base}/api/networks/${netName}`);
    const detailText = await detail.text();
    const inspect = (JSON.parse(detailText) as { network: { Labels: Record<string, string> } }).network.Labels;
    return { container, network, inspect, text: text + detailText };
  }

  it("hides secrets and host paths by default, keeping the compose project and plain labels", async () => {
    const s = await shown(api);
    expect(s.container).toMatchObject({
      "com.docker.compose.project": project,
      "com.docker.compose.project.working_dir": "(hidden)",
      "app.token": "(hidden)",
      team: "payments",
    });
    expect(s.network).toMatchObject({ "db.password": "(hidden)", owner: "ops" });
    expect(s.inspect).toMatchObject({ "db.password": "(hidden)", owner: "ops" });
    for (const secret of secrets) expect(s.text).not.toContain(secret);
    // The engine itself is unchanged: the labels are hidden on the way out only.
    expect(inspect<ContainerInspect>(ctr)[0]?.Config.Labels?.["app.token"]).toBe("abc123token");
  });

  it("CNMAP_LABELS_KEEP shows only the listed keys' values; CNMAP_LABELS_HIDE=none shows everything", async () => {
    const keep = await startServer(await freePort(), { CNMAP_LABELS_KEEP: "team,owner" });
    const none = await startServer(await freePort(), { CNMAP_LABELS_HIDE: "none" });
    servers = [keep, none];
    const k = await shown(keep.url);
    expect(k.container).toMatchObject({ "com.docker.compose.project": project, team: "payments", "app.token": "(hidden)" });
    expect(k.network).toEqual({ "cnmap.test": "(hidden)", "db.password": "(hidden)", owner: "ops" });
    const n = await shown(none.url);
    expect(n.container).toMatchObject({ "app.token": "abc123token", "com.docker.compose.project.working_dir": "/home/alice/src/shop" });
    expect(n.network).toMatchObject({ "db.password": "hunter2" });
  });
});
