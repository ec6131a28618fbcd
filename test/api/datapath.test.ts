/**
 * GET /api/datapath against the real engine and the real host (issue 13):
 * every answer is checked against what the kernel and the engine say
 * themselves: `ip -o link` on the host and in the container, the bridge's
 * brif directory, `iptables -S`, `docker port`, `docker inspect`. A second
 * engine in its own network namespace is out of sight, and says why. A stray
 * veth added to the test's bridge is flagged, and deleted in afterAll.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatapathBody } from "@/lib/datapath/types";
import { fetchTopology, modelCaughtUp } from "../support/api";
import { cleanupLabelled, createNetwork, docker, inspect, LABEL, networkInspect, runContainer, uniqueName } from "../support/docker-cli";
import { freePort, startServer, type RunningServer } from "../support/server";

const api = inject("apiUrl");
const engine2 = inject("engine2Host");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
const NOTOOLS_IMAGE = process.env.CNMAP_TEST_NOTOOLS_IMAGE ?? "cnmap-test-notools:latest";

const net = uniqueName("dp-net");
const web = uniqueName("dp-web");
const peer = uniqueName("dp-peer");
const sidecar = uniqueName("dp-sidecar");
const onDefault = uniqueName("dp-default");
const bare = uniqueName("dp-bare");
/** A veth pair made by hand on the test's bridge: a port no container owns. */
const STRAY = `cnst${process.pid % 100000}`;

interface ContainerInspect {
  Id: string;
  NetworkSettings: { Networks: Record<string, { IPAddress: string; MacAddress: string; NetworkID: string }> };
}
const idOf = (name: string): string => inspect<ContainerInspect>(name)[0]?.Id ?? "";
const settings = (name: string, network: string) => {
  const s = inspect<ContainerInspect>(name)[0]?.NetworkSettings.Networks[network];
  if (!s) throw new Error(`${name} is not on ${network}`);
  return s;
};

const hostIp = (...args: string[]): string => execFileSync("ip", args, { encoding: "utf8" });

async function datapath(base = api, path = "/api/datapath"): Promise<DatapathBody> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as DatapathBody;
}

let netId = "";
let bridge = "";
let body: DatapathBody;

beforeAll(async () => {
  netId = createNetwork(net);
  bridge = `br-${netId.slice(0, 12)}`;
  runContainer(web, ["--network", net, "-p", "127.0.0.1::80"], ["sleep", "600"]);
  runContainer(peer, ["--network", net], ["sleep", "600"]);
  runContainer(sidecar, ["--network", `container:${web}`], ["sleep", "600"]);
  runContainer(onDefault, [], ["sleep", "600"]);
  docker("run", "-d", "--label", LABEL, "--name", bare, "--network", net, NOTOOLS_IMAGE, "sleep", "600");
  execFileSync("ip", ["link", "add", STRAY, "type", "veth", "peer", "name", `${STRAY}p`]);
  execFileSync("ip", ["link", "set", STRAY, "master", bridge]);
  await modelCaughtUp(api);
  const t = await fetchTopology(api);
  expect(t.sandboxes.some((s) => s.id === idOf(bare))).toBe(true);
  body = await datapath();
});

afterAll(() => {
  try {
    execFileSync("ip", ["link", "del", STRAY], { stdio: "ignore" });
  } catch {
    // Already gone (the bridge's removal does not delete its ports; the test may have failed before making it).
  }
  cleanupLabelled();
});

describe("GET /api/datapath on the engine's host", () => {
  it("is available, and says what it could not read (nothing, as root)", () => {
    expect(body.available).toBe(true);
    expect(body.reason).toBeUndefined();
    expect(body.limits.filter((l) => l.includes(net) || l.includes(web) || l.includes(bare))).toEqual([]);
  });

  it("pairs each endpoint with its veth exactly as `ip -o link` shows it, on the host and inside", () => {
    for (const name of [web, peer, bare]) {
      const s = settings(name, net);
      const ep = body.endpoints.find((e) => e.networkId === netId && e.sandboxId === idOf(name));
      expect(ep, name).toBeDefined();
      if (!ep?.hostIf) throw new Error(`${name}: no host interface`);
      // Host side: `<ifindex>: <veth>@if<container ifindex>: ... master <bridge>`.
      const line = hostIp("-o", "link", "show", "dev", ep.hostIf.name);
      expect(line).toMatch(new RegExp(`^${ep.hostIf.ifindex}: ${ep.hostIf.name}@if${ep.containerIf.ifindex}: .* master ${bridge} `));
      expect(ep.bridge).toBe(bridge);
      expect(ep.containerIf.iflink).toBe(ep.hostIf.ifindex);
      // Container side, with the host's ip in its namespace (the notools image has none of its own).
      const pid = docker("inspect", "-f", "{{.State.Pid}}", name);
      const inside = execFileSync("nsenter", ["-t", pid, "-n", "ip", "-o", "link"], { encoding: "utf8" });
      expect(inside).toMatch(new RegExp(`^${ep.containerIf.ifindex}: ${ep.containerIf.name}@if${ep.hostIf.ifindex}: .*link/ether ${s.MacAddress}`, "m"));
    }
  });

  it("lists the bridge's ports as /sys/class/net/<bridge>/brif does, and flags the one no container owns", () => {
    const b = body.bridges.find((x) => x.networkId === netId);
    expect(b?.device).toBe(bridge);
    expect(b?.ports).toEqual(readdirSync(`/sys/class/net/${bridge}/brif`).sort());
    expect(b?.ports).toContain(STRAY);
    expect(b?.strayPorts).toEqual([STRAY]);
    expect(b?.state).toBe("up");
    expect(b?.mtu).toBe(1500);
  });

  it("finds the DNAT rule of a published port, aimed at the container's address", () => {
    const port = Number(docker("port", web, "80/tcp").split(":").pop());
    const nat = body.nat.find((n) => n.hostPort === port && n.protocol === "tcp");
    expect(nat).toMatchObject({ hostIp: "127.0.0.1", to: `${settings(web, net).IPAddress}:80` });
    // The rule as iptables prints it.
    const rules = execFileSync("iptables", ["-t", "nat", "-S", "DOCKER"], { encoding: "utf8" }).split("\n");
    expect(rules).toContain(nat?.rule);
    expect(nat?.proxy).toBe(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).includes(`-host-port ${port} `));
  });

  it("gives the network its MASQUERADE rule, its isolation rules and ICC", () => {
    const subnet = networkInspect<{ IPAM: { Config: { Subnet: string }[] } }>(net)[0]?.IPAM.Config[0]?.Subnet;
    const rules = body.networks.find((n) => n.networkId === netId);
    expect(rules?.masquerade).toBe(`-A POSTROUTING -s ${subnet} ! -o ${bridge} -j MASQUERADE`);
    expect(rules?.icc).toBe("on");
    expect(rules?.iccRule).toBe(`-A FORWARD -i ${bridge} -o ${bridge} -j ACCEPT`);
    expect(rules?.isolation).toContain(`-A DOCKER-ISOLATION-STAGE-2 -o ${bridge} -j DROP`);
    const forward = execFileSync("iptables", ["-S", "FORWARD"], { encoding: "utf8" }).split("\n")[0];
    expect(forward).toBe(`-P FORWARD ${body.forwardPolicy}`);
  });

  it("shows the net namespace of a container:X sandbox shared, and the rest private", () => {
    const rows = body.namespaces.filter((n) => [web, sidecar, peer].includes(n.container));
    const of = (name: string) => rows.find((r) => r.container === name);
    expect(of(web)).toMatchObject({ sandboxId: idOf(web), net: `shared:${web}`, pid: "private", uts: "private" });
    expect(of(sidecar)).toMatchObject({ sandboxId: idOf(web), containerId: idOf(sidecar), net: `shared:${web}` });
    expect(of(peer)).toMatchObject({ net: "private", pid: "private", ipc: "private", uts: "private" });
  });

  it("shows the embedded DNS server on a user-defined network, and not on the default bridge", () => {
    const of = (name: string) => body.resolvers.find((r) => r.sandboxId === idOf(name));
    expect(of(web)).toMatchObject({ nameservers: ["127.0.0.11"], embedded: true });
    expect(of(bare)).toMatchObject({ nameservers: ["127.0.0.11"], embedded: true });
    expect(of(onDefault)?.embedded).toBe(false);
    expect(of(onDefault)?.nameservers).not.toContain("127.0.0.11");
    expect(of(onDefault)?.nameservers).toEqual(
      docker("exec", onDefault, "cat", "/etc/resolv.conf").split("\n").filter((l) => l.startsWith("nameserver")).map((l) => l.split(/\s+/)[1]),
    );
  });

  it("gives each sandbox its routes, as `ip route` inside shows them", () => {
    const routes = body.routes.find((r) => r.sandboxId === idOf(peer))?.routes;
    const gateway = networkInspect<{ IPAM: { Config: { Gateway: string }[] } }>(net)[0]?.IPAM.Config[0]?.Gateway;
    expect(routes?.[0]).toEqual({ dst: "default", via: gateway, dev: "eth0" });
    expect(routes?.length).toBe(docker("exec", peer, "ip", "route").split("\n").filter(Boolean).length);
  });

  it("reads a sandbox again only when it changed: a new endpoint shows after a connect", async () => {
    const other = uniqueName("dp-other");
    const otherId = createNetwork(other);
    docker("network", "connect", other, peer);
    await modelCaughtUp(api);
    const after = await datapath();
    const ep = after.endpoints.find((e) => e.networkId === otherId && e.sandboxId === idOf(peer));
    expect(ep?.containerIf.name).toBe("eth1");
    expect(ep?.bridge).toBe(`br-${otherId.slice(0, 12)}`);
  });
});

describe("GET /api/datapath on an engine in another network namespace", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(await freePort(), { CNMAP_ENGINES: `main=${local};second=${engine2}` });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is not available, and says why and what to do", async () => {
    const b = await datapath(server.url, "/api/engines/second/datapath");
    expect(b.available).toBe(false);
    expect(b.reason).toMatch(/does not listen in cnmap's network namespace.*--network host/);
    expect(b.endpoints).toEqual([]);
    const main = await datapath(server.url, "/api/engines/main/datapath");
    expect(main.available).toBe(true);
  });
});

describe("GET /api/datapath without root", () => {
  let server: RunningServer;
  beforeAll(async () => {
    // nobody, in the docker group: the engine's socket, and no more.
    const gid = Number(execFileSync("stat", ["-c", "%g", local.replace(/^unix:\/\//, "")], { encoding: "utf8" }).trim());
    server = await startServer(await freePort(), {}, { uid: 65534, gid });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers what needs no privilege, and says what root would add and how to grant it", async () => {
    const b = await datapath(server.url);
    expect(b.available).toBe(true);
    // Inside the busybox containers, through exec: no privilege needed.
    const web_ = b.endpoints.find((e) => e.networkId === netId && e.sandboxId === idOf(web));
    expect(web_?.hostIf?.name).toBe(body.endpoints.find((e) => e.networkId === netId && e.sandboxId === idOf(web))?.hostIf?.name);
    expect(b.resolvers.find((r) => r.sandboxId === idOf(web))?.embedded).toBe(true);
    expect(b.bridges.find((x) => x.networkId === netId)?.ports).toEqual(readdirSync(`/sys/class/net/${bridge}/brif`).sort());
    // The rules need root.
    expect(b.nat).toEqual([]);
    expect(b.forwardPolicy).toBeNull();
    expect(b.limits).toContain("NAT and filter rules: iptables-save needs root (CAP_NET_ADMIN) on the engine's host; run cnmap as root there to see them.");
    // The notools container has no ip and no cat: the host's ip in its namespace would need root.
    expect(b.limits.filter((l) => l.startsWith(`${bare} has no`))).toEqual([
      `${bare} has no \`ip\` to show its interfaces: run cnmap as root on the engine's host, and it reads them with the host's ip in the container's namespace (nsenter).`,
      `${bare} has no \`ip\` to show its routes: run cnmap as root on the engine's host, and it reads them with the host's ip in the container's namespace (nsenter).`,
      `${bare} has no \`cat\` to show its resolv.conf, and cnmap cannot read it on the host (that needs root).`,
    ]);
    // Without bare's interfaces, which bridge port is its own cannot be told: no port is called stray.
    expect(b.bridges.find((x) => x.networkId === netId)?.strayPorts).toEqual([]);
  });
});
