/**
 * Service network edits (issue 10, part 3) and the overlay options of the
 * create form: the spec edit mirrors `docker service update --network-add /
 * --network-rm`, the rules give their reasons in plain words, the commands
 * are the CLI's, and the dialog's store rolls a refused change back.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createNetworkSchema, serviceNetworkAddSchema } from "@/lib/api/schemas";
import { createNetworkCommand, serviceNetworkAddCommand, serviceNetworkRmCommand } from "@/lib/commands/docker-cli";
import type { EngineServiceSpec } from "@/lib/docker/engine";
import {
  closeServiceNetworkEdit,
  finishServiceNetworkEdit,
  markServiceEditFailed,
  markServiceEditRunning,
  pendingServiceEdge,
  requestServiceNetworkAdd,
  requestServiceNetworkRm,
  serviceEditSnapshot,
  serviceNetworkCall,
  serviceNetworkCommand,
} from "@/lib/editing/service-network-edit";
import { buildCreateBody, emptyNetworkForm } from "@/lib/networks/form";
import { serviceAttachments, specWithNetworkAdded, specWithNetworkRemoved } from "@/lib/services/network-spec";
import { canAttachService, canDetachService, canJoin } from "@/lib/topology/join-rules";
import type { Sandbox } from "@/lib/topology/types";
import { network } from "./helpers/topology";

const backend = { id: "bbbb", name: "backend" };
const front = { id: "ffff", name: "front" };

function spec(patch: Partial<EngineServiceSpec> = {}): EngineServiceSpec {
  return {
    Name: "web",
    Labels: { team: "a" },
    TaskTemplate: { ContainerSpec: { Image: "busybox", Args: ["sleep", "600"] }, ForceUpdate: 0, Networks: [{ Target: "ffff" }] },
    Mode: { Replicated: { Replicas: 2 } },
    EndpointSpec: { Mode: "vip" },
    ...patch,
  };
}

describe("the service spec's networks, as the CLI edits them", () => {
  it("adds a network (with aliases), sorted by target, leaving every other field as it was", () => {
    const before = spec();
    const r = specWithNetworkAdded(before, backend, ["api", "web2"]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.spec.TaskTemplate?.Networks).toEqual([{ Target: "bbbb", Aliases: ["api", "web2"] }, { Target: "ffff" }]);
    const { TaskTemplate: t1, ...rest1 } = r.spec;
    const { TaskTemplate: t0, ...rest0 } = before;
    expect(rest1).toEqual(rest0);
    expect({ ...t1, Networks: undefined }).toEqual({ ...t0, Networks: undefined });
    // The input is not touched.
    expect(before.TaskTemplate?.Networks).toEqual([{ Target: "ffff" }]);
  });

  it("moves the deprecated Spec.Networks into the task template, and clears it", () => {
    const old = spec({ TaskTemplate: { ContainerSpec: { Image: "busybox" } }, Networks: [{ Target: "ffff", Aliases: ["w"] }] });
    expect(serviceAttachments(old)).toEqual([{ Target: "ffff", Aliases: ["w"] }]);
    const r = specWithNetworkAdded(old, backend);
    if (!r.ok) throw new Error(r.reason);
    expect(r.spec.Networks).toBeUndefined();
    expect(r.spec.TaskTemplate?.Networks).toEqual([{ Target: "bbbb" }, { Target: "ffff", Aliases: ["w"] }]);
    const rm = specWithNetworkRemoved(old, front);
    if (!rm.ok) throw new Error(rm.reason);
    expect(rm.spec.Networks).toBeUndefined();
    expect(rm.spec.TaskTemplate?.Networks).toEqual([]);
  });

  it("refuses a network already attached (by ID or by name) and removing one that is not", () => {
    expect(specWithNetworkAdded(spec(), front)).toEqual({ ok: false, code: "conflict", reason: "service web is already attached to network front" });
    expect(specWithNetworkAdded(spec({ TaskTemplate: { Networks: [{ Target: "front" }] } }), front).ok).toBe(false);
    expect(specWithNetworkRemoved(spec(), backend)).toEqual({ ok: false, code: "conflict", reason: "service web is not attached to network backend" });
  });

  it("removes a network and keeps the others", () => {
    const two = spec({ TaskTemplate: { Networks: [{ Target: "ffff" }, { Target: "bbbb", Aliases: ["x"] }] } });
    const r = specWithNetworkRemoved(two, front);
    if (!r.ok) throw new Error(r.reason);
    expect(r.spec.TaskTemplate?.Networks).toEqual([{ Target: "bbbb", Aliases: ["x"] }]);
  });
});

describe("canAttachService and canDetachService", () => {
  const svc = { id: "s1", name: "web", networks: ["net-front"] };
  const overlay = (name: string, patch = {}) => network(name, { driver: "overlay", scope: "swarm", ...patch });

  it("allows a swarm-scope network the service is not on", () => {
    expect(canAttachService(svc, overlay("backend"))).toEqual({ ok: true });
    expect(canAttachService(svc, overlay("vlan", { driver: "macvlan" }))).toEqual({ ok: true });
  });
  it("says why not, in plain words", () => {
    const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? "" : r.reason);
    expect(reason(canAttachService(svc, network("br")))).toMatch(/br is a local-scope bridge network; a service can join only swarm-scope networks/);
    expect(reason(canAttachService(svc, overlay("ingress", { ingress: true })))).toMatch(/ingress network: services reach it by publishing ports/);
    expect(reason(canAttachService(svc, overlay("front")))).toBe("service web is already attached to front");
    expect(reason(canAttachService(svc, overlay("cfg", { configOnly: true })))).toMatch(/config-only/);
    expect(reason(canDetachService(svc, overlay("backend")))).toBe("service web is not attached to backend");
    expect(canDetachService(svc, overlay("front"))).toEqual({ ok: true });
  });
  it("a standalone container may join an overlay only when it is attachable", () => {
    const sandbox: Sandbox = { id: "c1", networkMode: "bridge", containers: [{ id: "c1", name: "solo", image: "busybox", state: "running", status: "Up", labels: {} }], ports: [] };
    const verdict = canJoin(sandbox, overlay("backend"), { endpoints: [] });
    expect(verdict).toEqual({ ok: false, reason: "backend is a swarm network that is not attachable (create it with --attachable)" });
    expect(canJoin(sandbox, overlay("shared", { attachable: true }), { endpoints: [] })).toEqual({ ok: true });
  });
});

describe("the commands and the request body", () => {
  it("writes --network-add and --network-rm as the CLI takes them", () => {
    expect(serviceNetworkAddCommand("web", "backend")).toBe("docker service update --network-add backend web");
    expect(serviceNetworkAddCommand("web", "backend", ["api", "v2"])).toBe("docker service update --network-add name=backend,alias=api,alias=v2 web");
    expect(serviceNetworkRmCommand("web", "backend")).toBe("docker service update --network-rm backend web");
  });
  it("takes a network and aliases, nothing else (never a spec)", () => {
    expect(serviceNetworkAddSchema.safeParse({ network: "backend", aliases: ["api"] }).success).toBe(true);
    expect(serviceNetworkAddSchema.safeParse({ network: "backend", spec: { Name: "x" } }).success).toBe(false);
    expect(serviceNetworkAddSchema.safeParse({ network: "-x" }).success).toBe(false);
    expect(serviceNetworkAddSchema.safeParse({ network: "b", aliases: ["bad alias"] }).success).toBe(false);
  });
});

describe("overlay options in the create form", () => {
  it("--opt encrypted is a checkbox for overlay, sent as \"\", shown as the CLI writes it, with --attachable and --subnet", () => {
    const r = buildCreateBody({ ...emptyNetworkForm(), name: "secure", driver: "overlay", attachable: true, encrypted: true, ipam: [{ subnet: "10.77.0.0/24", gateway: "", ipRange: "", auxAddresses: "" }] });
    expect(r.valid).toBe(true);
    expect(r.body).toEqual({ name: "secure", driver: "overlay", attachable: true, ipam: [{ subnet: "10.77.0.0/24" }], options: { encrypted: "" } });
    expect(createNetworkSchema.safeParse(r.body).success).toBe(true);
    expect(createNetworkCommand(r.body)).toBe("docker network create --driver overlay --subnet 10.77.0.0/24 --attachable --opt encrypted secure");
  });
  it("ignores the checkbox for other drivers, and spots a clash with the options list", () => {
    const bridge = buildCreateBody({ ...emptyNetworkForm(), name: "b", driver: "bridge", encrypted: true });
    expect(bridge.body.options).toBeUndefined();
    const clash = buildCreateBody({ ...emptyNetworkForm(), name: "o", driver: "overlay", encrypted: true, options: "encrypted=yes" });
    expect(clash.errors.encrypted).toMatch(/also set to "yes"/);
    // Other options keep key=value.
    expect(createNetworkCommand({ name: "o", driver: "overlay", options: { encrypted: "", "com.docker.network.driver.mtu": "1400" } })).toBe(
      "docker network create --driver overlay --opt encrypted --opt com.docker.network.driver.mtu=1400 o",
    );
  });
});

describe("the service network dialog's store", () => {
  beforeEach(() => closeServiceNetworkEdit());

  it("asks, runs, and on a refusal keeps the message and no pending edge (the rollback)", () => {
    expect(requestServiceNetworkAdd("s1", "n1", { serviceName: "web" })).toBe(true);
    const asked = serviceEditSnapshot();
    expect(asked?.phase).toBe("confirm");
    expect(pendingServiceEdge(asked)).toEqual({ kind: "add", serviceId: "s1", networkId: "n1" });
    const request = asked!.request;
    markServiceEditRunning(request);
    expect(requestServiceNetworkRm("s2", "n2")).toBe(false); // one change with the engine at a time
    markServiceEditFailed(request, 'Could not attach: the engine said "no".');
    const failed = serviceEditSnapshot();
    expect(failed?.phase).toBe("failed");
    expect(failed?.message).toMatch(/the engine said/);
    expect(pendingServiceEdge(failed)).toBeNull();
    closeServiceNetworkEdit();
    expect(serviceEditSnapshot()).toBeNull();
  });

  it("a closed or replaced request's late answer changes nothing", () => {
    requestServiceNetworkAdd("s1", "n1");
    const first = serviceEditSnapshot()!.request;
    requestServiceNetworkRm("s1", "n1");
    finishServiceNetworkEdit(first);
    expect(serviceEditSnapshot()?.request.kind).toBe("rm");
  });

  it("builds the API call and the command", () => {
    expect(serviceNetworkCall({ kind: "add", serviceId: "s1", networkId: "n1", aliases: ["a"] })).toEqual({ method: "POST", path: "/api/services/s1/networks", body: { network: "n1", aliases: ["a"] } });
    expect(serviceNetworkCall({ kind: "rm", serviceId: "s1", networkId: "n1" })).toEqual({ method: "DELETE", path: "/api/services/s1/networks/n1" });
    expect(serviceNetworkCommand({ kind: "rm", serviceId: "s1", networkId: "n1" }, "web", "backend")).toBe("docker service update --network-rm backend web");
  });
});
