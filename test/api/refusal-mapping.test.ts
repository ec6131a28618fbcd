/**
 * lib/docker/refusals.ts against the real engine: cnmap's pre-checks are
 * bypassed (the allow-listed engine calls of lib/docker/engine.ts are called
 * directly) so that the engine itself refuses, and each refusal must map to
 * the right ApiError code while keeping the engine's own words.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiError, type ErrorCode } from "@/lib/api/errors";
import { EngineClient } from "@/lib/docker/engine";
import { engineStatus } from "@/lib/docker/errors";
import { refusal } from "@/lib/docker/refusals";
import {
  cleanupLabelled,
  createNetwork,
  docker,
  dockerTry,
  networkInspect,
  runContainer,
  uniqueName,
  LABEL_KEY,
  RUN_ID,
} from "../support/docker-cli";
import { cliOnFreeSubnet, engineState } from "../support/mutate";

/** The allow-listed client, on the engine the tests use. */
const engine = new EngineClient({ name: "local", address: process.env.DOCKER_HOST || "unix:///var/run/docker.sock", endpoint: { kind: "environment" }, timeoutMs: 8000 });

/** Runs an engine call that must fail; returns what it threw. */
async function engineRefuses(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error("the engine accepted a call it was expected to refuse");
}

/** The engine answered (with a status), refusal() maps it to `code` and keeps its words. */
function expectMapped(err: unknown, code: ErrorCode, enginePattern: RegExp, engineStatuses: number[]): ApiError {
  const engine = engineStatus(err);
  expect(engine, `not an engine answer: ${String(err)}`).not.toBeNull();
  expect(engineStatuses).toContain(engine?.status);
  expect(engine?.message).toMatch(enginePattern);
  const mapped = refusal(err, "x");
  expect(mapped).toBeInstanceOf(ApiError);
  const api = mapped as ApiError;
  expect(api.code).toBe(code);
  expect(api.message.startsWith("x: the engine said \"")).toBe(true);
  expect(api.message).toMatch(enginePattern);
  // Docker's words are kept, without the client library's "(HTTP code N) ... -" prefix.
  expect(api.message).not.toMatch(/HTTP code/);
  return api;
}

let net = "";
let netName = "";
let subnet = { a: 0, b: 0 };
let running = "";
let other = "";

beforeAll(() => {
  netName = uniqueName("r-net");
  net = cliOnFreeSubnet((a, b) => {
    subnet = { a, b };
    return createNetwork(netName, "--subnet", `10.${a}.${b}.0/24`);
  });
  running = runContainer(uniqueName("r-a"), ["--network", net, "--ip", `10.${subnet.a}.${subnet.b}.10`]);
  other = runContainer(uniqueName("r-b"));
}, 120_000);

afterAll(() => cleanupLabelled());

/** Each test leaves the containers' attachments as they were. */
let before: ReturnType<typeof engineState> | null = null;
const watch = (): void => {
  before = engineState([running, other]);
};
afterEach(() => {
  if (before) expect(engineState([running, other])).toEqual(before);
  before = null;
});

describe("refusal() on the real engine's refusals", () => {
  it("connecting a container already connected: conflict (engine 403 'endpoint with name ... already exists')", async () => {
    watch();
    const err = await engineRefuses(() => engine.connectContainer(net, { Container: running }));
    expectMapped(err, "conflict", /endpoint with name .* already exists/, [403]);
  });

  it("disconnecting a container that is not connected: conflict (engine 500 on 20.10)", async () => {
    watch();
    const err = await engineRefuses(() => engine.disconnectContainer(net, other, false));
    expectMapped(err, "conflict", /is not connected to (the )?network/, [500, 403, 409]);
  });

  it("removing a network with active endpoints: conflict (engine 403)", async () => {
    watch();
    const err = await engineRefuses(() => engine.removeNetwork(net));
    expectMapped(err, "conflict", /has active endpoints/, [403, 409]);
    expect(networkInspect<{ Id: string }>(net)[0]?.Id).toBe(net);
  });

  it("creating a network whose pool overlaps: conflict (engine 403 'Pool overlaps')", async () => {
    watch();
    const name = uniqueName("r-overlap");
    const err = await engineRefuses(() =>
      engine.createNetwork({
        Name: name,
        CheckDuplicate: true,
        IPAM: { Config: [{ Subnet: `10.${subnet.a}.${subnet.b}.0/24` }] },
        Labels: { [LABEL_KEY]: RUN_ID },
      }),
    );
    expectMapped(err, "conflict", /Pool overlaps/i, [403, 409]);
    expect(dockerTry("network", "inspect", name).ok).toBe(false);
  });

  it("creating a network with a name taken (CheckDuplicate): conflict", async () => {
    watch();
    const err = await engineRefuses(() => engine.createNetwork({ Name: netName, CheckDuplicate: true, Labels: { [LABEL_KEY]: RUN_ID } }));
    expectMapped(err, "conflict", /already exists/, [409]);
  });

  it("connecting with an IP another container holds: conflict", async () => {
    watch();
    const c = runContainer(uniqueName("r-c"));
    const err = await engineRefuses(() =>
      engine.connectContainer(net, { Container: c, EndpointConfig: { IPAMConfig: { IPv4Address: `10.${subnet.a}.${subnet.b}.10` } } }),
    );
    expectMapped(err, "conflict", /already in use|Address already/i, [403, 409, 500]);
    // Docker 20.10 keeps the refused network in this running container's configuration, where no
    // disconnect can reach it (so it would fail to restart): why cnmap checks addresses first and
    // runs its mutations one at a time. Throw the container away.
    docker("rm", "-f", c);
  });

  it("connecting a fixed IP or an alias on the default bridge: conflict", async () => {
    watch();
    const ip = await engineRefuses(() => engine.connectContainer("bridge", { Container: running, EndpointConfig: { IPAMConfig: { IPv4Address: "172.17.0.250" } } }));
    expectMapped(ip, "conflict", /user specified IP address is supported/i, [400, 403, 409, 500]);
    const alias = await engineRefuses(() => engine.connectContainer("bridge", { Container: running, EndpointConfig: { Aliases: ["nick"] } }));
    expectMapped(alias, "conflict", /network-scoped alias is supported only/i, [400, 403, 409, 500]);
    // 20.10 may keep the refused network in the container's configuration: undo it as cnmap does.
    const entry = (await engine.inspectContainer(running))?.NetworkSettings?.Networks?.bridge;
    if (entry && !entry.EndpointID) await engine.disconnectContainer("bridge", running, true);
  });

  it("connecting to host, and a container sharing another's namespace: conflict", async () => {
    watch();
    const host = await engineRefuses(() => engine.connectContainer("host", { Container: other }));
    expectMapped(host, "conflict", /host network/i, [400, 403, 409, 500]);
    const owner = uniqueName("r-owner");
    runContainer(owner);
    const joiner = runContainer(uniqueName("r-joiner"), ["--network", `container:${owner}`]);
    const shared = await engineRefuses(() => engine.connectContainer(net, { Container: joiner }));
    expectMapped(shared, "conflict", /sharing network namespace|conflicting options/i, [400, 403, 409, 500]);
    docker("rm", "-f", joiner, owner);
  });

  it("removing a predefined network: forbidden", async () => {
    watch();
    for (const name of ["bridge", "host", "none"]) {
      const err = await engineRefuses(() => engine.removeNetwork(name));
      expectMapped(err, "forbidden", /pre-?defined network/i, [403]);
    }
  });

  it("an unknown network or container: not_found", async () => {
    watch();
    const ghost = uniqueName("r-ghost");
    expectMapped(await engineRefuses(() => engine.removeNetwork(ghost)), "not_found", new RegExp(`${ghost}.*not found|No such network`, "i"), [404]);
    expectMapped(await engineRefuses(() => engine.connectContainer(ghost, { Container: other })), "not_found", /not found|No such network/i, [404]);
    expectMapped(await engineRefuses(() => engine.connectContainer(net, { Container: ghost })), "not_found", /No such container/i, [404]);
  });

  it("passes through what is not an engine answer", () => {
    const plain = new Error("boom");
    expect(refusal(plain, "x")).toBe(plain);
    const api = new ApiError("conflict", "already mapped");
    expect(refusal(api, "x")).toBe(api);
  });
});
