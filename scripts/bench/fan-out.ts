/**
 * Server memory, idle and with 500 concurrent event-stream clients: the
 * resident set of the server's process tree from /proc. The clients are
 * plain HTTP connections to GET /api/events that read everything sent; they
 * count once the server's hub lists them. With them connected, one change
 * (`docker network connect`, then its disconnect) must reach every one of
 * them as a patch, while the server keeps one engine subscription
 * (`events.upstreams` in /api/health stays 1, and none is opened anew).
 */
import http from "node:http";
import { endpointKey, type TopologyPatch } from "../../lib/topology/patch";
import { timedFigure, type Figure } from "./figures";
import { dockerAsync, type Fleet } from "./fleet";
import { log, mib, ms, withTimeout } from "./report";
import { health, treeRss, until } from "./server";

const CONNECT_TIMEOUT_MS = 60_000;
const DELIVERY_TIMEOUT_MS = 30_000;

/** One event-stream client: reads everything, and notes the endpoints its patches put and delete. */
class StreamClient {
  opened = false;
  failed: unknown = null;
  readonly put = new Set<string>();
  readonly deleted = new Set<string>();
  private buffer = "";
  private closing = false;
  private readonly req: http.ClientRequest;

  constructor(
    url: string,
    private readonly onPatch: () => void,
  ) {
    const { hostname, port } = new URL(url);
    const options = { host: hostname, port: Number(port), path: "/api/events", agent: false, headers: { Accept: "text/event-stream" } };
    this.req = http.get(options, (res) => {
      if (res.statusCode !== 200) {
        this.failed = new Error(`GET /api/events: ${res.statusCode}`);
        res.resume();
        return;
      }
      this.opened = true;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => this.feed(chunk));
      res.on("error", (err) => this.fail(err));
    });
    this.req.on("error", (err) => this.fail(err));
  }

  close(): void {
    this.closing = true;
    this.req.destroy();
  }

  private fail(err: unknown): void {
    if (!this.closing) this.failed ??= err;
  }

  /** The server frames messages as `event: …\ndata: …\n\n` (lib/events/sse.ts). */
  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (!frame.startsWith("event: patch\n")) continue;
      const data = frame.split("\n").find((l) => l.startsWith("data: "));
      if (!data) continue;
      const patch = JSON.parse(data.slice("data: ".length)) as TopologyPatch;
      for (const e of patch.endpoints?.put ?? []) this.put.add(endpointKey(e));
      for (const key of patch.endpoints?.del ?? []) this.deleted.add(key);
      this.onPatch();
    }
  }
}

export interface FanOutOptions {
  url: string;
  pid: number;
  clients: number;
  /** The server's RSS once its model was first built, before any browser. */
  idleRss: number;
  fleet: Fleet;
}

export async function benchFanOut({ url, pid, clients, fleet, idleRss }: FanOutOptions): Promise<Figure[]> {
  const base = await health(url);
  const beforeClients = treeRss(pid);
  log(`fan-out: opening ${clients} event-stream clients ...`);
  let onPatch: (() => void) | null = null;
  const streams = Array.from({ length: clients }, () => new StreamClient(url, () => onPatch?.()));
  try {
    await until(
      async () => {
        const broken = streams.find((s) => s.failed);
        if (broken) throw broken.failed;
        const h = await health(url);
        return streams.every((s) => s.opened) && h.events.listeners >= base.events.listeners + clients ? true : undefined;
      },
      CONNECT_TIMEOUT_MS,
      `${clients} event-stream clients to be connected`,
    );
    const connected = treeRss(pid);
    const during = await health(url);

    // One change there and back, which every client must receive.
    const c = fleet.containers.find((x) => x.networks.length === 1);
    const other = fleet.networks.find((n) => n.name !== c?.networks[0]);
    if (!c || !other) throw new Error("no container and network to change");
    const key = endpointKey({ sandboxId: c.id, networkId: other.id });
    const deliveries: number[] = [];
    for (const [command, received] of [
      [["network", "connect", other.name, c.name], (s: StreamClient) => s.put.has(key)],
      [["network", "disconnect", other.name, c.name], (s: StreamClient) => s.deleted.has(key)],
    ] as const) {
      const t0 = performance.now();
      const reached = new Promise<number>((resolve) => {
        onPatch = () => {
          if (!streams.every(received)) return;
          onPatch = null;
          resolve(performance.now());
        };
      });
      await dockerAsync(...command);
      const at = await withTimeout(reached, DELIVERY_TIMEOUT_MS, `the patch of \`docker ${command.join(" ")}\` reaching all ${clients} clients`);
      deliveries.push(at - t0);
    }
    const afterPatches = treeRss(pid);
    const after = await health(url);
    const upstreams = Math.max(during.events.upstreams, after.events.upstreams);
    const opened = after.events.upstreamsOpened - base.events.upstreamsOpened;
    const oneSubscription = upstreams === 1 && opened === 0;
    const report = (name: string, value: string): Figure => ({ name, runs: "1", median: value, p95: "-", goal: "report", verdict: "report" });
    return [
      report("server memory (RSS), idle", mib(idleRss)),
      {
        ...report(`server memory (RSS), ${clients} event-stream clients`, mib(connected)),
        note: `memory: ${mib(beforeClients)} just before the clients connected (after the browser figures), ${mib(afterPatches)} after 2 patches sent to all ${clients}`,
      },
      {
        name: `engine subscriptions with ${clients} clients`,
        runs: "1",
        median: String(upstreams),
        p95: "-",
        goal: "1",
        verdict: oneSubscription ? "PASS" : "OVER",
        note: `fan-out: events.upstreams ${during.events.upstreams} with the clients connected, ${after.events.upstreams} after the patches; ${opened} subscriptions opened meanwhile; ${after.events.slowClientsDropped - base.events.slowClientsDropped} slow clients dropped`,
      },
      timedFigure(`  a CLI change reaching all ${clients} clients`, deliveries, {}, { note: `fan-out: each patch reached every client, in ${deliveries.map(ms).join(" and ")} from the command's start` }),
    ];
  } finally {
    for (const s of streams) s.close();
    await until(async () => ((await health(url)).events.listeners <= base.events.listeners ? true : undefined), CONNECT_TIMEOUT_MS, "the event-stream clients to be gone").catch(
      (err: unknown) => log(`fan-out: ${String(err)}`),
    );
  }
}
