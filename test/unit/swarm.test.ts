/**
 * lib/topology/swarm.ts on JSON captured from a real swarm manager
 * (test/fixtures/engine/swarm-services.json): every value equals what the
 * engine's own JSON says, field by field.
 */
import { describe, expect, it } from "vitest";
import { buildTopology, toNetwork } from "@/lib/topology/build";
import { buildSwarm, vxlanIds } from "@/lib/topology/swarm";

import type { EngineService, EngineSwarmSnapshot } from "@/lib/topology/swarm-json";
import { must } from "./helpers/fixtures";
import { loadSwarmFixture, swarmSnapshotOf } from "./helpers/swarm-fixture";

const f = loadSwarmFixture();
const snapshot: EngineSwarmSnapshot = swarmSnapshotOf(f);
const networks = f.networks.map(toNetwork);
const model = buildSwarm(snapshot, networks);
const rawService = (name: string): EngineService => must(f.services.find((s) => s.Spec?.Name === name), `service ${name}`);
const netId = (name: string): string => must(f.networks.find((n) => n.Name === name), `network ${name}`).Id;

describe("buildSwarm on a real manager's JSON", () => {
  it("reports the node, its role and leadership", () => {
    expect(model.swarm?.nodeId).toBe(f.info.Swarm.NodeID);
    expect(model.swarm?.role).toBe("manager");
    expect(model.swarm?.nodes).toEqual(
      f.nodes.map((n) => ({
        id: n.ID,
        hostname: n.Description?.Hostname,
        role: n.Spec?.Role,
        state: n.Status?.State,
        availability: n.Spec?.Availability,
        addr: n.Status?.Addr,
        leader: n.ManagerStatus?.Leader ?? false,
      })),
    );
  });

  it("reads a replicated VIP service: replicas, VIPs (ingress included), ingress-mode ports, networks", () => {
    const raw = rawService("fxsvc");
    const svc = must(model.services.find((s) => s.id === raw.ID), "fxsvc");
    expect(svc).toEqual({
      id: raw.ID,
      name: "fxsvc",
      mode: "replicated",
      replicas: { desired: raw.ServiceStatus?.DesiredTasks, running: raw.ServiceStatus?.RunningTasks },
      endpointMode: "vip",
      vips: (raw.Endpoint?.VirtualIPs ?? []).map((v) => ({ networkId: v.NetworkID, addr: v.Addr })),
      ports: [{ protocol: "tcp", targetPort: 80, publishedPort: 8085, publishMode: "ingress" }],
      networks: [netId("fxo")],
    });
    expect(svc.vips.map((v) => v.networkId)).toContain(netId("ingress"));
    expect(svc.vips.every((v) => /\/\d+$/.test(v.addr))).toBe(true);
  });

  it("reads a global dnsrr service with a host-mode port and no VIP", () => {
    const raw = rawService("fxdns");
    const svc = must(model.services.find((s) => s.id === raw.ID), "fxdns");
    expect(svc.mode).toBe("global");
    expect(svc.endpointMode).toBe("dnsrr");
    expect(svc.vips).toEqual([]);
    expect(svc.ports).toEqual([{ protocol: "tcp", targetPort: 80, publishedPort: 8086, publishMode: "host" }]);
    expect(svc.replicas).toEqual({ desired: raw.ServiceStatus?.DesiredTasks, running: raw.ServiceStatus?.RunningTasks });
  });

  it("keeps the current tasks, each with its slot, node, states, container and addresses in the engine's form", () => {
    const current = f.tasks.filter((t) => !["shutdown", "remove", "orphaned"].includes(t.DesiredState ?? ""));
    expect(model.tasks.map((t) => t.id).sort()).toEqual(current.map((t) => t.ID).sort());
    for (const raw of current) {
      const t = must(model.tasks.find((x) => x.id === raw.ID), `task ${raw.ID}`);
      expect(t).toEqual({
        id: raw.ID,
        serviceId: raw.ServiceID,
        slot: raw.Slot ?? 0,
        nodeId: raw.NodeID,
        state: raw.Status?.State,
        desiredState: raw.DesiredState,
        containerId: raw.Status?.ContainerStatus?.ContainerID ?? "",
        addresses: (raw.NetworksAttachments ?? []).flatMap((a) => (a.Addresses ?? []).map((addr) => ({ networkId: a.Network?.ID, addr }))),
      });
      expect(t.addresses.every((a) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(a.addr))).toBe(true);
    }
    expect(model.tasks.filter((t) => t.serviceId === rawService("fxsvc").ID).map((t) => t.slot)).toEqual([1, 2]);
  });

  it("drops history: a task the orchestrator shut down is not current", () => {
    const first = must(f.tasks[0], "a task");
    const gone = buildSwarm({ ...snapshot, tasks: [{ ...first, DesiredState: "shutdown" }] }, networks);
    expect(gone.tasks).toEqual([]);
  });

  it("resolves a service's network given by name (an API client may do that) to its ID", () => {
    const raw = rawService("fxsvc");
    const byName = buildSwarm({ ...snapshot, services: [{ ...raw, Spec: { ...raw.Spec, TaskTemplate: { Networks: [{ Target: "fxo" }] } } }] }, networks);
    expect(byName.services[0]?.networks).toEqual([netId("fxo")]);
  });

  it("reads the overlay's peers, encryption and VXLAN ID into the network", () => {
    const t = buildTopology({ networks: f.networks, containers: [], details: {}, swarm: snapshot });
    const fxo = must(t.networks.find((n) => n.name === "fxo"), "fxo");
    const verbose = must(f.verbose.find((v) => v.Id === fxo.id), "verbose fxo");
    expect(fxo.encrypted).toBe(true);
    expect(fxo.vxlanIds).toEqual([Number(must(f.networks.find((n) => n.Name === "fxo")?.Options, "options")["com.docker.network.driver.overlay.vxlanid_list"])]);
    expect(fxo.peers).toEqual((verbose.Peers ?? []).map((p) => ({ name: p.Name, ip: p.IP })));
    expect(must(t.networks.find((n) => n.name === "ingress"), "ingress").encrypted).toBe(false);
    expect(t.swarm?.role).toBe("manager");
    expect(t.services).toEqual(model.services);
  });

  it("says a worker is a worker and lists nothing it cannot see", () => {
    const worker = buildSwarm({ nodeId: "w1", manager: false, nodes: [], services: [], tasks: [], networks: [] }, networks);
    expect(worker.swarm).toEqual({ nodeId: "w1", role: "worker", nodes: [] });
    expect(worker.services).toEqual([]);
  });

  it("is null outside a swarm", () => {
    expect(buildSwarm(null, networks).swarm).toBeNull();
    expect(vxlanIds({})).toBeUndefined();
    expect(vxlanIds({ "com.docker.network.driver.overlay.vxlanid_list": "4097,4098" })).toEqual([4097, 4098]);
  });
});
