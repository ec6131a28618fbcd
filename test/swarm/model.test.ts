/**
 * The swarm in GET /api/topology, on the real two-node swarm, value by value
 * against the docker CLI: `docker node inspect`, `docker service inspect`,
 * `docker inspect --type task`, `docker network inspect -v`; kept live (a
 * scale shows with no reload, though Docker sends no task events); and what a
 * dashboard on the worker sees. Everything made carries this run's label.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SwarmService, SwarmTask, Topology } from "@/lib/topology/types";
import { fetchTopology, topologyWhen } from "../support/api";
import { docker, LABEL, runContainer, uniqueName } from "../support/docker-cli";
import { freePort, startServer, type RunningServer } from "../support/server";
import { cleanupSwarmLabelled, createOverlay, createService, swarmEnv, waitForTasks } from "../support/swarm";

const api = inject("apiUrl");
const swarm = swarmEnv();

const secure = uniqueName("sw-enc");
const vip = uniqueName("sw-vip");
const rr = uniqueName("sw-rrg");
const standalone = uniqueName("sw-alone");
let secureId = "";
let meshPort = 0;
let hostPort = 0;
let worker: RunningServer | undefined;

interface RawNode {
  ID: string;
  Spec: { Role: string; Availability: string };
  Description: { Hostname: string };
  Status: { State: string; Addr: string };
  ManagerStatus?: { Leader?: boolean };
}
interface RawService {
  ID: string;
  Spec: {
    Name: string;
    Mode: { Replicated?: { Replicas: number }; Global?: object };
    TaskTemplate: { Networks?: { Target: string }[] };
    EndpointSpec?: { Mode?: string };
  };
  Endpoint: { Ports?: { Protocol: string; TargetPort: number; PublishedPort: number; PublishMode: string }[]; VirtualIPs?: { NetworkID: string; Addr: string }[] };
}
interface RawTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID: string;
  DesiredState: string;
  Status: { State: string; ContainerStatus?: { ContainerID?: string } };
  NetworksAttachments?: { Network: { ID: string }; Addresses: string[] }[];
}

const inspectJson = <T>(...args: string[]): T[] => JSON.parse(docker(...args)) as T[];

/** What the CLI says the service is, in cnmap's shape (replicas: running tasks counted the way `docker service ls` does). */
function expectedService(s: RawService, tasks: RawTask[], nodes: RawNode[]): SwarmService {
  const mine = tasks.filter((t) => t.ServiceID === s.ID);
  const running = mine.filter((t) => t.Status.State === "running" && t.DesiredState !== "shutdown").length;
  const desired = s.Spec.Mode.Replicated ? s.Spec.Mode.Replicated.Replicas : nodes.filter((n) => n.Status.State === "ready" && n.Spec.Availability === "active").length;
  return {
    id: s.ID,
    name: s.Spec.Name,
    mode: s.Spec.Mode.Global ? "global" : "replicated",
    replicas: { desired, running },
    endpointMode: s.Spec.EndpointSpec?.Mode === "dnsrr" ? "dnsrr" : "vip",
    vips: (s.Endpoint.VirtualIPs ?? []).map((v) => ({ networkId: v.NetworkID, addr: v.Addr })),
    ports: (s.Endpoint.Ports ?? []).map((p) => ({ protocol: p.Protocol, targetPort: p.TargetPort, publishedPort: p.PublishedPort, publishMode: p.PublishMode === "host" ? "host" : "ingress" })),
    networks: (s.Spec.TaskTemplate.Networks ?? []).map((n) => n.Target),
  };
}

function expectedTask(t: RawTask): SwarmTask {
  return {
    id: t.ID,
    serviceId: t.ServiceID,
    slot: t.Slot ?? 0,
    nodeId: t.NodeID,
    state: t.Status.State,
    desiredState: t.DesiredState,
    containerId: t.Status.ContainerStatus?.ContainerID ?? "",
    addresses: (t.NetworksAttachments ?? []).flatMap((a) => a.Addresses.map((addr) => ({ networkId: a.Network.ID, addr }))),
  };
}

/** Every task of this run's services that the orchestrator still wants, from the CLI. */
function cliTasks(): RawTask[] {
  const ids = [vip, rr].flatMap((s) => docker("service", "ps", "-q", "--no-trunc", s).split("\n").filter(Boolean));
  return inspectJson<RawTask>("inspect", "--type", "task", ...ids).filter((t) => !["shutdown", "remove", "orphaned"].includes(t.DesiredState));
}

/** The topology once its swarm part has caught up with the running services (the swarm is read every 2 s). */
function settled(replicasOfVip: number): Promise<Topology> {
  return topologyWhen(
    api,
    (t) => {
      const v = t.services.find((s) => s.name === vip);
      const g = t.services.find((s) => s.name === rr);
      const running = (id: string | undefined): number => t.tasks.filter((x) => x.serviceId === id && x.state === "running").length;
      return v?.replicas.running === replicasOfVip && g?.replicas.running === 2 && running(v.id) === replicasOfVip && running(g.id) === 2;
    },
    `${vip} with ${replicasOfVip} running tasks and ${rr} with 2`,
    30_000,
  );
}

beforeAll(async () => {
  secureId = createOverlay(secure, "--opt", "encrypted", "--subnet", "10.233.0.0/24");
  meshPort = await freePort("0.0.0.0");
  hostPort = await freePort("0.0.0.0");
  // Two replicas, one per node; a port published through the mesh.
  createService(vip, ["--network", secure, "--replicas", "2", "--replicas-max-per-node", "1", "--publish", `published=${meshPort},target=80`]);
  // A global dnsrr service: one task on each node, a host-mode port.
  createService(rr, ["--network", secure, "--mode", "global", "--endpoint-mode", "dnsrr", "--publish", `mode=host,published=${hostPort},target=80`]);
  runContainer(standalone, ["--network", secure], ["sleep", "3600"]);
  await waitForTasks(vip, 2);
  await waitForTasks(rr, 2);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  const failed = await cleanupSwarmLabelled();
  expect(failed, "objects of this run that could not be removed").toEqual([]);
}, 180_000);

describe("the swarm in /api/topology, against the docker CLI", () => {
  it("lists both nodes as docker node inspect does, and says this engine is the manager", async () => {
    const t = await settled(2);
    const nodes = inspectJson<RawNode>("node", "inspect", ...docker("node", "ls", "-q").split("\n"));
    expect(t.swarm?.nodeId).toBe(docker("info", "--format", "{{.Swarm.NodeID}}"));
    expect(t.swarm?.role).toBe("manager");
    expect(t.swarm?.nodes).toEqual(
      nodes
        .map((n) => ({ id: n.ID, hostname: n.Description.Hostname, role: n.Spec.Role, state: n.Status.State, availability: n.Spec.Availability, addr: n.Status.Addr, leader: n.ManagerStatus?.Leader === true }))
        .sort((a, b) => a.hostname.localeCompare(b.hostname)),
    );
    expect(t.swarm?.nodes.map((n) => n.hostname).sort()).toEqual([swarm.managerHostname, swarm.node2Hostname].sort());
  });

  it("reports each service as docker service inspect does: mode, replicas, endpoint mode, VIPs, ports, networks", async () => {
    const t = await settled(2);
    const nodes = inspectJson<RawNode>("node", "inspect", ...docker("node", "ls", "-q").split("\n"));
    const tasks = cliTasks();
    for (const name of [vip, rr]) {
      const [raw] = inspectJson<RawService>("service", "inspect", name);
      if (!raw) throw new Error(`no service ${name}`);
      expect(t.services.find((s) => s.id === raw.ID), name).toEqual(expectedService(raw, tasks, nodes));
    }
    const v = t.services.find((s) => s.name === vip);
    // The mesh: a VIP on the ingress network too, the port in ingress mode; dnsrr: no VIP, a host-mode port.
    const ingressId = docker("network", "inspect", "--format", "{{.Id}}", "ingress");
    expect(v?.vips.map((x) => x.networkId).sort()).toEqual([ingressId, secureId].sort());
    expect(v?.ports).toEqual([{ protocol: "tcp", targetPort: 80, publishedPort: meshPort, publishMode: "ingress" }]);
    const g = t.services.find((s) => s.name === rr);
    expect(g).toMatchObject({ mode: "global", endpointMode: "dnsrr", vips: [], replicas: { desired: 2, running: 2 } });
    expect(g?.ports).toEqual([{ protocol: "tcp", targetPort: 80, publishedPort: hostPort, publishMode: "host" }]);
  });

  it("reports each current task as docker inspect --type task does, on the node it runs on", async () => {
    const t = await settled(2);
    const raw = cliTasks();
    const mine = new Set(t.services.filter((s) => s.name === vip || s.name === rr).map((s) => s.id));
    expect(t.tasks.filter((x) => mine.has(x.serviceId)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(raw.map(expectedTask).sort((a, b) => a.id.localeCompare(b.id)));
    // One task of each service on each node; a local task's container is a sandbox here, with the task's address.
    const hostnameOf = new Map(t.swarm?.nodes.map((n) => [n.id, n.hostname]));
    for (const s of t.services.filter((x) => mine.has(x.id))) {
      expect(t.tasks.filter((x) => x.serviceId === s.id).map((x) => hostnameOf.get(x.nodeId)).sort(), s.name).toEqual([swarm.managerHostname, swarm.node2Hostname].sort());
    }
    const local = t.tasks.filter((x) => mine.has(x.serviceId) && hostnameOf.get(x.nodeId) === swarm.managerHostname);
    for (const task of local) {
      const sandbox = t.sandboxes.find((s) => s.id === task.containerId);
      expect(sandbox?.containers[0]?.labels["com.docker.swarm.task.id"]).toBe(task.id);
      const onSecure = t.endpoints.find((e) => e.sandboxId === task.containerId && e.networkId === secureId);
      expect(onSecure?.ipv4).toBe(task.addresses.find((a) => a.networkId === secureId)?.addr);
    }
  });

  it("marks the overlay encrypted and gives its VXLAN ID and its peers as docker network inspect -v does", async () => {
    const t = await topologyWhen(api, (x) => (x.networks.find((n) => n.id === secureId)?.peers?.length ?? 0) === 2, `${secure} with two peers`, 30_000);
    const [raw] = inspectJson<{ Options: Record<string, string>; Peers: { Name: string; IP: string }[] }>("network", "inspect", "-v", secureId);
    const n = t.networks.find((x) => x.id === secureId);
    expect(n?.encrypted).toBe(true);
    expect("encrypted" in (raw?.Options ?? {})).toBe(true);
    expect(n?.vxlanIds).toEqual(raw?.Options["com.docker.network.driver.overlay.vxlanid_list"]?.split(",").map(Number));
    expect(n?.peers).toEqual((raw?.Peers ?? []).map((p) => ({ name: p.Name, ip: p.IP })).sort((a, b) => a.name.localeCompare(b.name)));
    expect(n?.peers?.map((p) => p.ip).sort()).toEqual([swarm.managerAddr, swarm.node2Addr].sort());
    // A standalone container on the attachable overlay is an ordinary sandbox with its endpoint.
    const alone = t.sandboxes.find((s) => s.containers[0]?.name === standalone);
    expect(t.endpoints.some((e) => e.sandboxId === alone?.id && e.networkId === secureId && e.active)).toBe(true);
  });
});

describe("kept live", () => {
  it("shows a scale with no reload, though Docker sends no task events, and a scale back", async () => {
    const before = await fetchTopology(api);
    const version = before.live?.version ?? 0;
    docker("service", "update", "--detach", "--replicas-max-per-node", "2", "--replicas", "3", vip);
    const t = await settled(3);
    expect(t.live?.epoch).toBe(before.live?.epoch);
    expect(t.live?.version ?? 0).toBeGreaterThan(version);
    const [raw] = inspectJson<RawService>("service", "inspect", vip);
    expect(t.services.find((s) => s.name === vip)?.replicas).toEqual({ desired: raw?.Spec.Mode.Replicated?.Replicas, running: 3 });
    docker("service", "scale", "--detach", `${vip}=2`);
    const back = await settled(2);
    expect(back.tasks.filter((x) => x.serviceId === raw?.ID)).toHaveLength(2);
  });

  it("drops a removed service and its tasks", async () => {
    const gone = uniqueName("sw-gone");
    const id = createService(gone, ["--network", secure]);
    await topologyWhen(api, (t) => t.tasks.some((x) => x.serviceId === id && x.state === "running"), `${gone} running`, 60_000);
    docker("service", "rm", gone);
    const t = await topologyWhen(api, (x) => !x.services.some((s) => s.id === id), `${gone} removed`, 30_000);
    expect(t.tasks.some((x) => x.serviceId === id)).toBe(false);
  });
});

describe("a dashboard on the worker", () => {
  it("says it is a worker, lists no services it cannot see, and draws its local task containers as sandboxes", async () => {
    worker = await startServer(await freePort(), { DOCKER_HOST: swarm.node2Host });
    const t = await topologyWhen(worker.url, (x) => x.swarm !== null, "the swarm", 30_000);
    expect(t.engine.swarm).toBe("active");
    expect(t.swarm).toEqual({ nodeId: docker("-H", swarm.node2Host, "info", "--format", "{{.Swarm.NodeID}}"), role: "worker", nodes: [] });
    expect(t.services).toEqual([]);
    expect(t.tasks).toEqual([]);
    const there = docker("-H", swarm.node2Host, "ps", "-q", "--no-trunc", "--filter", `label=${LABEL}`, "--filter", "label=com.docker.swarm.service.id").split("\n").filter(Boolean);
    expect(there.length).toBeGreaterThanOrEqual(2);
    for (const id of there) expect(t.sandboxes.some((s) => s.id === id), id).toBe(true);
  });
});
