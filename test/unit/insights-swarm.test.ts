/**
 * The swarm insights on the JSON captured from a real manager
 * (test/fixtures/engine/swarm-services.json): Docker's DNS for services and
 * `tasks.<name>`, reachability to tasks across nodes, the swarm findings of
 * the advisor, and what the probe accepts and expects. The fixture is one
 * node; "two nodes" moves fxsvc's second task to a second node (no sandbox
 * here) and gives the overlays two peers, as a manager of two nodes sees it.
 */
import { describe, expect, it } from "vitest";
import { advise, type Finding, type FindingKind } from "@/lib/insights/advisor";
import { dnsView, resolveName } from "@/lib/insights/dns";
import { reach, reachTask, remoteTaskReach } from "@/lib/insights/reachability";
import { expectProbe } from "@/lib/probe/expect";
import { remoteSourceReason, taskSource } from "@/lib/probe/source";
import { checkProbeTarget, probeTargets } from "@/lib/probe/targets";
import { buildTopology } from "@/lib/topology/build";
import type { Endpoint, Sandbox, Topology as Full } from "@/lib/topology/types";

/** What buildTopology returns: the topology without the engine facts. */
type Topology = Omit<Full, "engine">;
import { must } from "./helpers/fixtures";
import { loadSwarmFixture, swarmSnapshotOf } from "./helpers/swarm-fixture";

const f = loadSwarmFixture();
const built = buildTopology({ networks: f.networks, containers: [], details: {}, swarm: swarmSnapshotOf(f) });

const net = (t: Pick<Topology, "networks">, name: string) => must(t.networks.find((n) => n.name === name), `network ${name}`);
const svc = (t: Pick<Topology, "services">, name: string) => must(t.services.find((s) => s.name === name), `service ${name}`);
const bare = (cidr: string): string => cidr.split("/")[0] ?? "";
const fxo = net(built, "fxo");
const ingress = net(built, "ingress");

function ctr(id: string, name: string, labels: Record<string, string> = {}): Sandbox {
  return { id, networkMode: "default", containers: [{ id, name, image: "busybox", state: "running", status: "Up", labels }], ports: [] };
}

function ep(s: Sandbox, networkId: string, addr: string): Endpoint {
  return { id: `ep-${s.id}-${networkId}`, networkId, sandboxId: s.id, containerId: s.id, ipv4: addr, ipv6: "", mac: "", aliases: [], active: true };
}

/**
 * The fixture with its task containers as the sandboxes they are on the
 * node, a standalone container `client` on fxo (attachable) and `lonely` on
 * a bridge of its own.
 */
function withContainers(t: Topology): Topology {
  const sandboxes: Sandbox[] = [];
  const endpoints: Endpoint[] = [];
  for (const task of t.tasks) {
    const s = svc(t, t.services.find((x) => x.id === task.serviceId)?.name ?? "");
    if (task.nodeId !== t.swarm?.nodeId) continue;
    const sb = ctr(task.containerId, `${s.name}.${task.slot || task.nodeId}.${task.id}`, { "com.docker.swarm.task.id": task.id, "com.docker.swarm.service.name": s.name });
    sandboxes.push(sb);
    for (const a of task.addresses) endpoints.push(ep(sb, a.networkId, a.addr));
  }
  const client = ctr("c1".padEnd(64, "0"), "client");
  sandboxes.push(client);
  endpoints.push(ep(client, fxo.id, "10.232.0.50/24"));
  const bridge = net(t, "e2e-ex-net-t1795713503-1093-eelo7");
  const lonely = ctr("d1".padEnd(64, "0"), "lonely");
  sandboxes.push(lonely);
  endpoints.push(ep(lonely, bridge.id, "10.250.177.9/24"));
  return { ...t, sandboxes, endpoints };
}

const NODE2 = { id: "node2node2node2node2node2", hostname: "cnmap-node2", role: "worker" as const, state: "ready", availability: "active", addr: "10.99.0.2", leader: false };

/** fxsvc's slot-2 task runs on a second node; the overlays have both nodes as peers. */
function twoNodes(t: Topology): Topology {
  const fxsvc = svc(t, "fxsvc");
  const swarm = must(t.swarm, "swarm");
  return {
    ...t,
    swarm: { ...swarm, nodes: [...swarm.nodes.map((n) => ({ ...n, addr: "10.99.0.1" })), NODE2] },
    tasks: t.tasks.map((x) => (x.serviceId === fxsvc.id && x.slot === 2 ? { ...x, nodeId: NODE2.id } : x)),
    networks: t.networks.map((n) => (n.driver === "overlay" ? { ...n, peers: [{ name: "vm", ip: "10.99.0.1" }, { name: NODE2.hostname, ip: NODE2.addr }] } : n)),
  };
}

const one = withContainers(built);
const two = withContainers(twoNodes(built));
const clientId = "c1".padEnd(64, "0");
const lonelyId = "d1".padEnd(64, "0");
const tasksOf = (t: Topology, name: string) => t.tasks.filter((x) => x.serviceId === svc(t, name).id);
const addrsOn = (t: Topology, name: string, networkId: string): string[] =>
  tasksOf(t, name).map((x) => bare(x.addresses.find((a) => a.networkId === networkId)?.addr ?? "")).sort();

describe("Docker's DNS for swarm services", () => {
  const view = must(dnsView(one, clientId).find((v) => v.networkId === fxo.id), "fxo view");
  const record = (name: string) => must(view.names.find((r) => r.name === name), `record ${name}`);

  it("answers a vip service's name with its VIP on the network, and tasks.<name> with the task addresses", () => {
    const vip = bare(must(svc(one, "fxsvc").vips.find((v) => v.networkId === fxo.id), "fxsvc VIP on fxo").addr);
    expect(record("fxsvc").addresses).toEqual([vip]);
    expect(record("fxsvc").service).toMatchObject({ form: "vip", vip, endpointMode: "vip" });
    expect(record("fxsvc").roundRobin).toBe(false);
    expect(record("tasks.fxsvc").addresses.sort()).toEqual(addrsOn(one, "fxsvc", fxo.id));
    expect(record("tasks.fxsvc").roundRobin).toBe(true);
  });

  it("answers a dnsrr service's name with its task addresses directly (no VIP)", () => {
    expect(svc(one, "fxdns").vips).toEqual([]);
    expect(record("fxdns").addresses).toEqual(addrsOn(one, "fxdns", fxo.id));
    expect(record("fxdns").service?.form).toBe("dnsrr");
    expect(record("tasks.fxdns").addresses).toEqual(addrsOn(one, "fxdns", fxo.id));
  });

  it("links the records to the task containers on this node", () => {
    const targets = record("tasks.fxsvc").targets;
    expect(targets.map((x) => x.sandboxId).sort()).toEqual(tasksOf(one, "fxsvc").map((x) => x.containerId).sort());
    expect(targets.every((x) => x.task?.local === true && x.task.node === "vm")).toBe(true);
  });

  it("serves no service names on the ingress network, nor to a container on no network of the service", () => {
    const task = must(tasksOf(one, "fxsvc")[0], "an fxsvc task");
    const ing = must(dnsView(one, task.containerId).find((v) => v.networkId === ingress.id), "ingress view");
    expect(ing.dns).toBe(false);
    expect(resolveName(one, lonelyId, "fxsvc")).toEqual([]);
    expect(resolveName(one, lonelyId, "tasks.fxdns")).toEqual([]);
  });

  it("names tasks on another node by task name and node", () => {
    const v = must(dnsView(two, clientId).find((x) => x.networkId === fxo.id), "fxo view");
    const r = must(v.names.find((x) => x.name === "tasks.fxsvc"), "tasks.fxsvc");
    const remote = must(r.targets.find((x) => x.task?.node === "cnmap-node2"), "the task on node2");
    expect(remote).toMatchObject({ sandboxId: "", container: "fxsvc.2", task: { local: false } });
    expect(r.addresses.sort()).toEqual(addrsOn(two, "fxsvc", fxo.id));
  });

  it("says a service with no running task answers nothing", () => {
    const idle = { ...one, tasks: one.tasks.map((x) => (x.serviceId === svc(one, "fxdns").id ? { ...x, state: "failed" } : x)) };
    const v = must(dnsView(idle, clientId).find((x) => x.networkId === fxo.id), "fxo view");
    expect(v.names.map((x) => x.name)).not.toContain("fxdns");
    expect(v.unresolvable.filter((u) => u.kind === "service").map((u) => u.name)).toEqual(["fxdns", "tasks.fxdns"]);
  });
});

describe("reachability to tasks, across nodes", () => {
  const remote = must(two.tasks.find((x) => x.nodeId === NODE2.id), "the task on node2");

  it("reaches a task on another node over the shared overlay, and says how", () => {
    const v = reachTask(two, clientId, remote.id);
    expect(v.ok).toBe(true);
    expect(v.via).toEqual(["fxo"]);
    expect(v.reason).toContain("both on overlay fxo");
    expect(v.reason).toContain("VXLAN 4097 between vm and cnmap-node2, in IPsec (encrypted overlay)");
  });

  it("from a task's container on this node too, but not through the ingress network", () => {
    const local = must(tasksOf(two, "fxsvc").find((x) => x.nodeId !== NODE2.id), "the local fxsvc task");
    const v = reachTask(two, local.containerId, remote.id);
    expect(v.ok).toBe(true);
    expect(v.via).toEqual(["fxo"]);
    expect(v.blocked).toEqual([expect.objectContaining({ network: "ingress" })]);
    expect(reach(two, local.containerId, clientId).ok).toBe(true);
  });

  it("not from a container that shares no overlay with the task", () => {
    const v = reachTask(two, lonelyId, remote.id);
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/^no shared overlay: lonely is on e2e-ex-net.*; fxsvc\.2 \(on cnmap-node2\) is on ingress, fxo$/);
  });

  it("a task on this node is its container: the verdict is the containers'", () => {
    const local = must(tasksOf(one, "fxdns")[0], "fxdns task");
    const v = reachTask(one, clientId, local.id);
    expect(v.ok).toBe(true);
    expect(v.reason).toMatch(/^fxdns\.\S+ runs on this node \(vm\)/);
  });

  it("gives the reach matrix's columns for the tasks on other nodes", () => {
    const m = remoteTaskReach(two, [clientId, lonelyId]);
    expect(m.tasks).toEqual([{ id: remote.id, name: "fxsvc.2", node: "cnmap-node2" }]);
    expect(m.cells.map((row) => row.map((c) => c.ok))).toEqual([[true], [false]]);
  });
});

describe("the advisor on a swarm", () => {
  const of = (fs: Finding[], kind: FindingKind) => fs.filter((x) => x.kind === kind);

  it("does not flag the encrypted fxo; flags the ingress network only once it spans two nodes", () => {
    expect(of(advise(one), "overlay-unencrypted")).toEqual([]);
    const found = of(advise(two), "overlay-unencrypted");
    expect(found.map((x) => [x.objects[0]?.name, x.severity])).toEqual([["ingress", "info"]]);
  });

  it("flags an unencrypted overlay whose tasks run on two nodes, with a fix that moves its services", () => {
    const t = { ...two, networks: two.networks.map((n) => (n.id === fxo.id ? { ...n, encrypted: false, options: {}, peers: undefined } : n)) };
    const found = must(of(advise(t), "overlay-unencrypted").find((x) => x.objects[0]?.id === fxo.id), "fxo finding");
    expect(found.severity).toBe("warning");
    expect(found.why).toMatch(/^fxo has running tasks on 2 nodes \(vm, cnmap-node2\)/);
    expect(found.objects.map((o) => `${o.kind}:${o.name}`)).toEqual(["network:fxo", "service:fxdns", "service:fxsvc"]);
    expect(found.fix).toBe(
      "docker network create --driver overlay --attachable --opt encrypted=true --label cnmap.fixture=1 fxo-encrypted && docker service update --network-add fxo-encrypted --network-rm fxo fxdns && docker service update --network-add fxo-encrypted --network-rm fxo fxsvc",
    );
  });

  it("flags ports published in ingress mode, with every node, and a fix to host mode", () => {
    const found = of(advise(two), "ingress-published");
    expect(found.map((x) => x.title)).toEqual(["fxsvc publishes 8085/tcp on every node through the routing mesh"]);
    expect(found[0]?.objects.map((o) => `${o.kind}:${o.name}`)).toEqual(["service:fxsvc", "network:ingress", "node:vm", "node:cnmap-node2"]);
    expect(found[0]?.why).toContain("(vm 10.99.0.1, cnmap-node2 10.99.0.2)");
    expect(found[0]?.fix).toBe(
      "docker service update --publish-rm published=8085,target=80,protocol=tcp --publish-add mode=host,published=8085,target=80,protocol=tcp fxsvc",
    );
    // fxdns publishes in host mode only.
    expect(found.some((x) => x.objects[0]?.name === "fxdns")).toBe(false);
  });

  it("flags a replicated service with one desired replica, not a global one nor one of two", () => {
    expect(of(advise(one), "single-replica")).toEqual([]);
    const t = { ...one, services: one.services.map((s) => (s.name === "fxsvc" ? { ...s, replicas: { desired: 1, running: 1 } } : s)) };
    const found = of(advise(t), "single-replica");
    expect(found.map((x) => x.title)).toEqual(["fxsvc runs a single replica"]);
    expect(found[0]?.fix).toBe("docker service scale fxsvc=2");
  });

  it("flags an overlay subnet that holds a node's address, with a free range", () => {
    expect(of(advise(two), "overlay-node-overlap")).toEqual([]);
    const t = { ...two, swarm: { ...must(two.swarm, "swarm"), nodes: [...must(two.swarm, "swarm").nodes.slice(0, 1), { ...NODE2, addr: "10.232.0.77" }] } };
    const found = of(advise(t), "overlay-node-overlap");
    expect(found.map((x) => [x.title, x.severity])).toEqual([["Overlay fxo (10.232.0.0/24) contains the address of cnmap-node2 (10.232.0.77)", "error"]]);
    expect(found[0]?.objects.map((o) => `${o.kind}:${o.name}`)).toEqual(["network:fxo", "node:cnmap-node2", "service:fxdns", "service:fxsvc"]);
    expect(found[0]?.fix).toMatch(/^docker network create --driver overlay --subnet 172\.\d+\.\d+\.0\/24 --attachable --opt encrypted --label cnmap\.fixture=1 fxo-renumbered && docker service update --network-add fxo-renumbered --network-rm fxo fxdns && /);
  });
});

describe("probes to services and tasks", () => {
  const remote = must(two.tasks.find((x) => x.nodeId === NODE2.id), "the task on node2");
  const remoteAddr = bare(must(remote.addresses.find((a) => a.networkId === fxo.id), "its fxo address").addr);

  it("accepts service names and tasks.<name> from a container on the service's network, and says why not elsewhere", () => {
    for (const name of ["fxsvc", "tasks.fxsvc", "fxdns", "tasks.fxdns"]) expect(checkProbeTarget(two, clientId, "dns", name)).toBeNull();
    expect(checkProbeTarget(two, lonelyId, "ping", "tasks.fxdns")).toMatch(/names swarm service fxdns, which is on fxo; lonely is on none of them/);
  });

  it("offers services, tasks.<name> and the addresses of tasks on other nodes in the picker", () => {
    const s = probeTargets(two, clientId);
    expect(s).toContainEqual({ value: "fxsvc", label: "service on fxo (VIP)" });
    expect(s).toContainEqual({ value: "fxdns", label: "service on fxo (dnsrr)" });
    expect(s).toContainEqual({ value: "tasks.fxsvc", label: "tasks of service fxsvc on fxo" });
    expect(s).toContainEqual({ value: remoteAddr, label: "task fxsvc.2 on cnmap-node2 (fxo)" });
  });

  it("expects a ping to a task on another node to work, over the overlay", () => {
    const e = expectProbe(two, clientId, "ping", remoteAddr);
    expect(e.expected.works).toBe(true);
    expect(e.expected.reason).toMatch(/is task fxsvc\.2's address on fxo: both on overlay fxo/);
  });

  it("expects tasks.<name> and a dnsrr name to go to the tasks, and a VIP to need IPVS", () => {
    expect(expectProbe(two, clientId, "ping", "tasks.fxsvc").expected.works).toBe(true);
    expect(expectProbe(two, clientId, "ping", "fxdns").expected.reason).toMatch(/resolves to service fxdns's task addresses/);
    expect(expectProbe(two, clientId, "ping", "fxsvc").expected.reason).toMatch(/virtual IP .*IPVS/);
    const dns = expectProbe(two, clientId, "dns", "tasks.fxsvc").expected;
    expect(dns.works).toBe(true);
    expect(dns.reason).toBe(`Docker's DNS resolves tasks.fxsvc for client on fxo to ${must(dnsView(two, clientId).find((v) => v.networkId === fxo.id), "fxo").names.find((r) => r.name === "tasks.fxsvc")?.addresses.join(", ")}`);
  });

  it("takes a local task as a source by its name, and refuses one on another node, saying why", () => {
    const local = must(taskSource(two, "fxsvc.1"), "fxsvc.1");
    expect(local.local).toBe(true);
    const far = must(taskSource(two, "fxsvc.2"), "fxsvc.2");
    expect(far.local).toBe(false);
    expect(remoteSourceReason(two, far)).toMatch(/^Task fxsvc\.2 runs on cnmap-node2, not on vm, .*only from a container on vm\. Probe from a container or task on vm that shares its overlay \(fxo\)/);
    expect(taskSource(two, remote.id.slice(0, 6))?.task.id).toBe(remote.id);
    expect(taskSource(two, "nosuch")).toBeNull();
  });
});
