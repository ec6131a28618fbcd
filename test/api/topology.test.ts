/**
 * GET /api/topology against the real engine: every case is made with the
 * docker CLI and compared field by field with `docker inspect` /
 * `docker network inspect`. Other objects may exist on the engine; the tests
 * only look at their own, found by ID.
 */
import { execFileSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Endpoint, Sandbox, Topology } from "@/lib/topology/types";
import {
  docker,
  dockerTry,
  cleanupLabelled,
  createContainer,
  createNetwork,
  inspect,
  networkInspect,
  runContainer,
  uniqueName,
  RUN_ID,
  LABEL_KEY,
} from "../support/docker-cli";
import {
  expectedContainerRef,
  expectedEndpoints,
  expectedNetwork,
  expectedPorts,
  fetchTopology,
  modelCaughtUp,
  sortEndpoints,
  topologyWhen,
  sortPorts,
  type ContainerInspect,
  type NetworkInspect,
} from "../support/api";
import { TEST_RESYNC_MS } from "../support/server";
import { SseClient } from "../support/sse";

const api = inject("apiUrl");

// ------------------------------------------------------------------ helpers

const rand = (n: number): number => Math.floor(Math.random() * n);

/** Creates something on a random 10.a.b.0/24, trying other subnets while the engine says the pool overlaps. */
function onFreeSubnet<T>(create: (a: number, b: number) => T): T {
  for (let attempt = 1; ; attempt++) {
    const a = 64 + rand(128);
    const b = rand(256);
    try {
      return create(a, b);
    } catch (err) {
      const stderr = String((err as { stderr?: unknown }).stderr ?? err);
      if (attempt >= 10 || !/overlap|in use|already/i.test(stderr)) throw err;
    }
  }
}

/** A UDP port free on 127.0.0.1 right now. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket("udp4");
    s.once("error", reject);
    s.bind(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const containerInspect = (ref: string): ContainerInspect => {
  const c = inspect<ContainerInspect>(ref)[0];
  if (!c) throw new Error(`no container ${ref}`);
  return c;
};
const netInspect = (ref: string): NetworkInspect => {
  const n = networkInspect<NetworkInspect>(ref)[0];
  if (!n) throw new Error(`no network ${ref}`);
  return n;
};
const networkIdByName = (name: string): string => netInspect(name).Id;

function sandboxOf(t: Topology, id: string): Sandbox {
  const s = t.sandboxes.find((x) => x.id === id);
  if (!s) throw new Error(`no sandbox ${id} in the topology`);
  return s;
}

function endpointsOf(t: Topology, containerId: string): Endpoint[] {
  return sortEndpoints(t.endpoints.filter((e) => e.containerId === containerId));
}

/**
 * The container's sandbox (it owns its namespace) and endpoints equal what
 * `docker inspect` reports, field by field; its endpoints' networks exist.
 */
function expectOwnerMatchesInspect(t: Topology, c: ContainerInspect): { sandbox: Sandbox; endpoints: Endpoint[] } {
  const sandbox = sandboxOf(t, c.Id);
  expect(sandbox.networkMode).toBe(c.HostConfig.NetworkMode);
  expect(sandbox.containers[0]).toMatchObject(expectedContainerRef(c));
  expect(sortPorts(sandbox.ports)).toEqual(expectedPorts(c));
  const endpoints = endpointsOf(t, c.Id);
  expect(endpoints).toEqual(expectedEndpoints(c, networkIdByName));
  for (const e of endpoints) {
    expect(e.sandboxId).toBe(c.Id);
    expect(t.networks.some((n) => n.id === e.networkId)).toBe(true);
  }
  return { sandbox, endpoints };
}

function expectNetworkMatchesInspect(t: Topology, ref: string): void {
  // Verbose: on a swarm manager it adds the peers of a swarm network, which cnmap reports too.
  const n = JSON.parse(docker("network", "inspect", "-v", netInspect(ref).Id))[0] as NetworkInspect;
  const got = t.networks.find((x) => x.id === n.Id);
  expect(got, `network ${n.Name} in the topology`).toBeDefined();
  const want = expectedNetwork(n);
  expect(got).toEqual(want);
}

// ------------------------------------------------------------ the fixture

interface Fixture {
  netUser: string;
  userSubnet: { a: number; b: number };
  netInternal: string;
  netV6: string;
  v6Prefix: string;
  udpPort: number;
  cPorts: string;
  cMulti: string;
  cHost: string;
  cNone: string;
  cOwner: string;
  cJoiner: string;
  cStopped: string;
  cCreated: string;
  cById: string;
  macvlan: { net: string; container: string; ip: string; parent: string } | null;
  macvlanError: string;
}

let fx: Fixture;
const links: string[] = [];

beforeAll(async () => {
  const netUserName = uniqueName("t-user");
  let userSubnet = { a: 0, b: 0 };
  const netUser = onFreeSubnet((a, b) => {
    userSubnet = { a, b };
    return createNetwork(
      netUserName,
      "--subnet", `10.${a}.${b}.0/24`,
      "--gateway", `10.${a}.${b}.254`,
      "--ip-range", `10.${a}.${b}.128/25`,
      "--aux-address", `reserved=10.${a}.${b}.129`,
      "--label", "cnmap.role=user-bridge",
      "--opt", "com.docker.network.driver.mtu=1400",
    );
  });
  const netInternal = createNetwork(uniqueName("t-internal"), "--internal");
  const group = (): string => (1 + rand(0xfffe)).toString(16);
  const v6 = `fd00:${group()}:${group()}:${group()}`;
  const netV6 = onFreeSubnet((a, b) =>
    createNetwork(uniqueName("t-v6"), "--ipv6", "--subnet", `${v6}::/64`, "--subnet", `10.${a}.${b}.0/24`),
  );

  const udpPort = await freeUdpPort();
  const cPorts = runContainer(uniqueName("t-ports"), [
    "-p", "80",
    "-p", `127.0.0.1:${udpPort}:81/udp`,
    "--expose", "90",
  ]);
  const cMulti = runContainer(uniqueName("t-multi"), [
    "--network", netUser,
    "--network-alias", "alpha",
    "--network-alias", "beta",
  ]);
  docker("network", "connect", "--alias", "gamma", "--alias", "delta", netInternal, cMulti);
  const cHost = runContainer(uniqueName("t-host"), ["--network", "host"]);
  const cNone = runContainer(uniqueName("t-none"), ["--network", "none"]);
  const ownerName = uniqueName("t-owner");
  const cOwner = runContainer(ownerName, ["--network", netV6]);
  const cJoiner = runContainer(uniqueName("t-joiner"), ["--network", `container:${ownerName}`]);
  const cStopped = runContainer(uniqueName("t-stopped"), ["--network", netUser, "--network-alias", "sleeper", "-p", "127.0.0.1::83"]);
  docker("stop", "-t", "0", cStopped);
  const cCreated = createContainer(uniqueName("t-created"), ["--network", netUser, "-p", "127.0.0.1::82"]);
  // By network ID: HostConfig.NetworkMode then holds the ID, the endpoint's key the name.
  const cById = runContainer(uniqueName("t-byid"), ["--network", netInternal]);

  // macvlan on one end of a veth pair made for the purpose.
  let macvlan: Fixture["macvlan"] = null;
  let macvlanError = "";
  const tag = Math.random().toString(36).slice(2, 8);
  const parent = `cnmv${tag}a`; // <= 15 characters
  try {
    execFileSync("ip", ["link", "add", parent, "type", "veth", "peer", "name", `cnmv${tag}b`], { stdio: "pipe" });
    links.push(parent);
    let ip = "";
    const net = onFreeSubnet((a, b) => {
      ip = `10.${a}.${b}.10`;
      return createNetwork(uniqueName("t-macvlan"), "--driver", "macvlan", "--subnet", `10.${a}.${b}.0/24`, "-o", `parent=${parent}`);
    });
    const container = runContainer(uniqueName("t-mvc"), ["--network", net, "--ip", ip]);
    macvlan = { net, container, ip, parent };
  } catch (err) {
    macvlanError = String((err as { stderr?: unknown }).stderr ?? err);
  }

  fx = {
    netUser, userSubnet, netInternal, netV6, v6Prefix: v6, udpPort,
    cPorts, cMulti, cHost, cNone, cOwner, cJoiner, cStopped, cCreated, cById, macvlan, macvlanError,
  };
  // Made with the CLI, some with no event (connecting a never-started container): the model has them all after a full read.
  await modelCaughtUp(api);
}, 180_000);

afterAll(() => {
  cleanupLabelled();
  for (const l of links) {
    try {
      execFileSync("ip", ["link", "del", l], { stdio: "pipe" });
    } catch {
      /* already gone */
    }
  }
});

// ------------------------------------------------------------------ tests

describe("GET /api/topology", () => {
  it("answers 200 JSON, not cached", async () => {
    const res = await fetch(`${api}/api/topology`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    const body = (await res.json()) as Topology;
    expect(Array.isArray(body.networks)).toBe(true);
    expect(Array.isArray(body.sandboxes)).toBe(true);
    expect(Array.isArray(body.endpoints)).toBe(true);
  });

  it("reports the engine as `docker version` and `docker info` do", async () => {
    const t = await fetchTopology(api);
    expect(t.engine.version).toBe(docker("version", "--format", "{{.Server.Version}}"));
    expect(t.engine.apiVersion).toBe(docker("version", "--format", "{{.Server.APIVersion}}"));
    expect(t.engine.swarm).toBe(docker("info", "--format", "{{.Swarm.LocalNodeState}}"));
    expect(t.engine.host).toBe(process.env.DOCKER_HOST || "unix:///var/run/docker.sock");
    // The engine is local here: its uplink's MTU is the default route's interface's.
    const iface = execFileSync("ip", ["-o", "route", "show", "default"], { encoding: "utf8" }).split(/\s+/)[4] ?? "";
    expect(t.engine.hostMtu).toBe(Number(readFileSync(`/sys/class/net/${iface}/mtu`, "utf8").trim()));
  });

  it("reports the predefined networks as predefined, equal to their inspect", async () => {
    const t = await fetchTopology(api);
    for (const name of ["bridge", "host", "none"]) {
      expectNetworkMatchesInspect(t, name);
      expect(t.networks.find((n) => n.name === name)?.predefined).toBe(true);
    }
  });

  it("reports a user bridge with subnet, gateway, ip-range, aux address, option and label", async () => {
    const t = await fetchTopology(api);
    expectNetworkMatchesInspect(t, fx.netUser);
    const n = t.networks.find((x) => x.id === fx.netUser);
    const { a, b } = fx.userSubnet;
    expect(n).toMatchObject({
      driver: "bridge",
      scope: "local",
      internal: false,
      predefined: false,
      ipam: [{ subnet: `10.${a}.${b}.0/24`, gateway: `10.${a}.${b}.254`, ipRange: `10.${a}.${b}.128/25`, auxAddresses: { reserved: `10.${a}.${b}.129` } }],
      labels: { [LABEL_KEY]: RUN_ID, "cnmap.role": "user-bridge" },
      options: { "com.docker.network.driver.mtu": "1400" },
    });
  });

  it("reports an internal network", async () => {
    const t = await fetchTopology(api);
    expectNetworkMatchesInspect(t, fx.netInternal);
    expect(t.networks.find((x) => x.id === fx.netInternal)?.internal).toBe(true);
  });

  it("reports an IPv6 network with both subnets, and the container's IPv6 address", async () => {
    const t = await fetchTopology(api);
    expectNetworkMatchesInspect(t, fx.netV6);
    const n = t.networks.find((x) => x.id === fx.netV6);
    expect(n?.ipv6).toBe(true);
    expect(n?.ipam.map((c) => c.subnet)).toContain(`${fx.v6Prefix}::/64`);
    expect(n?.ipam.some((c) => /^10\./.test(c.subnet))).toBe(true);
    const c = containerInspect(fx.cOwner);
    const { endpoints } = expectOwnerMatchesInspect(t, c);
    const ep = endpoints.find((e) => e.networkId === fx.netV6);
    expect(ep?.ipv6).toMatch(new RegExp(`^${fx.v6Prefix}::[0-9a-f:]+/64$`));
    expect(ep?.ipv4).toMatch(/^10\.\d+\.\d+\.\d+\/24$/);
  });

  it("reports published ports on the default bridge as inspect's NetworkSettings.Ports", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cPorts);
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.networkMode).toBe("default");
    expect(endpoints.map((e) => e.networkId)).toEqual([networkIdByName("bridge")]);
    expect(endpoints[0]?.active).toBe(true);
    expect(endpoints[0]?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    // Exposed-only ports (90/tcp) are not published.
    expect(sandbox.ports.some((p) => p.containerPort === 90)).toBe(false);
    expect(sandbox.ports).toContainEqual({ hostIp: "127.0.0.1", hostPort: fx.udpPort, containerPort: 81, protocol: "udp" });
    const tcp80 = sandbox.ports.filter((p) => p.containerPort === 80 && p.protocol === "tcp");
    expect(tcp80.length).toBeGreaterThan(0);
    for (const p of tcp80) {
      expect(typeof p.hostPort).toBe("number");
      expect(p.hostPort).toBeGreaterThan(0);
    }
  });

  it("reports a container on two networks with its aliases as inspect has them (short-ID alias included)", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cMulti);
    const { endpoints } = expectOwnerMatchesInspect(t, c);
    expect(endpoints.map((e) => e.networkId).sort()).toEqual([fx.netInternal, fx.netUser].sort());
    const onUser = endpoints.find((e) => e.networkId === fx.netUser);
    const onInternal = endpoints.find((e) => e.networkId === fx.netInternal);
    expect(onUser?.aliases).toEqual(expect.arrayContaining(["alpha", "beta", c.Id.slice(0, 12)]));
    expect(onInternal?.aliases).toEqual(expect.arrayContaining(["gamma", "delta", c.Id.slice(0, 12)]));
    expect(onUser?.aliases).not.toContain("gamma");
    // The user bridge hands out addresses from its ip-range only.
    const { a, b } = fx.userSubnet;
    const host = Number(onUser?.ipv4.match(new RegExp(`^10\\.${a}\\.${b}\\.(\\d+)/24$`))?.[1]);
    expect(host).toBeGreaterThanOrEqual(128);
  });

  it("puts a host-mode container's endpoint on the `host` network", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cHost);
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.networkMode).toBe("host");
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ networkId: networkIdByName("host"), active: true, ipv4: "" });
    expect(endpoints[0]?.id).not.toBe("");
  });

  it("puts a none-mode container's endpoint on the `none` network", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cNone);
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.networkMode).toBe("none");
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ networkId: networkIdByName("none"), active: true, ipv4: "", ipv6: "" });
  });

  it("puts a `--network container:NAME` container in its owner's sandbox, with no endpoint of its own", async () => {
    const t = await fetchTopology(api);
    const owner = containerInspect(fx.cOwner);
    const joiner = containerInspect(fx.cJoiner);
    expect(joiner.HostConfig.NetworkMode).toBe(`container:${owner.Id}`); // what the engine stores
    const { sandbox } = expectOwnerMatchesInspect(t, owner);
    expect(sandbox.networkMode).toBe(owner.HostConfig.NetworkMode);
    expect(sandbox.containers[0]?.id).toBe(owner.Id);
    const ref = sandbox.containers.find((x) => x.id === joiner.Id);
    expect(ref).toMatchObject(expectedContainerRef(joiner));
    expect(t.sandboxes.some((s) => s.id === joiner.Id)).toBe(false);
    expect(t.sandboxes.filter((s) => s.containers.some((x) => x.id === joiner.Id))).toHaveLength(1);
    expect(t.endpoints.some((e) => e.containerId === joiner.Id || e.sandboxId === joiner.Id)).toBe(false);
  });

  it("reports a stopped container's endpoints as inactive, with an empty id", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cStopped);
    expect(c.State.Status).toBe("exited");
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.containers[0]?.state).toBe("exited");
    expect(sandbox.ports).toEqual([]);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ id: "", networkId: fx.netUser, active: false, ipv4: "", mac: "" });
    expect(endpoints[0]?.aliases).toContain("sleeper");
  });

  it("reports a never-started container's endpoint on its network, found by name", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cCreated);
    expect(c.State.Status).toBe("created");
    expect(c.NetworkSettings.Networks?.[netInspect(fx.netUser).Name]?.NetworkID).toBe(""); // why the name matters
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.containers[0]?.state).toBe("created");
    expect(sandbox.ports).toEqual([]);
    expect(endpoints).toEqual([
      expect.objectContaining({ id: "", networkId: fx.netUser, active: false, ipv4: "", ipv6: "", mac: "" }),
    ]);
  });

  it("reports a container attached by network ID with the engine's NetworkMode", async () => {
    const t = await fetchTopology(api);
    const c = containerInspect(fx.cById);
    const { sandbox, endpoints } = expectOwnerMatchesInspect(t, c);
    expect(sandbox.networkMode).toBe(c.HostConfig.NetworkMode);
    expect(endpoints.map((e) => e.networkId)).toEqual([fx.netInternal]);
  });

  it("reports a macvlan network on a veth parent, and a container at a fixed --ip", async (ctx) => {
    if (!fx.macvlan) {
      ctx.skip(`cannot make a veth parent here: ${fx.macvlanError}`);
      return;
    }
    const t = await fetchTopology(api);
    expectNetworkMatchesInspect(t, fx.macvlan.net);
    const n = t.networks.find((x) => x.id === fx.macvlan?.net);
    expect(n).toMatchObject({ driver: "macvlan", options: { parent: fx.macvlan.parent } });
    const c = containerInspect(fx.macvlan.container);
    const { endpoints } = expectOwnerMatchesInspect(t, c);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ networkId: fx.macvlan.net, ipv4: `${fx.macvlan.ip}/24`, active: true });
  });

  it("reports every container of this run exactly once, each in one sandbox", async () => {
    const t = await fetchTopology(api);
    const ours = docker("ps", "-aq", "--no-trunc", "--filter", `label=${LABEL_KEY}=${RUN_ID}`).split("\n").filter(Boolean);
    expect(ours.length).toBeGreaterThanOrEqual(10);
    for (const id of ours) {
      const holders = t.sandboxes.filter((s) => s.containers.some((c) => c.id === id));
      expect(holders, `sandboxes holding ${id}`).toHaveLength(1);
    }
  });
});

describe("GET /api/topology after live changes (the live model follows the engine; the inspect cache must not serve stale aliases)", () => {
  it("shows a new alias after `docker network connect --alias` on a running container", async () => {
    const name = uniqueName("t-live");
    const id = runContainer(name, ["--network", fx.netUser]);
    const before = await fetchTopology(api); // the inspect is now cached
    expect(endpointsOf(before, id).map((e) => e.networkId)).toEqual([fx.netUser]);

    docker("network", "connect", "--alias", "late-alias", fx.netInternal, id);
    const after = await topologyWhen(api, (t) => endpointsOf(t, id).length === 2, "the second endpoint (the connect event)");
    const c = containerInspect(id);
    const { endpoints } = expectOwnerMatchesInspect(after, c);
    expect(endpoints.find((e) => e.networkId === fx.netInternal)?.aliases).toContain("late-alias");
  });

  it("shows the new inactive endpoint after connecting a stopped container (which emits no event)", async () => {
    const id = runContainer(uniqueName("t-dead"), ["--network", fx.netUser]);
    docker("stop", "-t", "0", id);
    const before = await fetchTopology(api); // cached while stopped
    expect(endpointsOf(before, id)).toHaveLength(1);

    docker("network", "connect", "--alias", "cold-alias", fx.netInternal, id);
    // No event: the model's next full read finds it.
    const after = await topologyWhen(api, (t) => endpointsOf(t, id).length === 2, "the stopped container's new endpoint (at the next full read)", 4 * TEST_RESYNC_MS);
    const c = containerInspect(id);
    const { endpoints } = expectOwnerMatchesInspect(after, c);
    expect(endpoints.find((e) => e.networkId === fx.netInternal)).toMatchObject({
      id: "",
      active: false,
      sandboxId: id,
      aliases: expect.arrayContaining(["cold-alias"]),
    });
  });

  it("shows a changed alias after a stopped container is disconnected and reconnected between two reads", async () => {
    const id = createContainer(uniqueName("t-realias"));
    docker("network", "connect", "--alias", "first-alias", fx.netInternal, id);
    // No event for connecting a container that never ran: the model's next full read finds it.
    await topologyWhen(
      api,
      (t) => endpointsOf(t, id).some((e) => e.networkId === fx.netInternal && e.aliases.includes("first-alias")),
      "the first alias (at the next full read)",
      4 * TEST_RESYNC_MS,
    );

    // The list looks the same before and after (a container that never ran
    // has no endpoint IDs or addresses): only the disconnect event can tell.
    // Wait until the server has seen it, then reconnect under another alias.
    const sse = await SseClient.open(`${api}/api/events`);
    try {
      await sse.waitForMessage((m) => m.event === "status" && (JSON.parse(m.data) as { connected: boolean }).connected);
      docker("network", "disconnect", fx.netInternal, id);
      await sse.waitForData<{ action: string; id: string; container?: string }>(
        (d) => d.action === "disconnect" && d.id === fx.netInternal && d.container === id,
      );
    } finally {
      await sse.close();
    }
    docker("network", "connect", "--alias", "second-alias", fx.netInternal, id);
    // No event for the connect: the model's next full read finds it.
    const after = await topologyWhen(
      api,
      (t) => endpointsOf(t, id).some((e) => e.networkId === fx.netInternal && e.aliases.includes("second-alias")),
      "the new alias (at the next full read)",
      4 * TEST_RESYNC_MS,
    );
    const c = containerInspect(id);
    expectOwnerMatchesInspect(after, c);
    const aliases = endpointsOf(after, id).find((e) => e.networkId === fx.netInternal)?.aliases;
    expect(aliases).toContain("second-alias");
    expect(aliases).not.toContain("first-alias");
  });

  it("drops a removed container and network as soon as their events come", async () => {
    const net = createNetwork(uniqueName("t-gone"));
    const id = runContainer(uniqueName("t-gone"), ["--network", net]);
    const before = await fetchTopology(api);
    expect(before.sandboxes.some((s) => s.id === id)).toBe(true);
    docker("rm", "-f", id);
    docker("network", "rm", net);
    const after = await topologyWhen(api, (t) => !t.networks.some((n) => n.id === net) && !t.sandboxes.some((s) => s.id === id), "neither (their events)");
    expect(after.sandboxes.some((s) => s.id === id)).toBe(false);
    expect(after.endpoints.some((e) => e.containerId === id || e.networkId === net)).toBe(false);
    expect(after.networks.some((n) => n.id === net)).toBe(false);
  });
});

// ------------------------------------------------------------------ overlay

describe("GET /api/topology with an attachable overlay network (swarm)", () => {
  let initialised = false;
  let gwbridgeBefore = true;
  let skipReason = "";
  let overlay: { net: string; container: string } | null = null;

  beforeAll(() => {
    const state = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
    if (state === "inactive") {
      // swarm init makes docker_gwbridge, and swarm leave keeps it: remove it afterwards if it is ours.
      gwbridgeBefore = dockerTry("network", "inspect", "docker_gwbridge").ok;
      const init = dockerTry("swarm", "init", "--advertise-addr", "127.0.0.1");
      if (init.ok) initialised = true;
      else skipReason = `docker swarm init failed: ${init.stderr}`;
    } else if (state !== "active") {
      skipReason = `swarm is ${state}: leaving it alone`;
    }
    if (skipReason) return;
    const net = onFreeSubnet((a, b) =>
      createNetwork(uniqueName("t-overlay"), "--driver", "overlay", "--attachable", "--subnet", `10.${a}.${b}.0/24`),
    );
    const container = runContainer(uniqueName("t-ovc"), ["--network", net]);
    overlay = { net, container };
  }, 120_000);

  afterAll(() => {
    if (overlay) {
      dockerTry("rm", "-f", overlay.container);
      dockerTry("network", "rm", overlay.net);
    }
    if (initialised) {
      docker("swarm", "leave", "--force");
      if (!gwbridgeBefore) {
        const rm = dockerTry("network", "rm", "docker_gwbridge");
        if (!rm.ok) console.warn(`could not remove the docker_gwbridge that swarm init made: ${rm.stderr}`);
      }
    }
  }, 120_000);

  it("reports the swarm state, the overlay network and the container's endpoint as inspect does", async (ctx) => {
    if (!overlay) {
      ctx.skip(skipReason);
      return;
    }
    // swarm init comes with no event: the model's next full read finds it.
    const t = await topologyWhen(api, (x) => x.engine.swarm === "active" && x.sandboxes.some((s) => s.id === overlay?.container), "the swarm and the overlay's container", 4 * TEST_RESYNC_MS);
    expect(t.engine.swarm).toBe(docker("info", "--format", "{{.Swarm.LocalNodeState}}"));
    expect(t.engine.swarm).toBe("active");
    // The engine's network list (which cnmap reads) and its network inspect
    // disagree on `Created` for swarm-scoped networks; everything else must match.
    expectNetworkMatchesInspect(t, overlay.net);
    expect(t.networks.find((n) => n.id === overlay?.net)).toMatchObject({ driver: "overlay", scope: "swarm", attachable: true, predefined: false });
    const c = containerInspect(overlay.container);
    const { endpoints } = expectOwnerMatchesInspect(t, c);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ networkId: overlay.net, active: true });
    expect(endpoints[0]?.ipv4).not.toBe("");
  });
});
