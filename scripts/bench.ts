/**
 * cnmap's benchmark (`npm run bench`): the figures of issue 9, each printed
 * next to its goal. It reports; it never fails on a slow figure (exit 1 only
 * when something errors: a figure that could not be measured, a failed
 * setup).
 *
 * 1. Pure transforms on synthetic engine JSON, 1,000 containers on 100
 *    networks (scripts/bench/pure.ts).
 * 2. For each size (default 200 and 1,000 sandboxes), against the real engine
 *    at DOCKER_HOST and Debian's Chromium:
 *    - makes its own labelled networks and containers (scripts/bench/fleet.ts:
 *      one network per 10 sandboxes, `docker create`/`start` on user-defined
 *      bridges, a third on two networks) and starts the built dashboard;
 *    - GET /api/topology against the two raw list calls, in the same run
 *      (api-ratio.ts; goal <= 1.0x);
 *    - in the view of each sandbox (?group=none) and, past 300 sandboxes, in
 *      the grouped view the canvas shows by itself:
 *    - first draw after load (first-draw.ts; goal < 1.5 s);
 *    - a `docker network connect` drawn, ~20 times (cli-change.ts; goals
 *      median < 150 ms, p95 < 300 ms);
 *    - frame time while panning and while zooming with the wheel
 *      (frames.ts; goal p95 < 33 ms);
 *    - server memory idle and with 500 event-stream clients, which must
 *      share one engine subscription (fan-out.ts);
 *    then stops the dashboard and removes what it made, also after a failure
 *    or Ctrl-C. The goals are the ones for 1,000 sandboxes; they are printed at
 *    every size, with issue 9's figures from before the live model.
 *
 * Options:
 *   --sizes=200,1000     sandboxes per run (default both)
 *   --draws=N            timed first draws per size (default 3)
 *   --repeats=N          timed CLI changes per size (default 20)
 *   --clients=N          event-stream clients for the memory figure (default 500)
 *   --skip-pure          no pure transforms
 *   --skip-engine        only the pure transforms
 *   --skip-browser       no Chromium figures (first draw, CLI change, frames)
 *   --skip-layout        no placeNodes timings among the pure transforms
 *   --layout-budget=S    seconds per placeNodes case (default 40, at least 3 runs)
 *   --rebuild            rebuild the dashboard even if the build looks current
 * Environment: DOCKER_HOST (the engine, default the local socket),
 *   CNMAP_BENCH_PORT (default 3230), CNMAP_DIST_DIR (build folder, default
 *   .next-bench), CNMAP_CHROMIUM (default /usr/bin/chromium).
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { docker } from "../test/support/docker-cli";
import { benchApiRatio } from "./bench/api-ratio";
import { launchBrowser, waitForLive, type Page } from "./bench/browser";
import { ensureBuild, portIsFree } from "./bench/build";
import { benchCliChange, type ChangeView } from "./bench/cli-change";
import { benchFanOut } from "./bench/fan-out";
import { failed, printFigures, type Figure } from "./bench/figures";
import { benchFirstDraw, fleetNodeIds } from "./bench/first-draw";
import { makeFleet, networksFor, removeFleet, stopMaking, type Fleet } from "./bench/fleet";
import { benchFrames } from "./bench/frames";
import { benchPure } from "./bench/pure";
import { errorText, log, table } from "./bench/report";
import { startBenchServer, treeRss, waitForLiveModel } from "./bench/server";
import { groupGraph } from "../lib/graph/group";
import { topologyToGraph } from "../lib/graph/to-graph";
import { GROUP_PARAM, resolveGroup } from "../lib/graph/view";
import type { Topology } from "../lib/topology/types";

const ROOT = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** A wrong option stops the bench before it makes anything. */
function usage(message: string): never {
  console.error(`[bench] ${message} (the options are listed at the top of scripts/bench.ts and in the README)`);
  process.exit(1);
}
function count(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) usage(`--${name} takes a whole number of at least 1`);
  return value;
}

const known = new Set(["sizes", "draws", "repeats", "clients", "skip-pure", "skip-engine", "skip-browser", "skip-layout", "layout-budget", "rebuild"]);
for (const a of args) {
  if (!known.has(a.replace(/^--/, "").replace(/=.*$/, ""))) usage(`unknown option ${a}`);
}
const SIZES = (option("sizes") ?? "200,1000").split(",").map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 3) usage(`--sizes takes whole numbers of at least 3, not "${s}"`);
  return n;
});
const DRAWS = count("draws", 3);
const REPEATS = count("repeats", 20);
const CLIENTS = count("clients", 500);
const LAYOUT_BUDGET_MS = count("layout-budget", 40) * 1000;
const DIST_DIR = process.env.CNMAP_DIST_DIR || ".next-bench";
const PORT = Number(process.env.CNMAP_BENCH_PORT ?? 3230);
const ENGINE = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";

/** What to undo on the way out, newest first: the browser, the server, the containers. */
const undo: { what: string; run: () => Promise<void> | void }[] = [];

async function cleanup(): Promise<void> {
  while (undo.length > 0) {
    const step = undo.pop() as (typeof undo)[number];
    try {
      await step.run();
    } catch (err) {
      console.error(`[bench] cleanup (${step.what}) failed: ${errorText(err)}`);
    }
  }
}

/** Registers an undo for the way out; the returned function runs it now (once) instead. */
function hold(what: string, release: () => Promise<void> | void): () => Promise<void> {
  const entry = { what, run: release };
  undo.push(entry);
  return async () => {
    const i = undo.indexOf(entry);
    if (i < 0) return;
    undo.splice(i, 1);
    await entry.run();
  };
}

/** Measures one figure (or several); an error becomes an ERROR row and the bench goes on. */
async function measure(figures: Figure[], name: string, goal: string, fn: () => Promise<Figure | Figure[]>): Promise<void> {
  try {
    const result = await fn();
    figures.push(...(Array.isArray(result) ? result : [result]));
  } catch (err) {
    log(`${name}: ${errorText(err)}`);
    figures.push(failed(name, goal, err));
  }
}

async function benchSize(size: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const networkCount = networksFor(size);
  let header = `Figures at ${size} sandboxes`;
  log(`size ${size}: making ${networkCount} networks and ${size} containers on ${ENGINE} ...`);
  // Removal goes by the run's label, so it also clears a fleet that failed half-way.
  const releaseFleet = hold("remove the bench's containers and networks", removeFleet);
  try {
    const fleet = await makeFleet(size, networkCount);
    const server = await startBenchServer(PORT, DIST_DIR);
    const releaseServer = hold("stop the dashboard", () => server.stop());
    try {
      const topology = await waitForLiveModel(server.url);
      header = `${header}: engine ${ENGINE} (Docker ${topology.engine.version})`;
      console.log(
        `\n${size} sandboxes: ${size} containers made on ${networkCount} networks (a third on two); the topology holds ` +
          `${topology.networks.length} networks, ${topology.sandboxes.length} sandboxes and ${topology.endpoints.length} endpoints`,
      );
      await measure(figures, "GET /api/topology / raw list calls", "<= 1.0x", () => benchApiRatio(server.url, size));
      const idleRss = treeRss(server.pid);
      if (!flag("skip-browser")) {
        // Chromium failing to start is an error row too, and the memory figures still run.
        await measure(figures, "Chromium figures", "-", async () => {
          await browserFigures(figures, server.url, fleet, size, topology);
          return [];
        });
      }
      await measure(figures, "server memory and fan-out", "report", () =>
        benchFanOut({ url: server.url, pid: server.pid, clients: CLIENTS, fleet, idleRss }),
      );
    } finally {
      await releaseServer();
    }
  } catch (err) {
    log(`size ${size}: ${errorText(err)}`);
    figures.push(failed(`setup at ${size} sandboxes`, "-", err));
  } finally {
    await releaseFleet();
  }
  printFigures(header, figures);
  return figures;
}

/**
 * For each view, first draw, then, on the page it left at its first view,
 * CLI changes, panning and zooming. The view of each sandbox (`?group=none`)
 * is measured at every size; the grouped view, which the canvas shows by
 * itself past GROUP_AUTO_FROM sandboxes, where it does.
 */
async function browserFigures(figures: Figure[], url: string, fleet: Fleet, size: number, topology: Topology): Promise<void> {
  const browser = await launchBrowser();
  const releaseBrowser = hold("close Chromium", () => browser.close());
  const views: { suffix: string; path: string; ids: string[]; change: ChangeView }[] = [
    { suffix: "", path: `/?${GROUP_PARAM}=none`, ids: fleetNodeIds(fleet), change: "each" },
  ];
  if (resolveGroup("auto", topology.sandboxes.length) !== "none") {
    // Every node of the default view: networks, clusters, and the sandboxes alone in theirs.
    const grouped = groupGraph(topologyToGraph(topology), { by: resolveGroup("auto", topology.sandboxes.length), expanded: new Set() });
    views.push({ suffix: ", grouped view", path: "/", ids: grouped.nodes.map((n) => n.id), change: "grouped" });
  }
  try {
    log(`Chromium ${browser.version()}`);
    for (const view of views) {
      let page: Page | undefined;
      await measure(figures, `first draw after load${view.suffix}`, "< 1.5 s", async () => {
        const run = await benchFirstDraw(browser, `${url}${view.path}`, view.ids, size, DRAWS, view.suffix);
        page = run.page;
        return run.figure;
      });
      const shown = page;
      if (!shown) continue;
      await measure(figures, `a CLI change drawn${view.suffix}`, "median < 150 ms, p95 < 300 ms", async () => {
        await waitForLive(shown);
        return benchCliChange(shown, url, fleet, size, REPEATS, view.change);
      });
      await measure(figures, `frame time while panning / zooming${view.suffix}`, "p95 < 33 ms", () => benchFrames(shown, size, view.suffix));
      await shown.context().close();
    }
  } finally {
    await releaseBrowser();
  }
}

function printSummary(results: { size: number; figures: Figure[] }[]): void {
  if (results.length < 2) return;
  const names = [...new Set(results.flatMap((r) => r.figures.map((f) => f.name)))];
  const cell = (f: Figure | undefined): string => {
    if (!f) return "";
    const value = f.p95 !== "-" && f.runs !== "1" ? `${f.median} / ${f.p95}` : f.median;
    return f.verdict === "report" ? value : `${value} ${f.verdict}`;
  };
  console.log("\nSummary (median / p95, and the verdict against the goal at 1,000)\n");
  table(
    ["figure", ...results.map((r) => `${r.size} sandboxes`), "goal (at 1,000)"],
    names.map((name) => {
      const row = results.map((r) => r.figures.find((f) => f.name === name));
      const goal = row.find((f) => f)?.goal ?? "";
      return [name, ...row.map(cell), goal];
    }),
  );
}

async function benchEngine(): Promise<boolean> {
  const up = spawnSync("bash", [path.join(ROOT, "scripts", "engine-up.sh")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (up.status !== 0) throw new Error("no engine (scripts/engine-up.sh failed)");
  ensureBuild(ROOT, DIST_DIR, flag("rebuild"));
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is taken; set CNMAP_BENCH_PORT`);
  log(`engine ${ENGINE}: Docker ${docker("version", "--format", "{{.Server.Version}}")}`);
  const results: { size: number; figures: Figure[] }[] = [];
  for (const size of SIZES) results.push({ size, figures: await benchSize(size) });
  printSummary(results);
  return results.every((r) => r.figures.every((f) => f.verdict !== "ERROR"));
}

async function main(): Promise<boolean> {
  console.log(`cnmap benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(2)}`);
  if (!flag("skip-pure")) benchPure({ layout: !flag("skip-layout"), layoutBudgetMs: LAYOUT_BUDGET_MS });
  if (flag("skip-engine")) return true;
  return benchEngine();
}

let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log("interrupted: cleaning up ...");
  void stopMaking()
    .then(cleanup)
    .finally(() => process.exit(130));
});

main()
  .then(async (ok) => {
    await cleanup();
    if (!ok) console.error("\n[bench] some figures could not be measured (ERROR above)");
    process.exit(ok ? 0 : 1);
  })
  .catch(async (err: unknown) => {
    console.error(`\n[bench] error: ${errorText(err)}`);
    await cleanup();
    process.exit(1);
  });
