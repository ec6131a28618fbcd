/**
 * Requests that Docker 20.10 would accept into a broken state, or refuse
 * while leaving debris behind, are refused by cnmap before the engine sees
 * them: afterwards the engine is unchanged and every container still starts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ContainerInspect, InspectEndpoint } from "../support/api";
import { cleanupLabelled, createContainer, createNetwork, docker, dockerTry, inspect, runContainer, uniqueName } from "../support/docker-cli";
import { cliOnFreeSubnet, expectError, expectUnchanged, post, randomV6Prefix } from "../support/mutate";

const api = inject("apiUrl");

describe("connect refusals leave every container able to start", () => {
  const net = uniqueName("cs-net");
  const holder = uniqueName("cs-holder");
  const taker = uniqueName("cs-taker");
  let prefix = "";

  beforeAll(() => {
    prefix = cliOnFreeSubnet((a, b) => {
      createNetwork(net, "--subnet", `10.${a}.${b}.0/24`);
      return `10.${a}.${b}`;
    });
    // holder keeps a fixed address while stopped; taker runs and would like it.
    createContainer(holder, ["--network", net, "--ip", `${prefix}.50`]);
    runContainer(taker);
  });
  afterAll(() => cleanupLabelled());

  const restarts = (name: string): void => {
    const r = dockerTry("restart", "-t", "0", name);
    expect(r.ok, r.stderr).toBe(true);
  };

  it("a stopped container's fixed address counts as taken", async () => {
    const res = await expectUnchanged([taker, holder], () => post(api, `/api/networks/${net}/connect`, { container: taker, ipv4: `${prefix}.50` }));
    expectError(res, 409, "conflict", new RegExp(`reserved on ${net} by ${holder}`));
    const start = dockerTry("start", holder);
    expect(start.ok, start.stderr).toBe(true);
    docker("stop", "-t", "0", holder);
  });

  it("the subnet's network and broadcast addresses are refused up front", async () => {
    for (const [address, word] of [[`${prefix}.0`, "network"], [`${prefix}.255`, "broadcast"]] as const) {
      const res = await expectUnchanged([taker], () => post(api, `/api/networks/${net}/connect`, { container: taker, ipv4: address }));
      expectError(res, 400, "invalid_input", new RegExp(`${word} address`));
    }
    restarts(taker);
  });

  it("link-local IPs must be link-local", async () => {
    const res = await expectUnchanged([taker], () =>
      post(api, `/api/networks/${net}/connect`, { container: taker, linkLocalIps: ["8.8.8.8"] }),
    );
    expectError(res, 400, "invalid_input", /link-local/);
    restarts(taker);
    const ok = await post(api, `/api/networks/${net}/connect`, { container: taker, linkLocalIps: ["169.254.10.10"] });
    expect(ok.status, ok.text).toBe(204);
    restarts(taker);
  });
});

describe("create refusals that used to be slow or wrong", () => {
  afterAll(() => cleanupLabelled());

  it("an unknown IPAM driver is refused at once, not reported as an unreachable engine", async () => {
    const started = Date.now();
    const res = await post(api, "/api/networks", { name: uniqueName("cs-ipam"), ipamDriver: "nosuch" });
    expectError(res, 400, "invalid_input", /IPAM driver/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("a subnet with host bits set is refused", async () => {
    const res = await post(api, "/api/networks", { name: uniqueName("cs-bits"), ipam: [{ subnet: "10.99.0.5/24" }] });
    expectError(res, 400, "invalid_input", /host bits/);
  });

  it("an overlay network without a swarm is a conflict in plain words, not an engine error", async () => {
    const swarm = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
    if (swarm !== "inactive") return; // only meaningful on an engine outside a swarm
    const name = uniqueName("cs-ovl");
    const res = await post(api, "/api/networks", { name, driver: "overlay" });
    expectError(res, 409, "conflict", /swarm/i);
    expect(dockerTry("network", "inspect", name).ok).toBe(false);
  });
});

describe("addresses the engine would refuse are refused before it sees them", () => {
  // Docker 20.10 refuses these connects of a running container ("Address already in use") but keeps the
  // network in its configuration, and the container cannot restart. So cnmap must refuse them itself.
  const gwNet = uniqueName("cs-gw");
  const rangeNet = uniqueName("cs-range");
  const v6Net = uniqueName("cs-v6");
  const bigNet = uniqueName("cs-v6big");
  const taker = uniqueName("cs-addr");
  let gw = "";
  let range = "";
  let v6 = "";
  let big = "";
  let ipv6 = true;
  const oldAllocator = Number(docker("version", "--format", "{{.Server.APIVersion}}").split(".")[1]) < 48;

  beforeAll(() => {
    gw = cliOnFreeSubnet((a, b) => {
      createNetwork(gwNet, "--subnet", `10.${a}.${b}.0/24`); // no --gateway: the engine picks one and does not say which
      return `10.${a}.${b}`;
    });
    range = cliOnFreeSubnet((a, b) => {
      const p = `10.${a}.${b}`;
      createNetwork(rangeNet, "--subnet", `${p}.0/24`, "--ip-range", `${p}.128/25`, "--aux-address", `router=${p}.5`, "--aux-address", `nas=${p}.130`);
      return p;
    });
    try {
      v6 = randomV6Prefix();
      cliOnFreeSubnet((a, b) => createNetwork(v6Net, "--ipv6", "--subnet", `10.${a}.${b}.0/24`, "--subnet", `${v6}::/64`));
      big = randomV6Prefix().replace(/:[0-9a-f]+$/, ":ab00");
      cliOnFreeSubnet((a, b) => createNetwork(bigNet, "--ipv6", "--subnet", `10.${a}.${b}.0/24`, "--subnet", `${big}::/56`));
    } catch (err) {
      ipv6 = false; // an engine without IPv6 networking
      console.warn("IPv6 networks cannot be created here; the IPv6 cases are skipped:", String(err));
    }
    runContainer(taker);
  });
  afterAll(() => cleanupLabelled());

  const connect = (network: string, body: Record<string, unknown>) => () =>
    post(api, `/api/networks/${network}/connect`, { container: taker, ...body });
  const networksOf = (name: string): Record<string, InspectEndpoint> => inspect<ContainerInspect>(name)[0]?.NetworkSettings.Networks ?? {};
  /** The container restarts and carries no trace of the network. */
  const restartsWithout = (network: string): void => {
    const r = dockerTry("restart", "-t", "0", taker);
    expect(r.ok, r.stderr).toBe(true);
    expect(inspect<ContainerInspect>(taker)[0]?.State.Status).toBe("running");
    expect(Object.keys(networksOf(taker))).not.toContain(network);
  };

  it("refuses the gateway of a network created with --subnet only, which network inspect does not show", async () => {
    const res = await expectUnchanged([taker], connect(gwNet, { ipv4: `${gw}.1` }));
    expectError(res, 409, "conflict", new RegExp(`${gw}\\.1 is ${gwNet}'s gateway`));
    restartsWithout(gwNet);

    // The engine agrees: a container on the network has that gateway. With one running, its report is used.
    const peer = uniqueName("cs-peer");
    runContainer(peer, ["--network", gwNet]);
    expect(networksOf(peer)[gwNet]?.Gateway).toBe(`${gw}.1`);
    const again = await expectUnchanged([taker], connect(gwNet, { ipv4: `${gw}.1` }));
    expectError(again, 409, "conflict", /gateway/);
    restartsWithout(gwNet);
    docker("rm", "-f", peer);
  });

  it("with an ip-range, refuses the range's first address (the gateway) and auxiliary addresses, and allows the rest of the subnet", async () => {
    const gateway = await expectUnchanged([taker], connect(rangeNet, { ipv4: `${range}.128` }));
    expectError(gateway, 409, "conflict", /gateway.*ip-range/);
    for (const [address, host] of [[`${range}.5`, "router"], [`${range}.130`, "nas"]] as const) {
      const res = await expectUnchanged([taker], connect(rangeNet, { ipv4: address }));
      expectError(res, 409, "conflict", new RegExp(`auxiliary address \\(${host}\\)`));
    }
    restartsWithout(rangeNet);

    const peer = uniqueName("cs-peer");
    runContainer(peer, ["--network", rangeNet]);
    expect(networksOf(peer)[rangeNet]?.Gateway).toBe(`${range}.128`);
    docker("rm", "-f", peer);

    // Outside the range but inside the subnet: the engine takes it, and the container restarts with it.
    const ok = await post(api, `/api/networks/${rangeNet}/connect`, { container: taker, ipv4: `${range}.10` });
    expect(ok.status, ok.text).toBe(204);
    const r = dockerTry("restart", "-t", "0", taker);
    expect(r.ok, r.stderr).toBe(true);
    expect(networksOf(taker)[rangeNet]?.IPAddress).toBe(`${range}.10`);
    docker("network", "disconnect", rangeNet, taker);
  });

  it("undoes what the engine keeps of a refusal no check foresees, so the container still restarts", async () => {
    // The bridge driver refuses a MAC address given as a driver option, after the engine has stored the
    // network in the container's configuration: a refusal that reaches the engine, as a race would.
    const res = await expectUnchanged([taker], connect(gwNet, { driverOpts: { "com.docker.network.endpoint.macaddress": "02:42:0a:00:00:09" } }));
    expectError(res, 400, "invalid_input", /invalid endpoint configuration/);
    restartsWithout(gwNet);
  });

  it("refuses IPv6's implicit gateway (::1), the subnet's first address, and what the allocator cannot hand out", async () => {
    if (!ipv6) return;
    const gateway = await expectUnchanged([taker], connect(v6Net, { ipv6: `${v6}::1` }));
    expectError(gateway, 409, "conflict", /gateway/);
    const first = await expectUnchanged([taker], connect(v6Net, { ipv6: `${v6}::` }));
    expectError(first, 400, "invalid_input", /network address/);
    if (oldAllocator) {
      const last = await expectUnchanged([taker], connect(v6Net, { ipv6: `${v6}:ffff:ffff:ffff:ffff` }));
      expectError(last, 400, "invalid_input", /last address of a \/64/);
      const far = await expectUnchanged([taker], connect(bigNet, { ipv6: `${big.replace(/00$/, "01")}::5` }));
      expectError(far, 400, "invalid_input", /outside the first \/64/);
    }
    restartsWithout(v6Net);
    restartsWithout(bigNet);

    const peer = uniqueName("cs-peer");
    runContainer(peer, ["--network", v6Net]);
    expect(networksOf(peer)[v6Net]?.IPv6Gateway).toBe(`${v6}::1`);
    docker("rm", "-f", peer);
  });
});
