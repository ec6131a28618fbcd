/**
 * Requests that Docker 20.10 would accept into a broken state, or refuse
 * while leaving debris behind, are refused by cnmap before the engine sees
 * them: afterwards the engine is unchanged and every container still starts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanupLabelled, createContainer, createNetwork, docker, dockerTry, runContainer, uniqueName } from "../support/docker-cli";
import { cliOnFreeSubnet, expectError, expectUnchanged, post } from "../support/mutate";

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
