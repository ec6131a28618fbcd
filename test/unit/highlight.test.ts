import { describe, expect, it } from "vitest";
import { edgeEmphasised, highlightFor } from "@/lib/graph/highlight";
import { HOST_NODE_ID, endpointEdgeId, networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import { topologyToGraph } from "@/lib/graph/to-graph";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { networkNamed, sandboxOwnedBy } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const sid = (name: string): string => sandboxOwnedBy(local, name).id;
const nid = (name: string): string => networkNamed(local, name).id;

describe("highlight for a selection", () => {
  it("a sandbox: itself, the sandboxes it reaches, its networks; not the others", () => {
    const h = must(highlightFor(local, { kind: "sandbox", id: sid("fx-web") }), "highlight");
    expect(h.nodes.get(sandboxNodeId(sid("fx-web")))).toBe("focus");
    expect(h.nodes.get(sandboxNodeId(sid("fx-db")))).toBe("reach");
    expect(h.reachable.has(sid("fx-db"))).toBe(true);
    expect(h.nodes.has(sandboxNodeId(sid("fx-default")))).toBe(false);
    expect(h.nodes.get(networkNodeId(nid("fx-back")))).toBe("plain");
    expect(h.edges.has(endpointEdgeId(nid("fx-back"), sid("fx-db")))).toBe(true);
    // fx-web publishes a port: the host stays.
    expect(h.nodes.has(HOST_NODE_ID)).toBe(true);
  });

  it("agrees with the graph: every emphasised ID is drawn", () => {
    const g = topologyToGraph(local);
    const drawn = new Set([...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)]);
    for (const s of local.sandboxes) {
      const h = must(highlightFor(local, { kind: "sandbox", id: s.id }), s.id);
      for (const id of [...h.nodes.keys(), ...h.edges]) expect(drawn.has(id), id).toBe(true);
    }
  });

  it("a network: its sandboxes and endpoints", () => {
    const h = must(highlightFor(local, { kind: "network", id: nid("fx-back") }), "highlight");
    expect(h.nodes.get(networkNodeId(nid("fx-back")))).toBe("focus");
    expect(h.nodes.has(sandboxNodeId(sid("fx-db")))).toBe(true);
    expect(h.nodes.has(sandboxNodeId(sid("fx-default")))).toBe(false);
  });

  it("an endpoint: it and its two ends", () => {
    const h = must(highlightFor(local, { kind: "endpoint", networkId: nid("fx-back"), sandboxId: sid("fx-db") }), "highlight");
    expect([...h.nodes.keys()].sort()).toEqual([networkNodeId(nid("fx-back")), sandboxNodeId(sid("fx-db"))].sort());
    expect([...h.edges]).toEqual([endpointEdgeId(nid("fx-back"), sid("fx-db"))]);
  });

  it("nothing for no selection or an object the engine no longer has", () => {
    expect(highlightFor(local, null)).toBeNull();
    expect(highlightFor(local, { kind: "sandbox", id: "f".repeat(64) })).toBeNull();
    expect(highlightFor(local, { kind: "network", id: "f".repeat(64) })).toBeNull();
  });

  it("non-endpoint edges follow both their ends", () => {
    const h = must(highlightFor(local, { kind: "sandbox", id: sid("fx-web") }), "highlight");
    const web = sandboxNodeId(sid("fx-web"));
    expect(edgeEmphasised(h, { id: "port:x", type: "port", source: HOST_NODE_ID, target: web })).toBe(true);
    expect(edgeEmphasised(h, { id: "port:y", type: "port", source: HOST_NODE_ID, target: sandboxNodeId(sid("fx-default")) })).toBe(false);
  });
});
