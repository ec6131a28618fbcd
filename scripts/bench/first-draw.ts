/**
 * First draw after load: from navigation start until every network and
 * sandbox node the bench made is drawn (in the DOM, measured by React Flow:
 * it keeps a node `visibility: hidden` until then). A check on every
 * animation frame, installed before the page's own scripts, records the
 * frame's time since navigation start (`performance.now()`). Each run is a
 * fresh browser context: no cache, no saved arrangement, as a first visit.
 * One untimed load first, so the server has loaded the page's code.
 */
import { networkNodeId, sandboxNodeId } from "../../lib/graph/ids";
import { before, GOALS, timedFigure, type Figure } from "./figures";
import { inPage, VIEWPORT, type Browser, type Page } from "./browser";
import type { Fleet } from "./fleet";
import { log, ms } from "./report";

const DRAW_TIMEOUT_MS = 120_000;
const MARK = "cnmap.bench.firstDraw";

interface DrawTimes {
  /** Navigation start to the frame in which every expected node is drawn. */
  drawn: number;
  /** Navigation start to the end of the GET /api/topology response (for information). */
  topology: number;
}

/** Runs at document start: checks once per frame whether every expected node is drawn, and records when. */
const installDrawCheck = inPage(({ ids, mark }: { ids: string[]; mark: string }) => {
  const want = new Set(ids);
  const key = Symbol.for(mark);
  // The figures that follow count the page's topology fetches: keep more than the default 250 entries.
  performance.setResourceTimingBufferSize(100_000);
  const check = {
    frame(): void {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (nodes.length >= want.size) {
        let drawn = 0;
        for (const n of nodes) if (want.has(n.dataset.id ?? "") && n.style.visibility !== "hidden") drawn += 1;
        if (drawn === want.size) {
          (window as unknown as Record<symbol, number>)[key] = performance.now();
          return;
        }
      }
      requestAnimationFrame(() => check.frame());
    },
  };
  requestAnimationFrame(() => check.frame());
});

async function loadOnce(browser: Browser, url: string, ids: string[]): Promise<{ page: Page; times: DrawTimes }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(installDrawCheck, { ids, mark: MARK });
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    inPage((mark: string) => (window as unknown as Record<symbol, number | undefined>)[Symbol.for(mark)]),
    MARK,
    { timeout: DRAW_TIMEOUT_MS, polling: 100 },
  );
  const drawn = (await handle.jsonValue()) as number;
  const topology = await page.evaluate(
    inPage(() => {
      const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/topology"));
      return entry ? (entry as PerformanceResourceTiming).responseEnd : NaN;
    }),
  );
  return { page, times: { drawn, topology } };
}

/**
 * Returns the figure and the page of the last run, left open at its first
 * view (fit to the graph) for the figures that follow.
 */
/** The canvas nodes of the fleet in the view of each sandbox: its networks and sandboxes. */
export function fleetNodeIds(fleet: Fleet): string[] {
  return [...fleet.networks.map((n) => networkNodeId(n.id)), ...fleet.containers.map((c) => sandboxNodeId(c.id))];
}

/**
 * `url` is the page to load, `ids` the canvas nodes that must all be drawn;
 * `suffix` names the view measured (", grouped view").
 */
export async function benchFirstDraw(browser: Browser, url: string, ids: string[], size: number, runs: number, suffix = ""): Promise<{ figure: Figure; page: Page }> {
  log(`first draw${suffix}: one untimed load, then ${runs} timed ...`);
  const warm = await loadOnce(browser, url, ids);
  await warm.page.context().close();
  const drawn: number[] = [];
  const fetched: number[] = [];
  let page: Page | undefined;
  for (let i = 0; i < runs; i++) {
    if (page) await page.context().close();
    const run = await loadOnce(browser, url, ids);
    page = run.page;
    drawn.push(run.times.drawn);
    fetched.push(run.times.topology);
    log(`  draw ${i + 1}: ${ms(run.times.drawn)} (topology received at ${ms(run.times.topology)})`);
  }
  if (!page) throw new Error("no first-draw run (--draws=0?)");
  const figure = timedFigure(`first draw after load${suffix}`, drawn, { median: GOALS.firstDrawMs }, { before: suffix ? undefined : before(size, "firstDraw") });
  const sortedFetch = [...fetched].sort((a, b) => a - b);
  figure.note = `first draw: ${ids.length} nodes; GET /api/topology had arrived at ${ms(sortedFetch[sortedFetch.length >> 1] ?? NaN)} (median), the rest is the browser's work`;
  return { figure, page };
}
