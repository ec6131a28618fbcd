/**
 * Published ports and host mode in the graph: the host node, one edge per
 * published port (IPv4 and IPv6 bindings grouped), a host-mode edge, and a
 * layout where the host sits left of the graph without taking any sandbox
 * from its network. On the captured fixtures: fx-default publishes 8089:80/tcp
 * on 0.0.0.0 and :: and 127.0.0.1:8090:81/udp; fx-web 8091:80 (both
 * families); fx-host runs with --network host.
 */
import { describe, expect, it } from "vitest";
import { HOST_NODE_ID, hostModeEdgeId, portEdgeId } from "@/lib/graph/ids";
import { DAGRE_LIMIT, SATELLITE_GAP, autoLayout, placeNodes, satelliteIds, type LayoutEdge, type LayoutNode } from "@/lib/graph/layout";
import { HOST_MODE_LABEL, groupPorts, hostAddress, portLabel, topologyToGraph } from "@/lib/graph/to-graph";
import type { Graph, HostGraphNode, HostModeGraphEdge, PortGraphEdge, XY } from "@/lib/graph/types";
import { buildTopology } from "@/lib/topology/build";
import type { Sandbox } from "@/lib/topology/types";
import { loadFixture, must, rawContainer, rawNetwork, snapshotOf, type FixtureName } from "./helpers/fixtures";

const portEdges = (g: Graph): PortGraphEdge[] => g.edges.filter((e): e is PortGraphEdge => e.type === "port");
const hostModeEdges = (g: Graph): HostModeGraphEdge[] => g.edges.filter((e): e is HostModeGraphEdge => e.type === "host-mode");
const hostNode = (g: Graph): HostGraphNode | undefined => g.nodes.find((n): n is HostGraphNode => n.type === "host");

function graphOf(name: FixtureName) {
  const f = loadFixture(name);
  const t = buildTopology(snapshotOf(f));
  return { f, t, g: topologyToGraph(t) };
}

const sandbox = (id: string, networkMode: string, ports: Sandbox["ports"], state = "running"): Sandbox => ({
  id,
  networkMode,
  containers: [{ id, name: `c-${id}`, image: "img", state, status: "", labels: {} }],
  ports,
});

describe("port grouping and labels", () => {
  it("groups the IPv4 and IPv6 bindings of one port, IPv4 first", () => {
    const groups = groupPorts([
      { hostIp: "::", hostPort: 8080, containerPort: 80, protocol: "tcp" },
      { hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, protocol: "tcp" },
      { hostIp: "0.0.0.0", hostPort: 8080, containerPort: 80, protocol: "udp" },
      { hostIp: "127.0.0.1", hostPort: 9000, containerPort: 80, protocol: "tcp" },
    ]);
    expect(groups).toEqual([
      { hostIps: ["0.0.0.0", "::"], hostPort: 8080, containerPort: 80, protocol: "tcp" },
      { hostIps: ["0.0.0.0"], hostPort: 8080, containerPort: 80, protocol: "udp" },
      { hostIps: ["127.0.0.1"], hostPort: 9000, containerPort: 80, protocol: "tcp" },
    ]);
    expect(portLabel(must(groups[0], "group"), "demo-web")).toBe("0.0.0.0:8080, [::]:8080 -> demo-web:80/tcp");
  });

  it("writes IPv6 host addresses in brackets and a missing one as *", () => {
    expect(hostAddress("0.0.0.0")).toBe("0.0.0.0");
    expect(hostAddress("::1")).toBe("[::1]");
    expect(hostAddress("")).toBe("*");
  });
});

describe.each<FixtureName>(["local", "swarm"])("published ports on %s.json", (name) => {
  const { f, t, g } = graphOf(name);
  const id = (container: string) => rawContainer(f, container).Id;

  it("adds one host node, with the counts it shows", () => {
    expect(g.nodes.filter((n) => n.type === "host")).toHaveLength(1);
    const host = must(hostNode(g), "host node");
    expect(host.id).toBe(HOST_NODE_ID);
    expect(host.data).toEqual({ portCount: 3, hostModeOwners: ["fx-host"] });
    expect(host.width).toBeGreaterThan(0);
    expect(host.height).toBeGreaterThan(0);
  });

  it("draws one edge per published port, from the host to the sandbox, IPv4 and IPv6 grouped", () => {
    const edges = portEdges(g);
    expect(edges.map((e) => e.id)).toEqual([
      portEdgeId(id("fx-default"), "0.0.0.0", 8089, "tcp"),
      portEdgeId(id("fx-default"), "127.0.0.1", 8090, "udp"),
      portEdgeId(id("fx-web"), "0.0.0.0", 8091, "tcp"),
    ]);
    expect(edges[0]?.id).toBe(`port:${id("fx-default")}:0.0.0.0:8089/tcp`);
    for (const e of edges) {
      expect(e.source).toBe(HOST_NODE_ID);
      expect(e.targetHandle).toBe("host");
    }
    const [web80, udp81, web91] = edges;
    expect(web80?.target).toBe(`sbx:${id("fx-default")}`);
    expect(web80?.data).toMatchObject({
      hostIp: "0.0.0.0",
      hostIps: ["0.0.0.0", "::"],
      hostPort: 8089,
      containerPort: 80,
      protocol: "tcp",
      ownerName: "fx-default",
      label: "0.0.0.0:8089, [::]:8089 -> fx-default:80/tcp",
      slot: 0,
      slots: 4,
      stopped: false,
    });
    expect(udp81?.data).toMatchObject({
      hostIp: "127.0.0.1",
      hostIps: ["127.0.0.1"],
      hostPort: 8090,
      containerPort: 81,
      protocol: "udp",
      label: "127.0.0.1:8090 -> fx-default:81/udp",
      slot: 1,
      slots: 4,
    });
    // A shared namespace publishes under its owner's name.
    expect(web91?.target).toBe(`sbx:${id("fx-web")}`);
    expect(web91?.data).toMatchObject({ ownerName: "fx-web", label: "0.0.0.0:8091, [::]:8091 -> fx-web:80/tcp", slot: 3, slots: 4 });
    // Every binding the engine reports is on exactly one edge.
    const bindings = t.sandboxes.flatMap((s) => s.ports.map((p) => `${s.id} ${p.hostIp} ${p.hostPort}/${p.protocol}`)).sort();
    const drawn = edges.flatMap((e) => e.data.hostIps.map((ip) => `${e.target.slice(4)} ${ip} ${e.data.hostPort}/${e.data.protocol}`)).sort();
    expect(drawn).toEqual(bindings);
  });

  it("marks the host-mode sandbox with a dashed edge from the host", () => {
    expect(hostModeEdges(g)).toEqual([
      {
        id: hostModeEdgeId(id("fx-host")),
        type: "host-mode",
        source: HOST_NODE_ID,
        target: `sbx:${id("fx-host")}`,
        targetHandle: "host",
        // One row of the label column beside the host, after fx-default's two ports.
        data: { ownerName: "fx-host", label: HOST_MODE_LABEL, slot: 2, slots: 4, stopped: false },
      },
    ]);
    expect(HOST_MODE_LABEL).toBe("host's network stack (ports used directly)");
    // Its endpoint on the host network is still drawn, as before.
    expect(g.edges.some((e) => e.id === `ep:${rawNetwork(f, "host").Id}:${id("fx-host")}`)).toBe(true);
  });

  it("gives every host edge its own row of the label column", () => {
    const host = g.edges.filter((e): e is PortGraphEdge | HostModeGraphEdge => e.type !== "endpoint");
    expect(host.map((e) => e.data.slot)).toEqual(host.map((_, i) => i));
    for (const e of host) expect(e.data.slots).toBe(host.length);
  });

  it("keeps the IDs unique across nodes and edges", () => {
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });
});

describe("the host node appears only when needed", () => {
  it("is absent when no sandbox publishes a port or runs in host mode", () => {
    const g = topologyToGraph({ networks: [], sandboxes: [sandbox("a", "bridge", []), sandbox("b", "none", [])], endpoints: [] });
    expect(hostNode(g)).toBeUndefined();
    expect(g.edges).toEqual([]);
  });

  it("is drawn for a host-mode container alone, and for a published port alone", () => {
    const hostOnly = topologyToGraph({ networks: [], sandboxes: [sandbox("h", "host", [], "exited")], endpoints: [] });
    expect(hostNode(hostOnly)?.data).toEqual({ portCount: 0, hostModeOwners: ["c-h"] });
    expect(hostModeEdges(hostOnly)[0]?.data.stopped).toBe(true);
    const portOnly = topologyToGraph({
      networks: [],
      sandboxes: [sandbox("p", "bridge", [{ hostIp: "::", hostPort: 1234, containerPort: 80, protocol: "tcp" }])],
      endpoints: [],
    });
    expect(hostNode(portOnly)?.data).toEqual({ portCount: 1, hostModeOwners: [] });
    expect(portEdges(portOnly).map((e) => [e.id, e.data.label])).toEqual([["port:p::::1234/tcp", "[::]:1234 -> c-p:80/tcp"]]);
  });
});

describe("layout with the host node", () => {
  const layoutOf = (g: Graph): { nodes: LayoutNode[]; edges: LayoutEdge[] } => ({
    nodes: g.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: g.edges.map((e) => ({ source: e.source, target: e.target, type: e.type })),
  });
  const pos = (m: ReadonlyMap<string, XY>, id: string): XY => must(m.get(id), `position of ${id}`);

  describe.each<FixtureName>(["local", "swarm"])("on %s.json", (name) => {
    const { g } = graphOf(name);
    const { nodes, edges } = layoutOf(g);
    const others = nodes.filter((n) => n.id !== HOST_NODE_ID);
    const withoutHost = edges.filter((e) => e.type === "endpoint");
    const auto = autoLayout(nodes, edges);

    it("treats the host as a satellite, not as any sandbox's parent", () => {
      expect([...satelliteIds(nodes, edges)]).toEqual([HOST_NODE_ID]);
      // The graph's own nodes are placed exactly as without the host and its edges.
      const plain = autoLayout(others, withoutHost);
      for (const n of others) expect(pos(auto, n.id), n.id).toEqual(pos(plain, n.id));
    });

    it("puts the host left of the whole graph, level with its top", () => {
      const host = pos(auto, HOST_NODE_ID);
      const hostNodeBox = must(nodes.find((n) => n.id === HOST_NODE_ID), "host");
      const left = Math.min(...others.map((n) => pos(auto, n.id).x));
      const top = Math.min(...others.map((n) => pos(auto, n.id).y));
      // Room for the column of port labels between the host and the graph.
      expect(host.x + hostNodeBox.width + SATELLITE_GAP).toBe(left);
      expect(host.y).toBe(top);
      expect(Number.isInteger(host.x) && Number.isInteger(host.y)).toBe(true);
    });

    it("is deterministic, and placeNodes uses it on a first load", () => {
      expect(autoLayout(nodes, edges)).toEqual(auto);
      expect(placeNodes(nodes, edges, new Map())).toEqual(auto);
    });

    it("places a host node that appears later left of the drawn graph, moving nothing", () => {
      const known = new Map(others.map((n) => [n.id, pos(auto, n.id)]));
      const out = placeNodes(nodes, edges, known);
      for (const [id, p] of known) expect(out.get(id)).toEqual(p);
      expect(pos(out, HOST_NODE_ID)).toEqual(pos(auto, HOST_NODE_ID));
    });

    it("hangs a new sandbox that publishes a port under its network, not by the host", () => {
      const fx = must(
        g.edges.find((e): e is PortGraphEdge => e.type === "port" && e.data.ownerName === "fx-default"),
        "fx-default port edge",
      );
      const sbx = fx.target;
      const net = must(
        edges.find((e) => e.type === "endpoint" && e.target === sbx),
        "fx-default endpoint",
      ).source;
      const known = new Map(nodes.filter((n) => n.id !== sbx).map((n) => [n.id, pos(auto, n.id)]));
      // Move the host far from everything, so hanging under it would show.
      known.set(HOST_NODE_ID, { x: -5000, y: -5000 });
      const out = placeNodes(nodes, edges, known);
      const netPos = pos(out, net);
      const sbxPos = pos(out, sbx);
      expect(sbxPos.y).toBeGreaterThan(netPos.y);
      expect(Math.abs(sbxPos.x - netPos.x)).toBeLessThan(2000);
    });
  });

  it("keeps the block layout's blocks for large graphs, the host beside them", () => {
    const nodes: LayoutNode[] = [{ id: HOST_NODE_ID, width: 220, height: 104 }];
    const edges: LayoutEdge[] = [];
    for (let n = 0; n < 20; n++) {
      nodes.push({ id: `net:${n}`, width: 260, height: 100 });
      for (let k = 0; k < 8; k++) {
        const id = `sbx:${n}-${k}`;
        nodes.push({ id, width: 240, height: 86 });
        // The port edge comes first: it must still not make the host the parent.
        if (k === 0) edges.push({ source: HOST_NODE_ID, target: id, type: "port" });
        edges.push({ source: `net:${n}`, target: id, type: "endpoint" });
      }
    }
    expect(nodes.length).toBeGreaterThan(DAGRE_LIMIT);
    const out = autoLayout(nodes, edges);
    expect(out.size).toBe(nodes.length);
    for (let n = 0; n < 20; n++) {
      const net = pos(out, `net:${n}`);
      const first = pos(out, `sbx:${n}-0`);
      expect(first.y).toBeGreaterThan(net.y + 100);
      expect(Math.abs(first.x - net.x)).toBeLessThan(1500);
    }
    const left = Math.min(...nodes.slice(1).map((n) => pos(out, n.id).x));
    expect(pos(out, HOST_NODE_ID).x + 220 + SATELLITE_GAP).toBeLessThanOrEqual(left);
  });
});
