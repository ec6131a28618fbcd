/**
 * A CLI change drawn: the bench runs `docker network connect` for a running
 * container of its own and times, from just before the command starts, until
 * the new endpoint's edge is in the page's DOM (a MutationObserver in the
 * page stamps the moment; both clocks are epoch-based on one machine). Then
 * `docker network disconnect` undoes it, timed the same way until the edge is
 * gone (for information), before the next repeat. Two untimed repeats first.
 */
import { endpointEdgeId, networkNodeId } from "../../lib/graph/ids";
import { epochNow, inPage, type Page } from "./browser";
import { before, GOALS, timedFigure, type Figure } from "./figures";
import { dockerAsync, type Fleet } from "./fleet";
import { log, ms, stats, withTimeout } from "./report";
import { health } from "./server";

const WARMUP = 2;
const EDGE_TIMEOUT_MS = 30_000;

interface Watch {
  /** Epoch ms when the edge was (or was no longer) in the DOM. */
  seen: Promise<number>;
}

/** Starts watching the DOM for the edge to appear (`present`) or go; resolves with the epoch time it did. */
const watchEdge = inPage(({ selector, present }: { selector: string; present: boolean }): Watch => {
  const watch = {
    holds(): boolean {
      return (document.querySelector(selector) !== null) === present;
    },
  };
  const seen = new Promise<number>((resolve) => {
    if (watch.holds()) {
      resolve(performance.timeOrigin + performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!watch.holds()) return;
      observer.disconnect();
      resolve(performance.timeOrigin + performance.now());
    });
    // Grouped, the change is an attribute of a node already drawn (its endpoint count).
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-endpoints"] });
  });
  return { seen };
});

/**
 * What shows a connect on the canvas: in the view of each sandbox, its edge;
 * in the grouped view, where the sandbox is inside a cluster, the network's
 * endpoint count (the label it shows zoomed out).
 */
export type ChangeView = "each" | "grouped";

function changeSelector(view: ChangeView, edgeId: string, networkId: string, endpoints: number): string {
  return view === "each" ? `.react-flow__edge[data-id="${edgeId}"]` : `.react-flow__node[data-id="${networkNodeId(networkId)}"] [data-endpoints="${endpoints}"]`;
}

/** Runs the docker command and returns when the page shows its effect (`selector` there, or gone): times from the command's start. */
async function timeChange(page: Page, selector: string, present: boolean, command: string[]): Promise<{ drawn: number; cli: number }> {
  const watch = await page.evaluateHandle(watchEdge, { selector, present });
  try {
    const t0 = epochNow();
    await dockerAsync(...command);
    const cli = epochNow() - t0;
    const what = `${selector} ${present ? "drawn" : "gone"} after \`docker ${command.join(" ")}\``;
    const seen = await withTimeout(watch.evaluate((w) => w.seen), EDGE_TIMEOUT_MS, what);
    return { drawn: seen - t0, cli };
  } finally {
    await watch.dispose();
  }
}

/** How many times the page has fetched the whole topology (it does after a version gap, instead of applying a patch). */
const topologyFetches = inPage((): number => performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/topology")).length);

/** The network's endpoint count the page shows now. */
async function shownEndpoints(page: Page, networkId: string): Promise<number> {
  const value = await page.locator(`.react-flow__node[data-id="${networkNodeId(networkId)}"] [data-endpoints]`).first().getAttribute("data-endpoints");
  const n = Number(value);
  if (value === null || !Number.isInteger(n)) throw new Error(`network ${networkId} shows no endpoint count`);
  return n;
}

export async function benchCliChange(page: Page, url: string, fleet: Fleet, size: number, repeats: number, view: ChangeView = "each"): Promise<Figure[]> {
  // Running containers on one network, each connected to a network it is not on (and disconnected again).
  const single = fleet.containers.filter((c) => c.networks.length === 1);
  if (single.length === 0 || fleet.networks.length < 2) throw new Error("no container on a single network to connect");
  const pick = (i: number): { container: string; network: { id: string; name: string }; sandbox: string } => {
    const c = single[(i * 7) % single.length] as (typeof single)[number];
    const own = fleet.networks.findIndex((n) => n.name === c.networks[0]);
    const network = fleet.networks[(own + 1 + (i % (fleet.networks.length - 1))) % fleet.networks.length] as { id: string; name: string };
    return { container: c.name, network, sandbox: c.id };
  };

  log(`CLI change: ${WARMUP} untimed, then ${repeats} timed docker network connect/disconnect ...`);
  const connect: number[] = [];
  const disconnect: number[] = [];
  const cli: number[] = [];
  let refetches = 0;
  let fullReads = 0;
  for (let i = 0; i < WARMUP + repeats; i++) {
    const { container, network, sandbox } = pick(i);
    const edge = endpointEdgeId(network.id, sandbox);
    const count = view === "grouped" ? await shownEndpoints(page, network.id) : 0;
    const [fetchesBefore, healthBefore] = await Promise.all([page.evaluate(topologyFetches), health(url)]);
    const on = await timeChange(page, changeSelector(view, edge, network.id, count + 1), true, ["network", "connect", network.name, container]);
    const [fetchesAfter, healthAfter] = await Promise.all([page.evaluate(topologyFetches), health(url)]);
    // Gone: the edge leaves; grouped, the count goes back.
    const off =
      view === "each"
        ? await timeChange(page, changeSelector(view, edge, network.id, 0), false, ["network", "disconnect", network.name, container])
        : await timeChange(page, changeSelector(view, edge, network.id, count), true, ["network", "disconnect", network.name, container]);
    if (i < WARMUP) continue;
    connect.push(on.drawn);
    cli.push(on.cli);
    disconnect.push(off.drawn);
    // For reading outliers: a whole-topology fetch in the page, or a full read of the engine on the server (every 10 s).
    const fetched = fetchesAfter - fetchesBefore;
    const full = healthAfter.session.model.fullReads - healthBefore.session.model.fullReads;
    refetches += fetched > 0 ? 1 : 0;
    fullReads += full > 0 ? 1 : 0;
    const remarks = [fetched > 0 ? "the page fetched the whole topology" : "", full > 0 ? "the model read the engine in full" : ""].filter(Boolean);
    log(
      `  ${i - WARMUP + 1}/${repeats}: connect drawn in ${ms(on.drawn)} (the command took ${ms(on.cli)}), disconnect gone in ${ms(off.drawn)}` +
        (remarks.length > 0 ? `; meanwhile ${remarks.join(", and ")}` : ""),
    );
  }
  const connected = timedFigure(
    view === "each" ? "a CLI change drawn (docker network connect)" : "a CLI change drawn, grouped view",
    connect,
    { median: GOALS.cliChangeMedianMs, p95: GOALS.cliChangeP95Ms },
    { before: before(size, "cliChange") },
  );
  const cliStats = stats(cli);
  connected.note =
    `a CLI change: timed from the command's start; the docker command itself took ${ms(cliStats.median)} (median), ${ms(cliStats.p95)} (p95); ` +
    `in ${refetches} of ${repeats} connects the page fetched the whole topology, in ${fullReads} the model read the engine in full`;
  return [connected, timedFigure(view === "each" ? "  the disconnect gone from the canvas" : "  the disconnect drawn, grouped view", disconnect, {})];
}
