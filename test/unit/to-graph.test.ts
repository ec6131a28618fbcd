import { describe, expect, it } from "vitest";
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import {
  HOST_WIDTH,
  NETWORK_WIDTH,
  SANDBOX_WIDTH,
  networkHeight,
  sandboxHeight,
  topologyToGraph,
} from "@/lib/graph/to-graph";
import type { EndpointGraphEdge, Graph, NetworkGraphNode, SandboxGraphNode } from "@/lib/graph/types";
import { buildTopology } from "@/lib/topology/build";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, must, rawContainer, rawNetwork, snapshotOf, type FixtureName } from "./helpers/fixtures";

function graphOf(name: FixtureName): { t: Omit<Topology, "engine">; g: Graph } {
  const t = buildTopology(snapshotOf(loadFixture(name)));
  return { t, g: topologyToGraph(t) };
}

function networkNodes(g: Graph): NetworkGraphNode[] {
  return g.nodes.filter((n): n is NetworkGraphNode => n.type === "network");
}
function sandboxNodes(g: Graph): SandboxGraphNode[] {
  return g.nodes.filter((n): n is SandboxGraphNode => n.type === "sandbox");
}
function endpointEdges(g: Graph): EndpointGraphEdge[] {
  return g.edges.filter((e): e is EndpointGraphEdge => e.type === "endpoint");
}

describe("graph ids", () => {
  it("derives stable canvas IDs from engine IDs", () => {
    expect(networkNodeId("abc")).toBe("net:abc");
    expect(sandboxNodeId("def")).toBe("sbx:def");
    expect(endpointEdgeId("abc", "def")).toBe("ep:abc:def");
  });
});

describe.each<FixtureName>(["local", "swarm"])("topologyToGraph on %s.json", (name) => {
  const { t, g } = graphOf(name);

  it("makes one node per network and per sandbox, with stable IDs", () => {
    expect(networkNodes(g).map((n) => n.id)).toEqual(t.networks.map((n) => `net:${n.id}`));
    expect(sandboxNodes(g).map((n) => n.id)).toEqual(t.sandboxes.map((s) => `sbx:${s.id}`));
    // ...plus the host node: both fixtures publish ports and have a host-mode container (see ports.test.ts).
    expect(g.nodes).toHaveLength(t.networks.length + t.sandboxes.length + 1);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });

  it("makes one edge per endpoint, from the network node to the sandbox node", () => {
    expect(endpointEdges(g)).toHaveLength(t.endpoints.length);
    const nodeIds = new Set(g.nodes.map((n) => n.id));
    for (const e of t.endpoints) {
      const edge = must(
        g.edges.find((x) => x.id === `ep:${e.networkId}:${e.sandboxId}`),
        `edge of ${e.networkId}/${e.sandboxId}`,
      );
      expect(edge.type).toBe("endpoint");
      expect(edge.source).toBe(`net:${e.networkId}`);
      expect(edge.target).toBe(`sbx:${e.sandboxId}`);
      expect(edge.data.endpoint).toBe(e);
      expect(nodeIds.has(edge.source)).toBe(true);
      expect(nodeIds.has(edge.target)).toBe(true);
    }
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it("counts each network's endpoints", () => {
    for (const n of networkNodes(g)) {
      const want = t.endpoints.filter((e) => e.networkId === n.data.network.id).length;
      expect(n.data.endpointCount, n.data.network.name).toBe(want);
      expect(n.data.endpointCount).toBe(g.edges.filter((e) => e.source === n.id).length);
    }
  });

  it("starts every node at the origin with its estimated size", () => {
    for (const n of g.nodes) {
      expect(n.position).toEqual({ x: 0, y: 0 });
      expect(n.width).toBe(n.type === "network" ? NETWORK_WIDTH : n.type === "host" ? HOST_WIDTH : SANDBOX_WIDTH);
      expect(n.height).toBeGreaterThan(0);
    }
  });
});

describe("topologyToGraph node and edge data", () => {
  const f = loadFixture("local");
  const { g } = graphOf("local");
  const node = (id: string) =>
    must(
      g.nodes.find((n) => n.id === id),
      id,
    );
  const sbx = (containerName: string): SandboxGraphNode => {
    const n = node(`sbx:${rawContainer(f, containerName).Id}`);
    if (n.type !== "sandbox") throw new Error("not a sandbox");
    return n;
  };
  const netNode = (networkName: string): NetworkGraphNode => {
    const n = node(`net:${rawNetwork(f, networkName).Id}`);
    if (n.type !== "network") throw new Error("not a network");
    return n;
  };
  const edge = (networkName: string, containerName: string): EndpointGraphEdge =>
    must(
      endpointEdges(g).find(
        (e) => e.id === `ep:${rawNetwork(f, networkName).Id}:${rawContainer(f, containerName).Id}`,
      ),
      `${networkName}/${containerName}`,
    );

  it("counts endpoints per network", () => {
    expect(netNode("bridge").data.endpointCount).toBe(2);
    expect(netNode("fx-front").data.endpointCount).toBe(3);
    expect(netNode("fx-back").data.endpointCount).toBe(3);
    expect(netNode("host").data.endpointCount).toBe(1);
    expect(netNode("none").data.endpointCount).toBe(1);
    expect(netNode("fx-v6").data.endpointCount).toBe(1);
    expect(netNode("fx-noicc").data.endpointCount).toBe(1);
  });

  it("describes the networks", () => {
    expect(netNode("bridge").data).toMatchObject({ bridge: "docker0", defaultBridge: true, dns: false, flags: [] });
    expect(netNode("fx-noicc").data).toMatchObject({ bridge: "cnmapnoicc0", defaultBridge: false, dns: true, flags: ["ICC off"] });
    expect(netNode("fx-back").data).toMatchObject({ bridge: "br-0d388794b561", flags: ["internal"] });
    expect(netNode("host").data).toMatchObject({ bridge: null, dns: false });
  });

  it("names a shared sandbox after its owner (the data container), not its joiners", () => {
    const web = sbx("fx-web");
    expect(web.data.ownerName).toBe("fx-web");
    expect(web.data.sandbox.containers.map((c) => c.name)).toEqual(["fx-web", "fx-sidecar", "fx-sidecar2"]);
    expect(g.nodes.some((n) => n.id === `sbx:${rawContainer(f, "fx-sidecar").Id}`)).toBe(false);
    expect(edge("fx-front", "fx-web").data).toMatchObject({ networkName: "fx-front", driver: "bridge", ownerName: "fx-web" });
    expect(edge("fx-back", "fx-web").data.endpoint.aliases).toEqual(["api", "c950ea928934"]);
  });

  it("marks sandboxes whose owner is not running as stopped", () => {
    const stopped = sandboxNodes(g)
      .filter((n) => n.data.stopped)
      .map((n) => n.data.ownerName)
      .sort();
    expect(stopped).toEqual(["fx-created", "fx-stopped", "fx-stopped-default"]);
    expect(sbx("fx-web").data.stopped).toBe(false);
  });

  it("treats paused and restarting owners as running", () => {
    const t = buildTopology(snapshotOf(f));
    const paused = t.sandboxes.map((s, k) => ({
      ...s,
      containers: s.containers.map((c, i) => (i === 0 ? { ...c, state: k % 2 === 0 ? "paused" : "restarting" } : c)),
    }));
    const g2 = topologyToGraph({ ...t, sandboxes: paused });
    for (const n of sandboxNodes(g2)) expect(n.data.stopped).toBe(false);
  });

  it("drops edges whose network or sandbox is missing", () => {
    const t = buildTopology(snapshotOf(f));
    const webId = rawContainer(f, "fx-web").Id;
    const frontId = rawNetwork(f, "fx-front").Id;
    const g2 = topologyToGraph({
      networks: t.networks.filter((n) => n.id !== frontId),
      sandboxes: t.sandboxes.filter((s) => s.id !== webId),
      endpoints: t.endpoints,
    });
    expect(g2.edges.some((e) => e.source === `net:${frontId}` || e.target === `sbx:${webId}`)).toBe(false);
    // fx-front held 3 endpoints, fx-web 2, one of them on fx-front.
    expect(endpointEdges(g2)).toHaveLength(t.endpoints.length - 4);
  });

  it("estimates heights from what the nodes draw", () => {
    const front = netNode("fx-front");
    // one IPAM line, no flags, a bridge line, not the default bridge
    expect(front.height).toBe(64 + 18 + 18);
    expect(netNode("bridge").height).toBe(64 + 18 + 18 + 20);
    expect(netNode("fx-v6").height).toBe(64 + 36 + 24 + 18);
    expect(netNode("host").height).toBe(64 + 18);
    expect(networkHeight(front.data.network, 0, false, false)).toBe(82);
    // fx-web: 3 containers and 2 published ports
    expect(sbx("fx-web").height).toBe(44 + 3 * 42 + 10 + 2 * 18);
    expect(sandboxHeight(sbx("fx-db").data.sandbox)).toBe(44 + 42);
  });

  it("falls back to the short sandbox ID for a sandbox with no containers", () => {
    const g2 = topologyToGraph({
      networks: [],
      sandboxes: [{ id: "0123456789abcdef0123", networkMode: "", containers: [], ports: [] }],
      endpoints: [],
    });
    const n = sandboxNodes(g2)[0];
    expect(n?.data.ownerName).toBe("0123456789ab");
    expect(n?.data.stopped).toBe(true);
  });
});
