/** The labs' pure parts: engine requests and commands, where a lab stands, probe targets and verdicts, step order. */
import { describe, expect, it } from "vitest";
import { findLab } from "@/lib/labs/catalog";
import { expectedAnswers, publishedBinding, resolveTarget, verdictOf } from "@/lib/labs/probes";
import { containerRequest, networkRequest, opCommands } from "@/lib/labs/requests";
import type { Lab, LabContext, LabOp } from "@/lib/labs/types";
import { labView, stepCommands, stepRefusal } from "@/lib/labs/view";
import { freeSubnet, labelled, macvlanPlan, planFor, progress, type LabWorld } from "@/lib/labs/world";
import type { EngineContainerSummary, EngineNetwork } from "@/lib/topology/engine-json";

const ctx: LabContext = { image: "busybox:latest" };

function lab(id: string): Lab {
  const l = findLab(id);
  if (!l) throw new Error(id);
  return l;
}

function op<K extends LabOp["op"]>(l: Lab, step: number, index: number, kind: K): Extract<LabOp, { op: K }> {
  const o = l.steps[step]?.ops[index];
  if (o?.op !== kind) throw new Error(`${l.id} ${step}/${index} is not ${kind}`);
  return o as Extract<LabOp, { op: K }>;
}

function net(name: string, labels: Record<string, string> | null, extra: Partial<EngineNetwork> = {}): EngineNetwork {
  return { Id: `id-${name}`, Name: name, Driver: "bridge", Scope: "local", Labels: labels, ...extra };
}

function box(name: string, labels: Record<string, string> | null, networks: Record<string, string> = {}, extra: Partial<EngineContainerSummary> = {}): EngineContainerSummary {
  return {
    Id: `id-${name}`,
    Names: [`/${name}`],
    Image: "busybox",
    State: "running",
    Labels: labels,
    NetworkSettings: { Networks: Object.fromEntries(Object.entries(networks).map(([n, ip]) => [n, { IPAddress: ip }])) },
    ...extra,
  };
}

const DNS = { "cnmap.lab": "dns" };
const EMPTY: LabWorld = { networks: [], containers: [], links: [] };

describe("engine requests and their commands", () => {
  it("runs a sleeping container on the default bridge, labelled, and says so in docker's words", () => {
    const l = lab("dns");
    const o = op(l, 0, 0, "container.run");
    expect(containerRequest("dns", o, ctx)).toEqual({
      Image: "busybox:latest",
      Cmd: ["sleep", "604800"],
      Labels: { "cnmap.lab": "dns" },
      HostConfig: { NetworkMode: "bridge" },
    });
    expect(opCommands("dns", o, ctx)).toEqual(["docker run --detach --name cnmap-lab-dns-one --label cnmap.lab=dns --network bridge busybox:latest sleep 604800"]);
  });

  it("publishes on 127.0.0.1 at a port the engine picks, and serves a page naming the container", () => {
    const o = op(lab("publish"), 0, 1, "container.run");
    const body = containerRequest("publish", o, ctx);
    expect(body.ExposedPorts).toEqual({ "80/tcp": {} });
    expect(body.HostConfig).toEqual({ NetworkMode: "cnmap-lab-publish-net", PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } });
    expect(body.Cmd).toEqual(["sh", "-c", "mkdir -p /www && echo 'hello from cnmap-lab-publish-web' > /www/index.html && exec httpd -f -p 80 -h /www"]);
    expect(opCommands("publish", o, ctx)[0]).toBe(
      "docker run --detach --name cnmap-lab-publish-web --label cnmap.lab=publish --network cnmap-lab-publish-net --publish 127.0.0.1::80 busybox:latest sh -c 'mkdir -p /www && echo '\\''hello from cnmap-lab-publish-web'\\'' > /www/index.html && exec httpd -f -p 80 -h /www'",
    );
  });

  it("publishes on a lab network's gateway: the shell reads it until the network exists, then the address itself", () => {
    const web = op(lab("internal"), 0, 1, "container.run");
    expect(opCommands("internal", web, ctx)[0]).toContain(
      `--network cnmap-lab-internal-service --publish "$(docker network inspect --format '{{(index .IPAM.Config 0).Gateway}}' cnmap-lab-internal-service)::80" busybox:latest sh -c`,
    );
    expect(() => containerRequest("internal", web, ctx)).toThrow(/does not exist yet/);
    const known = { ...ctx, gateways: { service: "172.29.0.1" } };
    expect(opCommands("internal", web, known)[0]).toContain("--publish 172.29.0.1::80 busybox:latest");
    expect(containerRequest("internal", web, known).HostConfig.PortBindings).toEqual({ "80/tcp": [{ HostIp: "172.29.0.1", HostPort: "" }] });
  });

  it("joins another container's namespace, with aliases only on a network of its own", () => {
    const sidecar = containerRequest("container-mode", op(lab("container-mode"), 1, 0, "container.run"), ctx);
    expect(sidecar.HostConfig.NetworkMode).toBe("container:cnmap-lab-container-mode-app");
    expect(sidecar.NetworkingConfig).toBeUndefined();
    const blue = containerRequest("aliases", op(lab("aliases"), 0, 1, "container.run"), ctx);
    expect(blue.NetworkingConfig).toEqual({ EndpointsConfig: { "cnmap-lab-aliases-net": { Aliases: ["app"] } } });
    expect(opCommands("aliases", op(lab("aliases"), 0, 1, "container.run"), ctx)[0]).toContain("--network cnmap-lab-aliases-net --network-alias app busybox:latest");
  });

  it("creates internal and macvlan networks with the lab's label", () => {
    const closed = op(lab("internal"), 1, 0, "network.create");
    expect(networkRequest("internal", closed, ctx)).toEqual({ Name: "cnmap-lab-internal-closed", CheckDuplicate: true, Labels: { "cnmap.lab": "internal" }, Internal: true });
    expect(opCommands("internal", closed, ctx)).toEqual(["docker network create --internal --label cnmap.lab=internal cnmap-lab-internal-closed"]);
    const plan = planFor("10.213.4.0/24", "cnlab-mv0", true);
    const mv = op(lab("macvlan"), 0, 1, "network.create");
    expect(networkRequest("macvlan", mv, { ...ctx, macvlan: plan })).toMatchObject({
      Driver: "macvlan",
      IPAM: { Config: [{ Subnet: "10.213.4.0/24", IPRange: "10.213.4.128/25" }] },
      Options: { parent: "cnlab-mv0" },
      Labels: { "cnmap.lab": "macvlan" },
    });
    expect(opCommands("macvlan", mv, { ...ctx, macvlan: plan })).toEqual([
      "docker network create --driver macvlan --subnet 10.213.4.0/24 --ip-range 10.213.4.128/25 --opt parent=cnlab-mv0 --label cnmap.lab=macvlan cnmap-lab-macvlan-net",
    ]);
    expect(() => networkRequest("macvlan", mv, ctx)).toThrow(/needs a plan/);
  });

  it("makes the veth parent with fixed ip commands, and none on a picked interface", () => {
    const parent = op(lab("macvlan"), 0, 0, "parent.create");
    expect(opCommands("macvlan", parent, { ...ctx, macvlan: planFor("10.213.4.0/24", "cnlab-mv0", true) })).toEqual([
      "ip link add cnlab-mv0 type veth peer name cnlab-mv1",
      "ip link set cnlab-mv0 alias cnmap.lab=macvlan",
      "ip link set cnlab-mv1 alias cnmap.lab=macvlan",
      "ip link set cnlab-mv0 up",
      "ip link set cnlab-mv1 up",
      "ip addr add 10.213.4.2/24 dev cnlab-mv0",
    ]);
    expect(opCommands("macvlan", parent, { ...ctx, macvlan: planFor("10.213.4.0/24", "enp7s0", false) })).toEqual([]);
    expect(stepCommands(lab("macvlan"), 0, ctx)).toEqual(["docker run --detach --name cnmap-lab-macvlan-a --label cnmap.lab=macvlan --network cnmap-lab-macvlan-net busybox:latest sleep 604800"]);
  });
});

describe("where a lab stands", () => {
  const dns = lab("dns");

  it("starts at step 1 on an engine without its objects", () => {
    expect(progress(dns, EMPTY)).toEqual({ done: [false, false], next: 1, started: false, objects: { containers: [], networks: [], links: [], services: [] }, clashes: [] });
  });

  it("counts a step done only when all its objects are there, running and connected", () => {
    const one = box("cnmap-lab-dns-one", DNS, { bridge: "172.17.0.2" });
    const two = box("cnmap-lab-dns-two", DNS, { bridge: "172.17.0.3" });
    expect(progress(dns, { ...EMPTY, containers: [one, two] })).toMatchObject({ done: [true, false], next: 2, started: true });
    expect(progress(dns, { ...EMPTY, containers: [one, { ...two, State: "exited" }] })).toMatchObject({ done: [false, false], next: 1 });
    const netted = { ...EMPTY, networks: [net("cnmap-lab-dns-net", DNS)], containers: [box("cnmap-lab-dns-one", DNS, { bridge: "a", "cnmap-lab-dns-net": "b" }), two] };
    expect(progress(dns, netted)).toMatchObject({ done: [true, false], next: 2, objects: { networks: ["cnmap-lab-dns-net"] } });
    const all = { ...netted, containers: [netted.containers[0] as EngineContainerSummary, box("cnmap-lab-dns-two", DNS, { bridge: "c", "cnmap-lab-dns-net": "d" })] };
    expect(progress(dns, all)).toMatchObject({ done: [true, true], next: null });
  });

  it("names what holds the lab's names without its label, and leaves it out of what a reset removes", () => {
    const world: LabWorld = {
      networks: [net("cnmap-lab-dns-net", { other: "x" })],
      containers: [box("cnmap-lab-dns-one", null), box("elsewhere", DNS)],
      links: [{ name: "cnlab-mv1", alias: "", ipv4: [] }],
    };
    expect(progress(dns, world).clashes).toEqual(["container cnmap-lab-dns-one", "network cnmap-lab-dns-net"]);
    expect(progress(lab("macvlan"), world).clashes).toEqual(["host interface cnlab-mv1"]);
    // A reset goes by the label, whatever the name.
    expect(labelled("dns", world).containers.map((c) => c.Names[0])).toEqual(["/elsewhere"]);
    expect(labelled("dns", world).networks).toEqual([]);
  });

  it("removes containers in another's namespace before their owner", () => {
    const owner = box("cnmap-lab-container-mode-app", { "cnmap.lab": "container-mode" });
    const joiner = box("cnmap-lab-container-mode-sidecar", { "cnmap.lab": "container-mode" }, {}, { HostConfig: { NetworkMode: "container:id-app" } });
    expect(labelled("container-mode", { ...EMPTY, containers: [owner, joiner] }).containers.map((c) => c.Names[0])).toEqual([
      "/cnmap-lab-container-mode-sidecar",
      "/cnmap-lab-container-mode-app",
    ]);
  });

  it("counts the veth parent done when the veth is there, or when the network hangs off a picked interface", () => {
    const mv = lab("macvlan");
    const veth = { name: "cnlab-mv0", alias: "cnmap.lab=macvlan", ipv4: ["10.213.0.2/24"] };
    expect(progress(mv, { ...EMPTY, links: [veth] }).done).toEqual([false, false]);
    expect(progress(mv, { ...EMPTY, links: [veth] }).objects.links).toEqual(["cnlab-mv0"]);
    const onNic = net("cnmap-lab-macvlan-net", { "cnmap.lab": "macvlan" }, { Driver: "macvlan", Options: { parent: "enp7s0" } });
    const a = box("cnmap-lab-macvlan-a", { "cnmap.lab": "macvlan" }, { "cnmap-lab-macvlan-net": "10.213.0.129" });
    expect(progress(mv, { ...EMPTY, networks: [onNic], containers: [a] }).done).toEqual([true, false]);
  });
});

describe("the macvlan plan", () => {
  it("takes the first /24 that overlaps nothing on the engine or the host", () => {
    expect(freeSubnet([])).toBe("10.213.0.0/24");
    expect(freeSubnet(["10.213.0.0/24", "10.213.1.7/24", "10.0.0.0/8"])).toBeNull();
    expect(freeSubnet(["10.213.0.0/23", "192.168.1.5/24"])).toBe("10.213.2.0/24");
    expect(freeSubnet(["10.213.0.0/16"])).toBe("10.214.0.0/24");
  });

  it("keeps the plan the engine or the host already shows", () => {
    const world: LabWorld = {
      networks: [net("n", null, { IPAM: { Config: [{ Subnet: "10.213.0.0/24" }] } })],
      containers: [],
      links: [{ name: "eth0", alias: "", ipv4: ["10.213.1.9/24"] }],
    };
    expect(macvlanPlan("macvlan", world, undefined)).toEqual({ parent: "cnlab-mv0", veth: true, subnet: "10.213.2.0/24", ipRange: "10.213.2.128/25", hostAddress: "10.213.2.2" });
    expect(macvlanPlan("macvlan", world, "enp7s0")).toEqual({ parent: "enp7s0", veth: false, subnet: "10.213.2.0/24", ipRange: "10.213.2.128/25" });
    const withVeth = { ...world, links: [...world.links, { name: "cnlab-mv0", alias: "cnmap.lab=macvlan", ipv4: ["10.213.9.2/24"] }] };
    expect(macvlanPlan("macvlan", withVeth, undefined)?.subnet).toBe("10.213.9.0/24");
    const made = { ...withVeth, networks: [net("cnmap-lab-macvlan-net", { "cnmap.lab": "macvlan" }, { Driver: "macvlan", Options: { parent: "enp7s0" }, IPAM: { Config: [{ Subnet: "10.213.5.0/24" }] } })] };
    expect(macvlanPlan("macvlan", made, undefined)).toMatchObject({ parent: "enp7s0", veth: false, subnet: "10.213.5.0/24" });
  });
});

describe("probe targets and verdicts", () => {
  const world: LabWorld = {
    networks: [
      net("cnmap-lab-internal-open", { "cnmap.lab": "internal" }, { IPAM: { Config: [{ Subnet: "172.30.0.0/16", Gateway: "172.30.0.1" }] } }),
      net("cnmap-lab-macvlan-net", { "cnmap.lab": "macvlan" }, { Driver: "macvlan", Options: { parent: "cnlab-mv0" } }),
    ],
    containers: [
      box("cnmap-lab-aliases-blue", { "cnmap.lab": "aliases" }, { "cnmap-lab-aliases-net": "172.31.0.2" }),
      box("cnmap-lab-aliases-green", { "cnmap.lab": "aliases" }, { "cnmap-lab-aliases-net": "172.31.0.3" }),
      box("cnmap-lab-publish-web", { "cnmap.lab": "publish" }, {}, { Ports: [{ IP: "127.0.0.1", PrivatePort: 80, PublicPort: 49153, Type: "tcp" }, { IP: "::1", PrivatePort: 80, PublicPort: 49154, Type: "tcp" }] }),
    ],
    links: [{ name: "cnlab-mv0", alias: "cnmap.lab=macvlan", ipv4: ["10.213.0.2/24"] }],
  };

  it("reads addresses, gateways and the parent's host address from the engine and the host", () => {
    expect(resolveTarget("aliases", { container: "blue" }, world)).toEqual({ ok: true, target: "cnmap-lab-aliases-blue" });
    expect(resolveTarget("aliases", { alias: "app" }, world)).toEqual({ ok: true, target: "app" });
    expect(resolveTarget("aliases", { localhost: true }, world)).toEqual({ ok: true, target: "127.0.0.1" });
    expect(resolveTarget("aliases", { addressOf: "green", on: { lab: "net" } }, world)).toEqual({ ok: true, target: "172.31.0.3" });
    expect(resolveTarget("aliases", { addressOf: "green", on: { predefined: "bridge" } }, world)).toEqual({ ok: false, reason: "cnmap-lab-aliases-green has no address on bridge" });
    expect(resolveTarget("internal", { gatewayOf: "open" }, world)).toEqual({ ok: true, target: "172.30.0.1" });
    expect(resolveTarget("macvlan", { parentAddressOf: "net" }, world)).toEqual({ ok: true, target: "10.213.0.2" });
    expect(resolveTarget("macvlan", { parentAddressOf: "net" }, { ...world, links: [] })).toEqual({ ok: false, reason: "the host has no IPv4 address on cnlab-mv0, the parent" });
  });

  it("knows the addresses a round-robin answer must list, and the published host port", () => {
    const probe = lab("aliases").steps[1]?.probes[0];
    if (!probe) throw new Error("no probe");
    expect(expectedAnswers("aliases", probe, world)).toEqual({ ok: true, addresses: ["172.31.0.2", "172.31.0.3"] });
    expect(publishedBinding("publish", world, "web", 80)).toEqual({ hostIp: "127.0.0.1", hostPort: 49153 });
    expect(publishedBinding("publish", world, "web", 81)).toBeNull();
    expect(resolveTarget("publish", { publishedPortOf: "web", port: 80 }, world)).toEqual({ ok: true, target: "127.0.0.1", port: 49153 });
    expect(resolveTarget("publish", { publishedPortOf: "client", port: 80 }, world)).toEqual({ ok: false, reason: "cnmap-lab-publish-client has no port 80 published" });
  });

  it("passes a probe that found what the lab says, and only that", () => {
    expect(verdictOf("works", "success")).toBe("pass");
    expect(verdictOf("works", "success", ["172.31.0.3"])).toBe("fail");
    expect(verdictOf("works", "failure")).toBe("fail");
    expect(verdictOf("fails", "failure")).toBe("pass");
    expect(verdictOf("fails", "timeout")).toBe("pass");
    expect(verdictOf("fails", "success")).toBe("fail");
    expect(verdictOf("works", "tool-missing")).toBe("cannot-tell");
    expect(verdictOf("fails", "not-run")).toBe("cannot-tell");
  });
});

describe("step order", () => {
  const dns = lab("dns");
  const at = (next: number | null, clashes: string[] = []) => ({ ...progress(dns, EMPTY), next, clashes });

  it("runs the next step only, once, and never over someone else's names", () => {
    expect(stepRefusal(dns, at(1), 1)).toBeNull();
    expect(stepRefusal(dns, at(1), 2)).toBe("Step 2 of dns cannot run yet: step 1 comes first.");
    expect(stepRefusal(dns, at(2), 1)).toBe("Step 1 of dns is done already; step 2 comes next. Reset the lab to start again.");
    expect(stepRefusal(dns, at(null), 2)).toBe("Every step of dns is done. Reset the lab to run it again.");
    expect(stepRefusal(dns, at(1, ["network cnmap-lab-dns-net"]), 1)).toMatch(/taken by objects that are not the lab's \(no cnmap\.lab=dns label\): network cnmap-lab-dns-net/);
  });

  it("shows only the runs of steps still done", () => {
    const run = { step: 1, commands: [], results: [], at: "2026-01-01T00:00:00Z" };
    expect(labView(dns, ctx, progress(dns, EMPTY), null, { 1: run }).runs).toEqual({});
    const doneOne = { ...progress(dns, EMPTY), done: [true, false], next: 2 };
    expect(labView(dns, ctx, doneOne, null, { 1: run }).runs).toEqual({ 1: run });
  });
});
