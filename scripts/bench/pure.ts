/**
 * Pure transforms, on synthetic engine JSON for 1,000 containers on 100
 * networks (./synthetic.ts): engine JSON -> topology (buildTopology),
 * topology -> React Flow nodes and edges (topologyToGraph), aim under 20 ms
 * each; and, for information, what the browser computes on updates and on
 * demand, and node placement (placeNodes) with no known position (first
 * layout) and with all but 10 known (an update), and the first layout of the
 * largest graph that still gets dagre (DAGRE_LIMIT nodes besides the host).
 */
import { EMPTY_FILTER, filterTopology } from "../../lib/graph/filter";
import { highlightFor } from "../../lib/graph/highlight";
import { DAGRE_LIMIT, placeNodes, satelliteIds } from "../../lib/graph/layout";
import { searchTopology } from "../../lib/graph/search";
import { topologyToGraph } from "../../lib/graph/to-graph";
import type { GraphEdge, GraphNode, XY } from "../../lib/graph/types";
import { advise } from "../../lib/insights/advisor";
import { dnsView } from "../../lib/insights/dns";
import { reachMatrix } from "../../lib/insights/reachability";
import { buildTopology } from "../../lib/topology/build";
import { log, ms, stats, table, timeBudgeted, timeRuns, type Stats } from "./report";
import { syntheticSnapshot } from "./synthetic";

const CONTAINERS = 1000;
const NETWORKS = 100;
const TRANSFORM_AIM_MS = 20;
const TRANSFORM_RUNS = 50;
const LAYOUT_MAX_RUNS = 30;

export interface PureOptions {
  /** Time placeNodes too. */
  layout: boolean;
  /** Milliseconds to spend per layout case (at least 3 runs). */
  layoutBudgetMs: number;
}

export function benchPure(options: PureOptions): void {
  const snapshot = syntheticSnapshot({ containers: CONTAINERS, networks: NETWORKS, seed: 42 });
  const topology = buildTopology(snapshot);
  const graph = topologyToGraph(topology);
  const joiners = snapshot.containers.filter((c) => c.HostConfig.NetworkMode.startsWith("container:")).length;
  const stopped = snapshot.containers.filter((c) => c.State !== "running").length;
  console.log(
    `\nPure transforms: ${snapshot.containers.length} containers (${stopped} stopped, ${joiners} sharing a namespace) ` +
      `on ${snapshot.networks.length} networks -> ${topology.sandboxes.length} sandboxes, ${topology.endpoints.length} endpoints; ` +
      `${graph.nodes.length} nodes, ${graph.edges.length} edges\n`,
  );

  // Warm up the JIT on the same input, then measure.
  timeRuns(20, () => topologyToGraph(buildTopology(snapshot)));
  const build = stats(timeRuns(TRANSFORM_RUNS, () => buildTopology(snapshot)));
  const toGraph = stats(timeRuns(TRANSFORM_RUNS, () => topologyToGraph(topology)));
  const verdict = (s: Stats): string => (s.median < TRANSFORM_AIM_MS ? "PASS" : "OVER");
  const rows: string[][] = [
    ["engine JSON -> topology (buildTopology)", String(build.runs), ms(build.median), ms(build.p95), `< ${TRANSFORM_AIM_MS} ms`, verdict(build)],
    ["topology -> nodes/edges (topologyToGraph)", String(toGraph.runs), ms(toGraph.median), ms(toGraph.p95), `< ${TRANSFORM_AIM_MS} ms`, verdict(toGraph)],
  ];

  // What the browser computes on every topology update (the dashboard's advisor count and the
  // selection's highlight), and on demand (the matrix, a search keystroke, a filter).
  const someSandbox = topology.sandboxes.find((x) => x.containers[0]?.state === "running")?.id ?? "";
  const insightRuns = Math.max(5, Math.floor(TRANSFORM_RUNS / 5));
  const insight = (label: string, fn: () => unknown, runs = insightRuns): string[] => {
    timeRuns(3, fn);
    const st = stats(timeRuns(runs, fn));
    return [label, String(st.runs), ms(st.median), ms(st.p95), "report", "-"];
  };
  rows.push(
    insight("advisor findings (advise)", () => advise(topology)),
    insight("highlight of a selected sandbox (reachable)", () => highlightFor(topology, { kind: "sandbox", id: someSandbox })),
    insight("DNS view of a sandbox (dnsView)", () => dnsView(topology, someSandbox)),
    insight("search, one keystroke (searchTopology '172.')", () => searchTopology(topology, "172.")),
    insight("filter to one network (filterTopology)", () => filterTopology(topology, { ...EMPTY_FILTER, networks: [topology.networks[5]?.name ?? ""] })),
    insight("all-pairs matrix (reachMatrix)", () => reachMatrix(topology), 3),
  );

  if (options.layout) {
    // Warm dagre up on a small graph, so the first measured run is not also its compilation.
    const small = topologyToGraph(buildTopology(syntheticSnapshot({ containers: 100, networks: 10, seed: 7 })));
    placeNodes(small.nodes, small.edges, new Map());

    const empty = new Map<string, XY>();
    const budget = options.layoutBudgetMs;
    log(`timing placeNodes (first layout), up to ${budget / 1000} s ...`);
    let placed = empty;
    const initial = stats(timeBudgeted(3, LAYOUT_MAX_RUNS, budget, () => (placed = placeNodes(graph.nodes, graph.edges, empty))));
    // An update: every node already on the canvas but 10 new sandboxes spread through the graph.
    const sandboxNodes = graph.nodes.filter((n) => n.type === "sandbox");
    const known = new Map(placed);
    for (let i = 0; i < 10; i++) {
      const n = sandboxNodes[Math.floor((i * sandboxNodes.length) / 10)];
      if (n) known.delete(n.id);
    }
    log(`timing placeNodes (update: ${graph.nodes.length - known.size} new nodes), up to ${budget / 1000} s ...`);
    const update = stats(timeBudgeted(3, LAYOUT_MAX_RUNS, budget, () => placeNodes(graph.nodes, graph.edges, known)));
    const dagreGraph = dagreSized();
    log(`timing placeNodes (first layout by dagre, ${dagreGraph.nodes.length} nodes with the host), up to ${budget / 1000} s ...`);
    const dagreFirst = stats(timeBudgeted(3, LAYOUT_MAX_RUNS, budget, () => placeNodes(dagreGraph.nodes, dagreGraph.edges, empty)));
    rows.push(
      ["placeNodes, first layout (block layout past 150 nodes)", String(initial.runs), ms(initial.median), ms(initial.p95), "report", "-"],
      ["placeNodes, update (10 new nodes)", String(update.runs), ms(update.median), ms(update.p95), "report", "-"],
      [`placeNodes, first layout by dagre (${DAGRE_LIMIT} nodes + host)`, String(dagreFirst.runs), ms(dagreFirst.median), ms(dagreFirst.p95), "report", "-"],
    );
  }
  table(["measure", "runs", "median", "p95", "aim", "verdict"], rows);
}

/**
 * The largest graph whose first layout is dagre's: a synthetic engine's
 * graph cut to its first DAGRE_LIMIT nodes besides the host (a satellite,
 * placed apart), with the edges among what is left.
 */
function dagreSized(): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const graph = topologyToGraph(buildTopology(syntheticSnapshot({ containers: 200, networks: 20, seed: 42 })));
  const satellites = satelliteIds(graph.nodes, graph.edges);
  const kept = new Set(graph.nodes.filter((n) => !satellites.has(n.id)).slice(0, DAGRE_LIMIT).map((n) => n.id));
  for (const id of satellites) kept.add(id);
  return {
    nodes: graph.nodes.filter((n) => kept.has(n.id)),
    edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
  };
}
