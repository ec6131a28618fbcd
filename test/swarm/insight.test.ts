/**
 * The swarm insights through cnmap's probe, on the real two-node swarm of
 * scripts/swarm-up.sh: a vip service and a dnsrr service on an attachable
 * overlay, each with one task on each node, and a standalone container on
 * the manager. Through `POST /api/probe`: `tasks.<service>` answers exactly
 * the task addresses `docker network inspect -v` lists, the dnsrr name the
 * same, the vip name the VIP `docker service inspect` gives; a ping reaches
 * the task on node2; a task's container on the manager is a probe source by
 * the task's name, one on node2 is refused with why. This kernel has no IPVS:
 * nothing here sends traffic to the VIP. Everything made carries this run's
 * label and is removed in afterAll. Waits are on conditions, never sleeps.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { lookupAddresses, programOf } from "@/lib/probe/commands";
import type { ProbeResult } from "@/lib/probe/types";
import { topologyWhen } from "../support/api";
import { docker, runContainer, uniqueName } from "../support/docker-cli";
import { post } from "../support/mutate";
import { bare, cleanupSwarmLabelled, createOverlay, createService, probe, swarmEnv, waitFor, waitForTasks, type TaskInfo } from "../support/swarm";

const api = inject("apiUrl");
const swarm = swarmEnv();

const overlay = uniqueName("in-ov");
const vipSvc = uniqueName("in-vip");
const rrSvc = uniqueName("in-rr");
const client = uniqueName("in-client");
let overlayId = "";
let vipTasks: TaskInfo[] = [];
let rrTasks: TaskInfo[] = [];

/** The addresses a dns probe's tool printed, sorted. */
const resolved = (r: ProbeResult): string[] => lookupAddresses(programOf(r.argv), r.output).sort();

interface VerboseNetwork {
  Services: Record<string, { VIP: string; Tasks: { Name: string; EndpointIP: string; Info: Record<string, string> }[] }>;
}

/** The task addresses `docker network inspect -v` lists for a service on the overlay, sorted. */
function inspectTaskIps(service: string): string[] {
  const [v] = JSON.parse(docker("network", "inspect", "-v", overlayId)) as VerboseNetwork[];
  return (v?.Services[service]?.Tasks ?? []).map((t) => t.EndpointIP).sort();
}

/**
 * A dns probe from the client, repeated until the answer holds `want`
 * addresses: the swarm's DNS learns a task on the other node by gossip, a
 * moment after the task runs.
 */
function lookupUntil(target: string, want: number): Promise<ProbeResult> {
  return waitFor(`${target} to resolve to ${want} address(es) from ${client}`, async () => {
    const r = await probe(api, { from: client, kind: "dns", target });
    return r.outcome === "success" && resolved(r).length === want ? r : undefined;
  }, 60_000, 500);
}

beforeAll(async () => {
  overlayId = createOverlay(overlay);
  // One task on each node: a global service, and a replicated one of two with at most one a node.
  createService(vipSvc, ["--network", overlay, "--replicas", "2", "--replicas-max-per-node", "1"]);
  createService(rrSvc, ["--network", overlay, "--endpoint-mode", "dnsrr", "--mode", "global"]);
  runContainer(client, ["--network", overlay], ["sleep", "3600"]);
  vipTasks = await waitForTasks(vipSvc, 2);
  rrTasks = await waitForTasks(rrSvc, 2);
  // The probe runs from a container the model holds, to names the model holds: wait until it does.
  await topologyWhen(
    api,
    (t) =>
      t.sandboxes.some((s) => s.containers.some((c) => c.name === client)) &&
      t.tasks.filter((x) => x.state === "running" && x.addresses.some((a) => a.networkId === overlayId)).length === 4,
    `${client} and the four tasks on ${overlay}`,
    60_000,
  );
}, 180_000);

afterAll(async () => {
  const failed = await cleanupSwarmLabelled();
  expect(failed, "objects of this run that could not be removed").toEqual([]);
}, 180_000);

describe("the services' tasks run on both nodes", () => {
  it("each service has one task on the manager and one on node2", () => {
    expect(vipTasks.map((t) => t.node).sort()).toEqual([swarm.managerHostname, swarm.node2Hostname].sort());
    expect(rrTasks.map((t) => t.node).sort()).toEqual([swarm.managerHostname, swarm.node2Hostname].sort());
  });
});

describe("swarm DNS through the probe API", () => {
  it("tasks.<vip service> answers exactly the task addresses docker network inspect -v lists", async () => {
    const r = await lookupUntil(`tasks.${vipSvc}`, 2);
    const listed = inspectTaskIps(vipSvc);
    expect(listed).toEqual(vipTasks.map((t) => bare(t.addresses[overlayId] ?? "")).sort());
    expect(resolved(r)).toEqual(listed);
    expect(r.expected.works).toBe(true);
    expect(r.agrees).toBe(true);
  });

  it("the dnsrr service's name answers its task addresses, on both nodes", async () => {
    const r = await lookupUntil(rrSvc, 2);
    expect(resolved(r)).toEqual(inspectTaskIps(rrSvc));
    expect(resolved(r)).toEqual(rrTasks.map((t) => bare(t.addresses[overlayId] ?? "")).sort());
    expect(r.agrees).toBe(true);
  });

  it("the vip service's name answers the VIP docker service inspect gives on the overlay", async () => {
    const [svc] = JSON.parse(docker("service", "inspect", vipSvc)) as { Endpoint: { VirtualIPs: { NetworkID: string; Addr: string }[] } }[];
    const vip = bare(svc?.Endpoint.VirtualIPs.find((v) => v.NetworkID === overlayId)?.Addr ?? "");
    expect(vip).not.toBe("");
    const r = await lookupUntil(vipSvc, 1);
    expect(resolved(r)).toEqual([vip]);
    expect(r.expected.reason).toContain(vip);
    expect(r.agrees).toBe(true);
  });

  it("refuses a service name from a container on no network of the service, saying why", async () => {
    const lonely = uniqueName("in-lonely");
    runContainer(lonely, [], ["sleep", "3600"]);
    await topologyWhen(api, (t) => t.sandboxes.some((s) => s.containers.some((c) => c.name === lonely)), `container ${lonely}`, 30_000);
    const res = await post(api, "/api/probe", { from: lonely, kind: "dns", target: `tasks.${rrSvc}` });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`names swarm service ${rrSvc}, which is on ${overlay}`);
  });
});

describe("probes to and from tasks", () => {
  it("a standalone container on the manager pings the task on node2 by its address, and the model expects it", async () => {
    const far = vipTasks.find((t) => t.node === swarm.node2Hostname);
    const target = bare(far?.addresses[overlayId] ?? "");
    const r = await probe(api, { from: client, kind: "ping", target, count: 2, timeoutSeconds: 2 });
    expect(r.outcome, r.output).toBe("success");
    expect(r.expected.works).toBe(true);
    expect(r.expected.reason).toContain(`VXLAN`);
    expect(r.expected.reason).toContain(`between ${swarm.managerHostname} and ${swarm.node2Hostname}`);
    expect(r.agrees).toBe(true);
  });

  it("a task's container on the manager is a source by the task's name, and pings tasks.<dnsrr> across nodes", async () => {
    const [svc] = JSON.parse(docker("service", "inspect", vipSvc)) as { ID: string }[];
    const here = vipTasks.find((t) => t.node === swarm.managerHostname);
    const [task] = JSON.parse(docker("inspect", "--type", "task", here?.id ?? "")) as { Slot: number; ServiceID: string }[];
    expect(task?.ServiceID).toBe(svc?.ID);
    const r = await probe(api, { from: `${vipSvc}.${task?.Slot}`, kind: "ping", target: `tasks.${rrSvc}`, count: 1, timeoutSeconds: 2 });
    expect(r.from.sandboxId).toBe(here?.containerId);
    expect(r.outcome, r.output).toBe("success");
    expect(r.expected.works).toBe(true);
  });

  it("refuses a task on node2 as the source, saying it cannot run there", async () => {
    const far = vipTasks.find((t) => t.node === swarm.node2Hostname);
    const res = await post(api, "/api/probe", { from: far?.id ?? "", kind: "ping", target: "127.0.0.1" });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`runs on ${swarm.node2Hostname}, not on ${swarm.managerHostname}`);
    expect(res.text).toContain("exec API");
  });
});
