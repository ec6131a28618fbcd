/**
 * Canvas graphs for the graph-transform tests: from the captured fixtures,
 * and a synthetic engine of a thousand sandboxes (the benchmark's generator).
 * Not a test file (no `.test.ts`).
 */
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph, GraphNode, NetworkGraphNode, SandboxGraphNode } from "@/lib/graph/types";
import { COMPOSE_PROJECT_LABEL } from "@/lib/topology/describe";
import { buildTopology } from "@/lib/topology/build";
import { syntheticSnapshot } from "@/scripts/bench/synthetic";
import { loadFixture, must, snapshotOf, type EngineFixture, type FixtureName } from "./fixtures";

export function fixtureGraph(name: FixtureName, edit?: (f: EngineFixture) => void): Graph {
  const f = loadFixture(name);
  edit?.(f);
  return topologyToGraph(buildTopology(snapshotOf(f)));
}

/** Enough containers for at least 1,000 sandboxes once about a tenth join another's namespace. */
const SYNTHETIC_CONTAINERS = 1130;

/**
 * About 1,000 sandboxes on 40 networks. With `projects`, four in five
 * containers carry a compose project label (one of `projects`), the fifth none.
 */
export function syntheticGraph(options: { projects?: number } = {}): Graph {
  const snapshot = syntheticSnapshot({ containers: SYNTHETIC_CONTAINERS, networks: 40 });
  const projects = options.projects ?? 0;
  if (projects > 0) {
    snapshot.containers.forEach((c, i) => {
      if (i % 5 !== 0) c.Labels[COMPOSE_PROJECT_LABEL] = `proj${i % projects}`;
    });
  }
  return topologyToGraph(buildTopology(snapshot));
}

/** The node with this ID (the test fails, naming it, when there is none). */
export function nodeById(g: Graph, id: string): GraphNode {
  return must(
    g.nodes.find((n) => n.id === id),
    `node ${id}`,
  );
}

/** The sandbox node whose owner container has this name. */
export function sandboxNodeOf(g: Graph, owner: string): SandboxGraphNode {
  return must(
    g.nodes.find((n): n is SandboxGraphNode => n.type === "sandbox" && n.data.ownerName === owner),
    `sandbox node of ${owner}`,
  );
}

/** The network node with this name. */
export function networkNodeNamed(g: Graph, name: string): NetworkGraphNode {
  return must(
    g.nodes.find((n): n is NetworkGraphNode => n.type === "network" && n.data.network.name === name),
    `network node ${name}`,
  );
}
