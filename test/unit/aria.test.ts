/** Screen-reader names of canvas nodes and edges (lib/graph/aria), on the graph of a captured engine. */
import { describe, expect, it } from "vitest";
import { edgeAriaLabel, nodeAriaLabel } from "@/lib/graph/aria";
import { toFlowEdges, toFlowNodes, type FlowEdgeLike, type FlowNodeLike } from "@/lib/graph/flow";
import { topologyToGraph } from "@/lib/graph/to-graph";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, snapshotOf } from "./helpers/fixtures";

const t = buildTopology(snapshotOf(loadFixture("local")));
const graph = topologyToGraph(t);

describe("aria labels", () => {
  it("name a network by name, driver, subnets and endpoint count", () => {
    const n = t.networks.find((x) => x.ipam.length > 0 && !x.predefined);
    const node = graph.nodes.find((g) => g.type === "network" && g.data.network === n);
    if (!n || !node) throw new Error("the fixture has a user network with a subnet");
    const count = t.endpoints.filter((e) => e.networkId === n.id).length;
    expect(nodeAriaLabel(node)).toBe(`Network ${n.name}, ${n.driver}, ${n.ipam.map((c) => c.subnet).join(", ")}, ${count} endpoint${count === 1 ? "" : "s"}`);
  });

  it("name a sandbox by its owner and state, and an endpoint by container, network and addresses", () => {
    const edge = graph.edges.find((g) => g.type === "endpoint" && g.data.endpoint.ipv4 !== "");
    if (edge?.type !== "endpoint") throw new Error("the fixture has an endpoint with an address");
    expect(edgeAriaLabel(edge)).toMatch(new RegExp(`^Endpoint of ${edge.data.ownerName} on ${edge.data.networkName}, ${edge.data.endpoint.ipv4.replace(/\./g, "\\.")}`));
    const sandbox = graph.nodes.find((g) => g.id === edge.target);
    if (sandbox?.type !== "sandbox") throw new Error("its target is a sandbox");
    expect(nodeAriaLabel(sandbox)).toMatch(new RegExp(`^Container ${sandbox.data.ownerName}, ${sandbox.data.sandbox.containers[0]?.state}`));
  });

  it("reach the canvas's node and edge objects", () => {
    const nodes = toFlowNodes<FlowNodeLike>(graph, new Map(), []);
    const edges = toFlowEdges<FlowEdgeLike>(graph, []);
    expect(nodes.every((n) => typeof n.ariaLabel === "string" && n.ariaLabel.length > 0)).toBe(true);
    expect(edges.every((e) => typeof e.ariaLabel === "string" && e.ariaLabel.length > 0)).toBe(true);
  });
});
