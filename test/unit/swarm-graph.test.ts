/**
 * Swarm services on the canvas (lib/graph/swarm, through topologyToGraph) on
 * JSON captured from a real swarm manager (test/fixtures/engine/swarm-services.json):
 * a service node per service with its tasks by node, an edge to each of its
 * networks labelled with its VIP there, the routing mesh against host-mode
 * ports, and task containers drawn as their tasks, not as sandboxes.
 */
import { describe, expect, it } from "vitest";
import { nodeAriaLabel, edgeAriaLabel } from "@/lib/graph/aria";
import { highlightFor } from "@/lib/graph/highlight";
import { networkNodeId, sandboxNodeId, serviceEdgeId, serviceNodeId } from "@/lib/graph/ids";
import { autoLayout, blockLayout, placeNodes } from "@/lib/graph/layout";
import { shareGraph } from "@/lib/graph/share";
import { portReach, serviceHeight, taskServiceOf, taskTone, tasksByNode } from "@/lib/graph/swarm";
import { topologyToGraph } from "@/lib/graph/to-graph";
import type { ServiceGraphEdge, ServiceGraphNode } from "@/lib/graph/types";
import { formatSelection, parseSelection } from "@/lib/selection";
import { buildTopology } from "@/lib/topology/build";
import type { Endpoint, Sandbox, SwarmNode } from "@/lib/topology/types";
import { must } from "./helpers/fixtures";
import { loadSwarmFixture, swarmSnapshotOf } from "./helpers/swarm-fixture";

const f = loadSwarmFixture();
const swarm = swarmSnapshotOf(f);
const t = buildTopology({ networks: f.networks, containers: [], details: {}, swarm });
const g = topologyToGraph(t);

const service = (name: string) => must(t.services.find((s) => s.name === name), `service ${name}`);
const network = (name: string) => must(t.networks.find((n) => n.name === name), `network ${name}`);
const serviceNodes = g.nodes.filter((n): n is ServiceGraphNode => n.type === "service");
const serviceEdges = g.edges.filter((e): e is ServiceGraphEdge => e.type === "service");
const hostname = must(f.nodes[0]?.Description?.Hostname, "the node's hostname");

describe("service nodes", () => {
  it("draws one node per service, with its ID from the engine's and its tasks inside", () => {
    expect(serviceNodes.map((n) => n.id).sort()).toEqual(t.services.map((s) => serviceNodeId(s.id)).sort());
    for (const n of serviceNodes) {
      expect(n.data.service).toBe(must(t.services.find((s) => serviceNodeId(s.id) === n.id), n.id));
      expect(n.data.tasks.map((x) => x.id).sort()).toEqual(t.tasks.filter((x) => x.serviceId === n.data.service.id).map((x) => x.id).sort());
      expect(n.height).toBe(serviceHeight(n.data));
    }
    const fxsvc = must(serviceNodes.find((n) => n.data.service.name === "fxsvc"), "fxsvc node");
    expect(fxsvc.data.tasks.map((x) => x.slot)).toEqual([1, 2]);
    expect(nodeAriaLabel(fxsvc)).toBe(`Service fxsvc, replicated, ${service("fxsvc").replicas.running} of ${service("fxsvc").replicas.desired} running, endpoint mode vip, 2 tasks`);
  });

  it("attaches a VIP service to its overlay and to ingress, each edge labelled with the VIP engine reported there", () => {
    const s = service("fxsvc");
    const raw = must(f.services.find((x) => x.ID === s.id), "raw fxsvc");
    const mine = serviceEdges.filter((e) => e.data.serviceId === s.id);
    // Its own network first: the layout hangs the service under it.
    expect(mine.map((e) => e.data.networkName)).toEqual(["fxo", "ingress"]);
    for (const e of mine) {
      expect(e.id).toBe(serviceEdgeId(s.id, e.data.networkId));
      expect(e.source).toBe(networkNodeId(e.data.networkId));
      expect(e.target).toBe(serviceNodeId(s.id));
      const vip = must(raw.Endpoint?.VirtualIPs?.find((v) => v.NetworkID === e.data.networkId), `VIP on ${e.data.networkName}`).Addr;
      expect(e.data.vip).toBe(vip);
      expect(e.data.label).toBe(vip);
      expect(edgeAriaLabel(e)).toBe(`Service fxsvc on ${e.data.networkName}, VIP ${vip}`);
    }
    expect(mine.find((e) => e.data.networkName === "ingress")?.data.ingress).toBe(true);
    expect(mine.find((e) => e.data.networkName === "fxo")?.data.ingress).toBe(false);
  });

  it("labels a dnsrr service's edge 'dnsrr' and does not attach it to ingress (its port is host mode)", () => {
    const s = service("fxdns");
    const mine = serviceEdges.filter((e) => e.data.serviceId === s.id);
    expect(mine.map((e) => [e.data.networkName, e.data.vip, e.data.label])).toEqual([["fxo", null, "dnsrr"]]);
  });

  it("drops an edge to a network that is not drawn (filtered out), keeping the service", () => {
    const without = topologyToGraph({ ...t, networks: t.networks.filter((n) => n.name !== "ingress") });
    expect(without.nodes.filter((n) => n.type === "service")).toHaveLength(2);
    expect(without.edges.filter((e) => e.type === "service").map((e) => e.data.networkName)).not.toContain("ingress");
  });

  it("draws nothing of swarm for a topology without services (outside a swarm, or a worker)", () => {
    const plain = topologyToGraph({ networks: t.networks, sandboxes: [], endpoints: [] });
    expect(plain.nodes.some((n) => n.type === "service")).toBe(false);
    const worker = topologyToGraph({ ...t, swarm: { nodeId: "w", role: "worker", nodes: [] }, services: [], tasks: [] });
    expect(worker.nodes.some((n) => n.type === "service")).toBe(false);
  });
});

describe("tasks by node", () => {
  it("groups each service's tasks under the hostname of the node they run on (swarm.nodes by task.nodeId)", () => {
    for (const n of serviceNodes) {
      const groups = tasksByNode(n.data.tasks, n.data.nodes);
      expect(groups.map((x) => x.hostname)).toEqual([hostname]);
      expect(groups[0]?.tasks).toEqual(n.data.tasks);
    }
  });

  it("keeps the swarm's node order, names an unknown node by its short ID and puts unassigned tasks last", () => {
    const node2: SwarmNode = { id: "n2".padEnd(25, "x"), hostname: "cnmap-node2", role: "worker", state: "ready", availability: "active", addr: "10.99.0.2", leader: false };
    const nodes = [...must(t.swarm, "swarm").nodes, node2];
    const [a, b, c] = t.tasks;
    const tasks = [
      { ...must(a, "a"), nodeId: node2.id },
      { ...must(b, "b"), nodeId: "" },
      { ...must(c, "c"), nodeId: "zzzzzzzzzzzzzzzzzzzzzzzzz" },
    ];
    expect(tasksByNode(tasks, nodes).map((x) => [x.hostname, x.tasks.length])).toEqual([
      ["cnmap-node2", 1],
      ["zzzzzzzzzzzz", 1],
      ["unassigned", 1],
    ]);
  });

  it("colours a task by its state: running, on its way, failed, over", () => {
    expect(["running", "starting", "preparing", "pending", "failed", "rejected", "shutdown", "complete"].map(taskTone)).toEqual([
      "running",
      "starting",
      "starting",
      "starting",
      "failed",
      "failed",
      "done",
      "done",
    ]);
  });
});

describe("the routing mesh", () => {
  it("draws a port published in ingress mode as reachable on every node", () => {
    const n = must(serviceNodes.find((x) => x.data.service.name === "fxsvc"), "fxsvc");
    expect(n.data.portLabels).toEqual([`8085→80/tcp · mesh: every node (${hostname})`]);
    const node2: SwarmNode = { id: "n2".padEnd(25, "x"), hostname: "cnmap-node2", role: "worker", state: "ready", availability: "active", addr: "10.99.0.2", leader: false };
    const [reach] = portReach(n.data.service, n.data.tasks, [...n.data.nodes, node2]);
    expect(reach?.nodes).toEqual([hostname, "cnmap-node2"]);
    expect(reach?.label).toBe(`8085→80/tcp · mesh: every node (${hostname}, cnmap-node2)`);
  });

  it("draws a host-mode port only on the nodes that run a task of the service", () => {
    const n = must(serviceNodes.find((x) => x.data.service.name === "fxdns"), "fxdns");
    expect(n.data.portLabels).toEqual([`8086→80/tcp · host: ${hostname}`]);
    const node2: SwarmNode = { id: "n2".padEnd(25, "x"), hostname: "cnmap-node2", role: "worker", state: "ready", availability: "active", addr: "10.99.0.2", leader: false };
    const moved = n.data.tasks.map((x) => ({ ...x, nodeId: node2.id }));
    expect(portReach(n.data.service, moved, [...n.data.nodes, node2])[0]?.label).toBe("8086→80/tcp · host: cnmap-node2");
    // A task that is not running listens nowhere.
    const starting = n.data.tasks.map((x) => ({ ...x, state: "starting" }));
    expect(portReach(n.data.service, starting, n.data.nodes)[0]).toMatchObject({ nodes: [], label: "8086→80/tcp · host: no task running" });
  });
});

describe("task containers", () => {
  const fxo = network("fxo");
  const task = must(t.tasks.find((x) => x.serviceId === service("fxsvc").id), "a task of fxsvc");
  const container = (id: string, labels: Record<string, string>) => ({ id, name: id, image: "busybox", state: "running", status: "Up", labels });
  const taskBox: Sandbox = {
    id: "a".repeat(64),
    networkMode: fxo.name,
    containers: [container("a".repeat(64), { "com.docker.swarm.task.id": task.id, "com.docker.swarm.service.id": task.serviceId })],
    ports: [{ hostIp: "0.0.0.0", hostPort: 8086, containerPort: 80, protocol: "tcp" }],
  };
  const standalone: Sandbox = { id: "b".repeat(64), networkMode: fxo.name, containers: [container("b".repeat(64), {})], ports: [] };
  const ep = (s: Sandbox, ip: string): Endpoint => ({ id: `e${s.id.slice(0, 10)}`, networkId: fxo.id, sandboxId: s.id, containerId: s.id, ipv4: ip, ipv6: "", mac: "", aliases: [], active: true });
  const withBoxes = { ...t, sandboxes: [taskBox, standalone], endpoints: [ep(taskBox, "10.232.0.3/24"), ep(standalone, "10.232.0.9/24")] };

  it("are the tasks: their sandboxes, endpoints and ports are not drawn apart; a standalone container on the attachable overlay is", () => {
    expect(taskServiceOf(taskBox)).toBe(task.serviceId);
    expect(taskServiceOf(standalone)).toBeNull();
    const gb = topologyToGraph(withBoxes);
    const ids = gb.nodes.map((n) => n.id);
    expect(ids).not.toContain(sandboxNodeId(taskBox.id));
    expect(ids).toContain(sandboxNodeId(standalone.id));
    expect(gb.edges.filter((e) => e.target === sandboxNodeId(taskBox.id))).toEqual([]);
    expect(gb.edges.filter((e) => e.type === "endpoint").map((e) => e.target)).toEqual([sandboxNodeId(standalone.id)]);
    // The task's published port is the service's (host mode), not a host-node edge.
    expect(gb.nodes.some((n) => n.type === "host")).toBe(false);
  });

  it("stay sandboxes where their service is not known (a worker sees no services)", () => {
    const gw = topologyToGraph({ ...withBoxes, swarm: { nodeId: "w", role: "worker", nodes: [] }, services: [], tasks: [] });
    expect(gw.nodes.map((n) => n.id)).toContain(sandboxNodeId(taskBox.id));
  });
});

describe("on the canvas", () => {
  it("selects a service by svc:<id>, and a service highlight keeps its networks", () => {
    const s = service("fxsvc");
    expect(parseSelection(serviceNodeId(s.id))).toEqual({ kind: "service", id: s.id });
    expect(formatSelection({ kind: "service", id: s.id })).toBe(serviceNodeId(s.id));
    expect(parseSelection("svc:NOT-AN-ID")).toBeNull();
    const h = must(highlightFor(t, { kind: "service", id: s.id }), "highlight");
    expect([...h.nodes.keys()].sort()).toEqual([serviceNodeId(s.id), networkNodeId(network("fxo").id), networkNodeId(network("ingress").id)].sort());
    const onFxo = must(highlightFor(t, { kind: "network", id: network("fxo").id }), "network highlight");
    for (const svc of t.services) expect(onFxo.nodes.has(serviceNodeId(svc.id))).toBe(true);
  });

  it("places services under their own network (not ingress), in dagre and in blocks, and a new one under its network without moving the rest", () => {
    const fxo = networkNodeId(network("fxo").id);
    for (const layout of [autoLayout(g.nodes, g.edges), blockLayout(g.nodes, g.edges)]) {
      const net = must(layout.get(fxo), "fxo placed");
      for (const n of serviceNodes) expect(must(layout.get(n.id), n.id).y).toBeGreaterThan(net.y);
    }
    const first = autoLayout(g.nodes, g.edges);
    const [kept, added] = serviceNodes;
    const known = new Map([...first].filter(([id]) => id !== must(added, "added").id));
    const placed = placeNodes(g.nodes, g.edges, known);
    for (const [id, p] of known) expect(placed.get(id)).toEqual(p);
    expect(must(placed.get(must(added, "added").id), "added placed").y).toBeGreaterThan(must(placed.get(fxo), "fxo").y);
    expect(kept).toBeDefined();
  });

  it("keeps unchanged service nodes and edges the same objects after a patch that changes one task", () => {
    const task = must(t.tasks[0], "a task");
    const changed = { ...t, tasks: t.tasks.map((x) => (x === task ? { ...x, state: "failed" } : x)) };
    const g2 = shareGraph(g, topologyToGraph(changed));
    const touched = serviceNodeId(task.serviceId);
    for (const n of g2.nodes) {
      const before = g.nodes.find((x) => x.id === n.id);
      if (n.id === touched) expect(n).not.toBe(before);
      else expect(n).toBe(before);
    }
    for (const e of g2.edges) expect(e).toBe(g.edges.find((x) => x.id === e.id));
  });
});
