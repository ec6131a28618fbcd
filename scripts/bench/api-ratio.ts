/**
 * GET /api/topology end to end against the two raw list calls a full read
 * makes (GET /networks and /containers/json?all=1, in parallel over the
 * socket), in the same run, alternating which goes first. Both are timed
 * with the same client (node:http, keep-alive, no compression) until the last
 * byte of the body. Served from the live model, the API should be no slower
 * than the engine's own lists (goal: ratio of medians at most 1.0x). For
 * information: the API by fetch as a browser asks (gzip), the HTTP + Next
 * floor (GET /api/health), and the container inspects the server made
 * meanwhile (0 in steady state).
 */
import http from "node:http";
import { before, GOALS, type Figure } from "./figures";
import { ms, stats, table, timed } from "./report";
import { health } from "./server";

const RUNS = 30;
const WARMUP = 10;
export const RAW_CALLS = ["/networks", "/containers/json?all=1"];

/** The engine socket (or TCP address) from DOCKER_HOST, as docker-modem reads it. */
function engineTarget(): { socketPath: string } | { host: string; port: number } {
  const host = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  if (host.startsWith("tcp://") && !process.env.DOCKER_TLS_VERIFY) {
    const url = new URL(host.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  throw new Error(`the raw engine timing supports unix:// and plain tcp:// engines, not ${host}`);
}

/** Keep-alive agents, as the server's own clients keep their connections. */
const engineAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const apiAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET with node:http, until the last byte of the body (discarded); no Accept-Encoding, so uncompressed. */
function httpGet(target: http.RequestOptions, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...target, path: pathname, method: "GET" }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${pathname}: ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function rawListCalls(): Promise<number> {
  const target = { ...engineTarget(), agent: engineAgent };
  const sizes = await Promise.all(RAW_CALLS.map((p) => httpGet(target, p)));
  return sizes.reduce((a, b) => a + b, 0);
}

function apiGet(url: string, pathname: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return httpGet({ host: hostname, port: Number(port), agent: apiAgent }, pathname);
}

/** As a browser asks for it (fetch sends Accept-Encoding, so Next compresses the body). */
async function apiTopologyFetch(url: string): Promise<void> {
  const res = await fetch(`${url}/api/topology`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /api/topology: ${res.status}`);
}

export async function benchApiRatio(url: string, size: number): Promise<Figure> {
  for (let i = 0; i < WARMUP; i++) {
    await apiGet(url, "/api/topology");
    await apiTopologyFetch(url);
    await rawListCalls();
  }
  const apiBytes = await apiGet(url, "/api/topology");
  const rawBytes = await rawListCalls();

  const healthBefore = await health(url);
  const api: number[] = [];
  const raw: number[] = [];
  const gzip: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always meets a warmer engine.
    if (i % 2 === 0) {
      api.push(await timed(() => apiGet(url, "/api/topology")));
      raw.push(await timed(rawListCalls));
    } else {
      raw.push(await timed(rawListCalls));
      api.push(await timed(() => apiGet(url, "/api/topology")));
    }
    gzip.push(await timed(() => apiTopologyFetch(url)));
    floor.push(await timed(() => apiGet(url, "/api/health")));
  }
  const healthAfter = await health(url);

  const a = stats(api);
  const r = stats(raw);
  const g = stats(gzip);
  const f = stats(floor);
  const ratio = a.median / r.median;
  const inspects = healthAfter.inspects - healthBefore.inspects;
  const fullReads = healthAfter.session.model.fullReads - healthBefore.session.model.fullReads;
  console.log(
    `\n  GET /api/topology against the raw list calls: API body ${(apiBytes / 1024).toFixed(0)} KiB, ` +
      `raw bodies ${(rawBytes / 1024).toFixed(0)} KiB; ${inspects} container inspects and ${fullReads} full model reads during the runs\n`,
  );
  table(
    ["  measure", "runs", "median", "p95"],
    [
      ["  GET /api/topology (end to end, uncompressed)", String(a.runs), ms(a.median), ms(a.p95)],
      [`  raw list calls (${RAW_CALLS.join(" + ")}, in parallel)`, String(r.runs), ms(r.median), ms(r.p95)],
      ["  GET /api/topology by fetch (gzip, as a browser asks)", String(g.runs), ms(g.median), ms(g.p95)],
      ["  GET /api/health (HTTP + Next floor)", String(f.runs), ms(f.median), ms(f.p95)],
    ],
  );
  return {
    name: "GET /api/topology / raw list calls",
    runs: String(RUNS),
    median: `${ratio.toFixed(2)}x`,
    p95: `${(a.p95 / r.p95).toFixed(2)}x`,
    goal: `<= ${GOALS.ratio.toFixed(1)}x`,
    verdict: ratio <= GOALS.ratio ? "PASS" : "OVER",
    before: before(size, "ratio"),
    note: `ratio of medians ${ms(a.median)} / ${ms(r.median)}; the p95 column is the ratio of the p95s`,
  };
}
