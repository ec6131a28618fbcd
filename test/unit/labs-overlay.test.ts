/**
 * Lab (h), the overlay between two swarm nodes: its catalogue entry, the
 * engine requests and commands it makes, when it may run, where its task is
 * pinned, and its probes' targets and verdicts. Pure; the end-to-end run on
 * a real two-node swarm is test/swarm/lab-overlay.test.ts.
 */
import { describe, expect, it } from "vitest";
import { findLab } from "@/lib/labs/catalog";
import { expectedAnswers, probeEnds, resolveTarget, swarmReadResult } from "@/lib/labs/probes";
import { networkRequest, opCommands, resetCommand, serviceRequest } from "@/lib/labs/requests";
import { swarmPlan, swarmRefusal, SWARM_NEEDED, taskTrouble } from "@/lib/labs/swarm";
import type { Lab, LabContext, LabOp } from "@/lib/labs/types";
import { nodesText, OTHER_NODE, stepCommands } from "@/lib/labs/view";
import { labelled, opDone, progress, type LabWorld } from "@/lib/labs/world";
import type { EngineNode, EngineService, EngineSwarmSnapshot, EngineTask } from "@/lib/topology/swarm-json";

function overlayLab(): Lab {
  const l = findLab("overlay");
  if (!l) throw new Error("no overlay lab");
  return l;
}

function op<K extends LabOp["op"]>(step: number, index: number, kind: K): Extract<LabOp, { op: K }> {
  const o = overlayLab().steps[step]?.ops[index];
  if (o?.op !== kind) throw new Error(`overlay ${step}/${index} is not ${kind}`);
  return o as Extract<LabOp, { op: K }>;
}

const LABEL = { "cnmap.lab": "overlay" };
const ctx: LabContext = { image: "busybox:latest", swarm: { here: "node1", other: "node2" } };

function node(id: string, hostname: string, state = "ready", availability = "active"): EngineNode {
  return { ID: id, Spec: { Role: id === "n1" ? "manager" : "worker", Availability: availability }, Description: { Hostname: hostname }, Status: { State: state } };
}

function snapshot(extra: Partial<EngineSwarmSnapshot> = {}): EngineSwarmSnapshot {
  return { nodeId: "n1", manager: true, nodes: [node("n1", "node1"), node("n2", "node2")], services: [], tasks: [], networks: [], ...extra };
}

const NET = { Id: "ovl-id", Name: "cnmap-lab-overlay-net", Driver: "overlay", Scope: "swarm", Attachable: true, Labels: LABEL };

function service(labels: Record<string, string> = LABEL, constraint = "node.hostname==node2"): EngineService {
  return { ID: "svc-id", Spec: { Name: "cnmap-lab-overlay-remote", Labels: labels, TaskTemplate: { Placement: { Constraints: [constraint] } } } };
}

function task(nodeId: string, state = "running", extra: Partial<EngineTask> = {}): EngineTask {
  return {
    ID: `task-${nodeId}`,
    ServiceID: "svc-id",
    Slot: 1,
    NodeID: nodeId,
    DesiredState: "running",
    Status: { State: state },
    NetworksAttachments: [{ Network: { ID: "ovl-id" }, Addresses: ["10.0.7.3/24"] }],
    ...extra,
  };
}

function world(swarm: EngineSwarmSnapshot | null, withHere = false): LabWorld {
  return {
    networks: swarm ? [NET] : [],
    containers: withHere
      ? [{ Id: "here-id", Names: ["/cnmap-lab-overlay-here"], Image: "busybox", State: "running", Labels: LABEL, NetworkSettings: { Networks: { "cnmap-lab-overlay-net": { IPAddress: "10.0.7.4" } } } }]
      : [],
    links: [],
    swarm,
  };
}

describe("the overlay lab in the catalogue", () => {
  it("needs a swarm, and its steps are the overlay, the pinned service, the container here", () => {
    const l = overlayLab();
    expect(l.needs).toEqual(["swarm"]);
    expect(l.steps.map((s) => s.ops.map((o) => o.op))).toEqual([["network.create"], ["service.create"], ["container.run"]]);
    expect(op(0, 0, "network.create")).toEqual({ op: "network.create", network: "net", overlay: true });
    expect(op(1, 0, "service.create")).toEqual({ op: "service.create", service: "remote", network: "net" });
    expect(op(2, 0, "container.run")).toEqual({ op: "container.run", container: "here", network: { lab: "net" } });
  });

  it("proves the point with the task's own address and tasks.<service>, never a virtual IP or the ingress mesh", () => {
    const probes = overlayLab().steps.flatMap((s) => s.probes);
    expect(probes.map((p) => p.probe)).toEqual(["overlay-network", "task-node", "ping", "dns"]);
    expect(probes.every((p) => p.expect === "works")).toBe(true);
    const [, , ping, dns] = probes;
    expect(ping).toMatchObject({ from: "here", target: { taskOf: "remote", on: { lab: "net" } } });
    expect(dns).toMatchObject({ from: "here", target: { tasksOf: "remote" }, answers: { tasksOf: "remote", on: { lab: "net" } } });
    // The note on IPVS is in the lab's words, as a property of the kernel.
    expect(overlayLab().steps[2]?.explain).toMatch(/IPVS/);
  });
});

describe("its engine requests and commands", () => {
  it("creates an attachable overlay, labelled, and says so as docker network create -d overlay --attachable", () => {
    expect(networkRequest("overlay", op(0, 0, "network.create"), ctx)).toEqual({
      Name: "cnmap-lab-overlay-net",
      CheckDuplicate: true,
      Labels: LABEL,
      Driver: "overlay",
      Attachable: true,
    });
    expect(opCommands("overlay", op(0, 0, "network.create"), ctx)).toEqual([
      "docker network create --driver overlay --attachable --label cnmap.lab=overlay cnmap-lab-overlay-net",
    ]);
  });

  it("creates one task pinned to the other node by hostname, on the overlay, labelled, without resolving the image", () => {
    expect(serviceRequest("overlay", op(1, 0, "service.create"), ctx)).toEqual({
      Name: "cnmap-lab-overlay-remote",
      Labels: LABEL,
      TaskTemplate: {
        ContainerSpec: { Image: "busybox:latest", Args: ["sleep", "604800"], Labels: LABEL },
        Placement: { Constraints: ["node.hostname==node2"] },
        Networks: [{ Target: "cnmap-lab-overlay-net" }],
        RestartPolicy: { Condition: "none" },
      },
      Mode: { Replicated: { Replicas: 1 } },
    });
    expect(opCommands("overlay", op(1, 0, "service.create"), ctx)).toEqual([
      "docker service create --detach --no-resolve-image --name cnmap-lab-overlay-remote --label cnmap.lab=overlay --container-label cnmap.lab=overlay " +
        "--network cnmap-lab-overlay-net --constraint node.hostname==node2 --replicas 1 --restart-condition none busybox:latest sleep 604800",
    ]);
  });

  it("shows the command with a placeholder node while no swarm plan is known", () => {
    expect(stepCommands(overlayLab(), 1, { image: "busybox:latest" })[0]).toContain(`--constraint 'node.hostname==${OTHER_NODE}'`);
  });

  it("resets services first, then containers and networks, by the label", () => {
    expect(resetCommand("overlay", true)).toBe(
      "docker service rm $(docker service ls -q --filter label=cnmap.lab=overlay) && docker rm --force $(docker ps -aq --filter label=cnmap.lab=overlay) && docker network rm $(docker network ls -q --filter label=cnmap.lab=overlay)",
    );
    expect(resetCommand("dns", false)).not.toContain("service");
  });
});

describe("when it may run, and where the task goes", () => {
  it("refuses outside a swarm, on a worker and with one ready node, with the reason", () => {
    expect(swarmRefusal(null)).toBe(`This lab ${SWARM_NEEDED}. This engine is not in a swarm.`);
    expect(SWARM_NEEDED).toBe("needs swarm with two nodes: docker swarm init, then docker swarm join on a second host");
    expect(swarmRefusal(snapshot({ manager: false, nodes: [] }))).toMatch(/swarm worker/);
    expect(swarmRefusal(snapshot({ nodes: [node("n1", "node1")] }))).toMatch(/1 ready node taking tasks/);
    expect(swarmRefusal(snapshot({ nodes: [node("n1", "node1"), node("n2", "node2", "down")] }))).toMatch(/1 ready node/);
    expect(swarmRefusal(snapshot({ nodes: [node("n1", "node1"), node("n2", "node2", "ready", "drain")] }))).toMatch(/1 ready node/);
    expect(swarmRefusal(snapshot({ nodes: [node("n1", "same"), node("n2", "same")] }))).toMatch(/hostname/);
    expect(swarmRefusal(snapshot())).toBeNull();
  });

  it("pins the task to another ready node, or to the node its service already names", () => {
    expect(swarmPlan(overlayLab(), snapshot({ nodes: [node("n1", "node1"), node("n3", "zeta"), node("n2", "alpha")] }))).toEqual({ here: "node1", other: "alpha" });
    expect(swarmPlan(overlayLab(), snapshot({ services: [service(LABEL, "node.hostname==zeta")] }))).toEqual({ here: "node1", other: "zeta" });
    expect(swarmPlan(overlayLab(), null)).toBeNull();
    expect(swarmPlan(overlayLab(), snapshot({ nodes: [node("n1", "node1")] }))).toBeNull();
  });

  it("counts the service step done only when its task runs on another node", () => {
    const svc = op(1, 0, "service.create");
    expect(opDone("overlay", svc, world(snapshot({ services: [service()] })))).toBe(false);
    expect(opDone("overlay", svc, world(snapshot({ services: [service()], tasks: [task("n2", "preparing")] })))).toBe(false);
    expect(opDone("overlay", svc, world(snapshot({ services: [service()], tasks: [task("n1")] })))).toBe(false);
    expect(opDone("overlay", svc, world(snapshot({ services: [service()], tasks: [task("n2")] })))).toBe(true);
    expect(opDone("overlay", svc, world(snapshot({ services: [service({})], tasks: [task("n2")] })))).toBe(false);
  });

  it("lists the labelled service for a reset, and a service of someone else's by that name as a clash", () => {
    const w = world(snapshot({ services: [service()], tasks: [task("n2")] }), true);
    expect(labelled("overlay", w).services.map((s) => s.ID)).toEqual(["svc-id"]);
    expect(progress(overlayLab(), w)).toMatchObject({ done: [true, true, true], next: null, started: true, objects: { services: ["cnmap-lab-overlay-remote"] } });
    expect(progress(overlayLab(), world(snapshot({ services: [service({})] }))).clashes).toEqual(["service cnmap-lab-overlay-remote"]);
    // A task's container is the service's: a reset removes the service, not the container.
    const withTaskContainer: LabWorld = { ...w, containers: [...w.containers, { Id: "t", Names: ["/cnmap-lab-overlay-remote.1.x"], Image: "b", State: "running", Labels: { ...LABEL, "com.docker.swarm.service.id": "svc-id" } }] };
    expect(labelled("overlay", withTaskContainer).containers.map((c) => c.Id)).toEqual(["here-id"]);
  });

  it("says why a task does not run, from the engine's own words", () => {
    expect(taskTrouble([task("n2")], "svc-id")).toBeNull();
    expect(taskTrouble([], "svc-id")).toBe("it has no task yet");
    expect(taskTrouble([task("n2", "rejected", { Status: { State: "rejected", Err: "No such image: busybox:latest" } })], "svc-id")).toBe("its task was rejected: No such image: busybox:latest");
  });
});

describe("its probes", () => {
  const lab = overlayLab();
  const [, , ping, dns] = lab.steps.flatMap((s) => s.probes);
  const w = world(snapshot({ services: [service()], tasks: [task("n2", "shutdown", { DesiredState: "shutdown", ID: "old" }), task("n2")] }), true);

  it("aims at the running task's overlay address, and asks swarm DNS for tasks.<service>", () => {
    if (!ping || ping.probe !== "ping" || !dns || dns.probe !== "dns") throw new Error("probes");
    expect(resolveTarget("overlay", ping.target, w)).toEqual({ ok: true, target: "10.0.7.3" });
    expect(resolveTarget("overlay", dns.target, w)).toEqual({ ok: true, target: "tasks.cnmap-lab-overlay-remote" });
    expect(expectedAnswers("overlay", dns, w)).toEqual({ ok: true, addresses: ["10.0.7.3"] });
    expect(resolveTarget("overlay", ping.target, world(snapshot({ services: [service()] })))).toEqual({ ok: false, reason: "service cnmap-lab-overlay-remote has no running task" });
  });

  it("says which node each end is on", () => {
    if (!ping) throw new Error("probes");
    const ends = probeEnds("overlay", ping, w);
    expect(ends).toEqual({
      from: { name: "cnmap-lab-overlay-here", node: "node1", here: true, address: "10.0.7.4" },
      to: { name: "cnmap-lab-overlay-remote.1", node: "node2", here: false, address: "10.0.7.3" },
    });
    expect(nodesText(ends as NonNullable<typeof ends>)).toBe("From cnmap-lab-overlay-here on node1 (this engine, 10.0.7.4) to cnmap-lab-overlay-remote.1 on node2 (10.0.7.3).");
  });

  it("reads the overlay's shape and the task's node from the manager, passing only when they are as the lab says", () => {
    const [netProbe, nodeProbe] = lab.steps.flatMap((s) => s.probes);
    if (netProbe?.probe !== "overlay-network" || nodeProbe?.probe !== "task-node") throw new Error("probes");
    expect(swarmReadResult("overlay", netProbe, w)).toMatchObject({ verdict: "pass", outcome: "success", output: "overlay swarm attachable=true" });
    const notAttachable: LabWorld = { ...w, networks: [{ ...NET, Attachable: false }] };
    expect(swarmReadResult("overlay", netProbe, notAttachable)).toMatchObject({ verdict: "fail" });
    expect(swarmReadResult("overlay", nodeProbe, w)).toMatchObject({
      verdict: "pass",
      summary: "cnmap-lab-overlay-remote.1 runs on node2, not on node1 (this engine)",
      nodes: { to: { node: "node2", here: false } },
    });
    const onHere = world(snapshot({ services: [service()], tasks: [task("n1")] }));
    expect(swarmReadResult("overlay", nodeProbe, onHere)).toMatchObject({ verdict: "fail" });
    expect(swarmReadResult("overlay", nodeProbe, world(snapshot()))).toMatchObject({ verdict: "cannot-tell", outcome: "not-run" });
  });
});
