/**
 * The mutation API's refusals: each answers the documented status and code
 * with a message that says what is wrong, and leaves the engine exactly as
 * it was (`docker network ls` and the containers' NetworkSettings.Networks
 * compared before and after). Also the request guards (Host, Origin,
 * Sec-Fetch-Site), read-only mode and an unreachable engine. Never a 500.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { HealthBody } from "../support/api";
import {
  cleanupLabelled,
  createContainer,
  createNetwork,
  docker,
  inspect,
  networkInspect,
  runContainer,
  uniqueName,
  LABEL,
  LABEL_KEY,
  RUN_ID,
} from "../support/docker-cli";
import { freePort, startServer, type RunningServer } from "../support/server";
import {
  cliOnFreeSubnet,
  del,
  engineState,
  expectError,
  expectUnchanged,
  json,
  networkLs,
  post,
  randomSubnet,
  send,
  type RawResponse,
} from "../support/mutate";

const api = inject("apiUrl");
const down = inject("apiDownUrl");
const labels = { [LABEL_KEY]: RUN_ID };

interface Fixture {
  /** A user bridge 10.a.b.0/24, gateway .1, aux address .200. */
  net: string;
  netName: string;
  a: number;
  b: number;
  /** Running on `net` at .10. */
  cA: string;
  cAName: string;
  /** Running on the default bridge only. */
  cB: string;
  /** A network whose only user is a stopped container. */
  netStopped: string;
  netStoppedName: string;
  cStopped: string;
  cStoppedName: string;
  cHost: string;
  cNone: string;
  cOwner: string;
  cJoiner: string;
}
let fx: Fixture;
/** Every container of the fixture, whose attachments must not change on a refusal. */
let watched: string[] = [];

beforeAll(() => {
  const netName = uniqueName("e-net");
  let a = 0;
  let b = 0;
  const net = cliOnFreeSubnet((x, y) => {
    [a, b] = [x, y];
    return createNetwork(netName, "--subnet", `10.${x}.${y}.0/24`, "--gateway", `10.${x}.${y}.1`, "--aux-address", `printer=10.${x}.${y}.200`);
  });
  const cAName = uniqueName("e-a");
  const cA = runContainer(cAName, ["--network", net, "--ip", `10.${a}.${b}.10`]);
  const cB = runContainer(uniqueName("e-b"));
  const netStoppedName = uniqueName("e-netstopped");
  const netStopped = createNetwork(netStoppedName);
  const cStoppedName = uniqueName("e-stopped");
  const cStopped = runContainer(cStoppedName, ["--network", netStopped]);
  docker("stop", "-t", "0", cStopped);
  const cHost = runContainer(uniqueName("e-host"), ["--network", "host"]);
  const cNone = runContainer(uniqueName("e-none"), ["--network", "none"]);
  const ownerName = uniqueName("e-owner");
  const cOwner = runContainer(ownerName);
  const cJoiner = runContainer(uniqueName("e-joiner"), ["--network", `container:${ownerName}`]);
  fx = { net, netName, a, b, cA, cAName, cB, netStopped, netStoppedName, cStopped, cStoppedName, cHost, cNone, cOwner, cJoiner };
  watched = [cA, cB, cStopped, cHost, cNone, cOwner, cJoiner];
}, 120_000);

afterAll(() => cleanupLabelled());

/** Sends a request that must be refused, checks the answer and that the engine did not change. */
async function refused(
  request: () => Promise<RawResponse>,
  status: number,
  code: Parameters<typeof expectError>[2],
  message?: RegExp,
): Promise<string> {
  return expectUnchanged(watched, async () => expectError(await request(), status, code, message));
}

const connect = (net: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse> =>
  post(api, `/api/networks/${net}/connect`, body, headers);
const disconnect = (net: string, body: unknown): Promise<RawResponse> => post(api, `/api/networks/${net}/disconnect`, body);
const countNamed = (name: string): number => networkLs().filter((line) => line.endsWith(` ${name}`)).length;

// ------------------------------------------------------------------ create

describe("POST /api/networks refusals", () => {
  it("409 for a name already taken, and still only one network with it", async () => {
    await refused(() => post(api, "/api/networks", { name: fx.netName, labels }), 409, "conflict", new RegExp(`"${fx.netName}" already exists`));
    expect(countNamed(fx.netName)).toBe(1);
  });

  it("two concurrent creates with one new name: one 201, one 409, one network", async () => {
    const name = uniqueName("e-race");
    const results = await Promise.all([0, 1, 2].map(() => post(api, "/api/networks", { name, labels })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, results.map((r) => r.text).join("\n")).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, "conflict", /already exists/);
    expect(countNamed(name)).toBe(1);
  });

  it("409 for a subnet overlapping an existing network's", async () => {
    const msg = await refused(
      () => post(api, "/api/networks", { name: uniqueName("e-overlap"), ipam: [{ subnet: `10.${fx.a}.${fx.b}.128/25` }], labels }),
      409,
      "conflict",
      /overlaps/,
    );
    expect(msg).toContain(`10.${fx.a}.${fx.b}.0/24`);
    expect(msg).toContain(fx.netName);
  });

  it("400 for a bad name, a bad CIDR, a gateway, IP range or aux address outside the subnet", async () => {
    const [a, b] = randomSubnet();
    const subnet = `10.${a}.${b}.0/24`;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: "a b" }, /name/],
      [{ name: "-lead" }, /name/],
      [{ name: "../etc" }, /name/],
      [{ name: "" }, /name/],
      [{ name: "x".repeat(200) }, /128/],
      [{ name: uniqueName("e-cidr"), ipam: [{ subnet: "10.1.2.0/33" }] }, /CIDR/],
      [{ name: uniqueName("e-cidr"), ipam: [{ subnet: "not-a-subnet" }] }, /CIDR/],
      [{ name: uniqueName("e-gw"), ipam: [{ subnet, gateway: `10.${a}.${(b + 1) % 256}.1` }] }, /gateway .* is outside/],
      [{ name: uniqueName("e-gw"), ipam: [{ subnet, gateway: "nope" }] }, /not an IP/],
      [{ name: uniqueName("e-range"), ipam: [{ subnet, ipRange: `10.${a}.${(b + 1) % 256}.0/25` }] }, /IP range .* not inside/],
      [{ name: uniqueName("e-aux"), ipam: [{ subnet, auxAddresses: { x: `10.${(a + 1) % 256}.${b}.3` } }] }, /auxiliary address .* outside/],
      [{ name: uniqueName("e-v6"), ipam: [{ subnet: "fd00:1::/64" }] }, /IPv6 enabled/],
      [{ name: uniqueName("e-drv"), driver: `nosuchdriver${RUN_ID.slice(-4)}` }, /Unknown network driver/],
      [{ name: uniqueName("e-scope"), scope: "galaxy" }, /scope/],
      [{ name: uniqueName("e-type"), internal: "yes" }, /internal/],
    ];
    for (const [body, message] of cases) {
      await refused(() => post(api, "/api/networks", { labels, ...body }), 400, "invalid_input", message);
    }
  });

  it("400 for an unknown field, naming it", async () => {
    await refused(() => post(api, "/api/networks", { name: uniqueName("e-unk"), labels, colour: "blue" }), 400, "invalid_input", /colour/);
  });

  it("400 for a body that is not JSON, or not an object", async () => {
    await refused(() => post(api, "/api/networks", "{\"name\": "), 400, "invalid_input", /not valid JSON/);
    await refused(() => post(api, "/api/networks", ""), 400, "invalid_input", /JSON/);
    for (const body of ["null", "[]", "42", "\"net\"", "{}"]) {
      await refused(() => post(api, "/api/networks", body), 400, "invalid_input", /Invalid input/);
    }
  });

  it("413 for a body over 64 KiB, with or without Content-Length", async () => {
    const big = { name: uniqueName("e-big"), labels: { ...labels, filler: "x".repeat(70 * 1024) } };
    await refused(() => post(api, "/api/networks", big), 413, "payload_too_large", /larger than 65536 bytes/);
    await refused(() => send(api, "POST", "/api/networks", { body: big, chunked: true }), 413, "payload_too_large", /larger than/);
  });

  it("415 for text/plain, and for no Content-Type", async () => {
    const body = JSON.stringify({ name: uniqueName("e-text"), labels });
    await refused(() => post(api, "/api/networks", body, { "content-type": "text/plain" }), 415, "unsupported_media_type", /application\/json/);
    await refused(() => post(api, "/api/networks", body, { "content-type": "application/jsonx" }), 415, "unsupported_media_type", /JSON/);
    await refused(() => send(api, "POST", "/api/networks"), 415, "unsupported_media_type", /JSON/);
  });
});

// ------------------------------------------------------------------ remove

describe("DELETE /api/networks/{idOrName} refusals", () => {
  it("409 for a network a running container uses, naming it", async () => {
    await refused(() => del(api, `/api/networks/${fx.netName}`), 409, "conflict", new RegExp(`in use by .*${fx.cAName}`));
  });

  it("409 for a network only a stopped container uses (the engine would remove it)", async () => {
    await refused(
      () => del(api, `/api/networks/${fx.netStopped}`),
      409,
      "conflict",
      new RegExp(`in use by ${fx.cStoppedName} \\(exited\\)`),
    );
    expect(networkLs().some((l) => l.startsWith(fx.netStopped))).toBe(true);
  });

  it("403 for the predefined bridge, host and none", async () => {
    for (const name of ["bridge", "host", "none"]) {
      await refused(() => del(api, `/api/networks/${name}`), 403, "forbidden", new RegExp(`${name} is one of Docker's predefined networks`));
      const id = networkInspect<{ Id: string }>(name)[0]?.Id ?? "";
      await refused(() => del(api, `/api/networks/${id}`), 403, "forbidden", /predefined/);
    }
  });

  it("404 for an unknown network", async () => {
    const ghost = uniqueName("e-ghost");
    await refused(() => del(api, `/api/networks/${ghost}`), 404, "not_found", new RegExp(`No such network: ${ghost}`));
  });

  it("400 for a bad name in the path", async () => {
    for (const path of ["a%20b", "..%2f..%2fx", "x%00y", "-x", "%3Bls", "%2e%2e%2fbridge", `${"a".repeat(129)}`]) {
      await refused(() => del(api, `/api/networks/${path}`), 400, "invalid_input", /is not a network name or ID/);
    }
    await refused(() => del(api, "/api/networks/a%20b"), 400, "invalid_input", /"a b" is not a network name or ID/);
    await refused(() => connect("a%20b", { container: fx.cB }), 400, "invalid_input", /not a network name or ID/);
    await refused(() => disconnect("%24%28id%29", { container: fx.cB }), 400, "invalid_input", /not a network name or ID/);
  });

  it("a `%2e%2e` segment never reaches a network route", async () => {
    // For a URL parser "%2e%2e" is "..": DELETE /api/networks/%2e%2e is DELETE /api/, which Next.js
    // redirects to /api (no such route). A browser's fetch would resolve it the same way before sending.
    for (const path of ["/api/networks/%2e%2e", "/api/networks/%2E%2E/connect", "/api/networks/%2e%2e/%2e%2e/topology"]) {
      const res = await expectUnchanged(watched, () => del(api, path));
      expect([308, 400, 404, 405], `${path}: ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      if (res.status === 308) expect(String(res.headers.location)).not.toMatch(/networks/);
    }
  });
});

// --------------------------------------------------------------- connect

describe("POST /api/networks/{idOrName}/connect refusals", () => {
  it("400 for an IP outside the network's subnet", async () => {
    const ip = `10.${fx.a}.${(fx.b + 1) % 256}.5`;
    await refused(() => connect(fx.netName, { container: fx.cB, ipv4: ip }), 400, "invalid_input", new RegExp(`${ip} is outside ${fx.netName}'s subnets`));
  });

  it("409 for an IP another container holds, naming it", async () => {
    const ip = `10.${fx.a}.${fx.b}.10`;
    await refused(() => connect(fx.netName, { container: fx.cB, ipv4: ip }), 409, "conflict", new RegExp(`${ip} is already in use on ${fx.netName} by ${fx.cAName}`));
  });

  it("409 for the gateway's IP and for an auxiliary address", async () => {
    await refused(() => connect(fx.netName, { container: fx.cB, ipv4: `10.${fx.a}.${fx.b}.1` }), 409, "conflict", /gateway/);
    await refused(() => connect(fx.netName, { container: fx.cB, ipv4: `10.${fx.a}.${fx.b}.200` }), 409, "conflict", /auxiliary address \(printer\)/);
  });

  it("409 for a fixed IP or an alias on the default bridge", async () => {
    const bridge = networkInspect<{ IPAM: { Config: { Subnet: string }[] } }>("bridge")[0];
    const base = (bridge?.IPAM.Config[0]?.Subnet ?? "172.17.0.0/16").split("/")[0]?.replace(/\.0$/, ".250") ?? "172.17.0.250";
    await refused(() => connect("bridge", { container: fx.cA, ipv4: base }), 409, "conflict", /only on user-defined networks/);
    await refused(() => connect("bridge", { container: fx.cA, aliases: ["nick"] }), 409, "conflict", /not on the default bridge/);
  });

  it("400 for an IPv6 address given as ipv4, and a bad alias", async () => {
    await refused(() => connect(fx.netName, { container: fx.cB, ipv4: "fd00::5" }), 400, "invalid_input", /IPv4/);
    await refused(() => connect(fx.netName, { container: fx.cB, aliases: ["no spaces"] }), 400, "invalid_input", /aliases/);
  });

  it("two concurrent connects with one fixed IP: one 204, one 409, and the loser is left clean (it still restarts)", async () => {
    const ip = `10.${fx.a}.${fx.b}.99`;
    const c1 = runContainer(uniqueName("e-race1"));
    const c2 = runContainer(uniqueName("e-race2"));
    const results = await Promise.all([c1, c2].map((c) => connect(fx.netName, { container: c, ipv4: ip })));
    expect(results.map((r) => r.status).sort(), results.map((r) => r.text).join("\n")).toEqual([204, 409]);
    const loserIndex = results.findIndex((r) => r.status === 409);
    const loser = loserIndex === 0 ? c1 : c2;
    const winner = loserIndex === 0 ? c2 : c1;
    expectError(results[loserIndex] as RawResponse, 409, "conflict", /already in use/);
    const nets = (id: string): Record<string, { IPAddress: string }> =>
      inspect<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>(id)[0]?.NetworkSettings.Networks ?? {};
    expect(nets(winner)[fx.netName]?.IPAddress).toBe(ip);
    expect(Object.keys(nets(loser))).toEqual(["bridge"]);
    docker("restart", "-t", "0", loser);
    expect(docker("inspect", "--format", "{{.State.Status}}", loser)).toBe("running");
  });

  it("409 for a container already connected", async () => {
    await refused(() => connect(fx.netName, { container: fx.cA }), 409, "conflict", new RegExp(`${fx.cAName} is already connected to ${fx.netName}`));
  });

  it("409 for connecting to host and to none", async () => {
    await refused(() => connect("host", { container: fx.cB }), 409, "conflict", /--network host\).*cannot be joined later/);
    await refused(() => connect("none", { container: fx.cB }), 409, "conflict", /--network none\).*cannot be joined later/);
  });

  it("409 for a container that shares another's namespace (--network container:X)", async () => {
    await refused(() => connect(fx.netName, { container: fx.cJoiner }), 409, "conflict", /network namespace .*--network container:/);
  });

  it("409 for a host-mode and a none-mode container", async () => {
    await refused(() => connect(fx.netName, { container: fx.cHost }), 409, "conflict", /--network host/);
    await refused(() => connect(fx.netName, { container: fx.cNone }), 409, "conflict", /--network none/);
  });

  it("404 for an unknown network or container", async () => {
    const ghost = uniqueName("e-ghost");
    await refused(() => connect(ghost, { container: fx.cB }), 404, "not_found", new RegExp(`No such network: ${ghost}`));
    await refused(() => connect(fx.netName, { container: ghost }), 404, "not_found", new RegExp(`No such container: ${ghost}`));
  });

  it("400 for bad JSON, an unknown field, a missing container", async () => {
    await refused(() => connect(fx.netName, "{container"), 400, "invalid_input", /not valid JSON/);
    await refused(() => connect(fx.netName, { container: fx.cB, priority: 1 }), 400, "invalid_input", /priority/);
    await refused(() => connect(fx.netName, {}), 400, "invalid_input", /container/);
  });
});

// ------------------------------------------------------------ disconnect

describe("POST /api/networks/{idOrName}/disconnect refusals", () => {
  it("409 for a container that is not connected", async () => {
    await refused(() => disconnect(fx.netName, { container: fx.cB }), 409, "conflict", /is not connected to/);
    await refused(() => disconnect(fx.netName, { container: fx.cStopped }), 409, "conflict", /is not connected to/);
  });

  it("409 for the joiner of a shared namespace, and for leaving host or none", async () => {
    await refused(() => disconnect("bridge", { container: fx.cJoiner }), 409, "conflict", /shares .*network namespace/);
    await refused(() => disconnect("host", { container: fx.cHost }), 409, "conflict", /--network host; that cannot be undone/);
    await refused(() => disconnect("none", { container: fx.cNone }), 409, "conflict", /--network none; that cannot be undone/);
  });

  it("404 for an unknown network or container; 400 for an unknown field", async () => {
    const ghost = uniqueName("e-ghost");
    await refused(() => disconnect(ghost, { container: fx.cA }), 404, "not_found", /No such network/);
    await refused(() => disconnect(fx.netName, { container: ghost }), 404, "not_found", /No such container/);
    await refused(() => disconnect(fx.netName, { container: fx.cA, now: true }), 400, "invalid_input", /now/);
  });
});

// ----------------------------------------------------------------- prune

describe("POST /api/networks/prune refusals", () => {
  it("400 for a bad label filter, a bad until, an unknown field", async () => {
    await refused(() => post(api, "/api/networks/prune", { labels: ["a b"], dryRun: true }), 400, "invalid_input", /label filter/);
    await refused(() => post(api, "/api/networks/prune", { labels: [LABEL], until: "yesterday" }), 400, "invalid_input", /until/);
    await refused(() => post(api, "/api/networks/prune", { labels: [LABEL], force: true }), 400, "invalid_input", /force/);
    await refused(() => post(api, "/api/networks/prune", { labels: LABEL }), 400, "invalid_input", /labels/);
  });
});

// ---------------------------------------------------------------- guards

describe("request guards", () => {
  const createBody = (): Record<string, unknown> => ({ name: uniqueName("e-guard"), labels });

  it("403 for another Origin, Origin: null, and Sec-Fetch-Site: cross-site", async () => {
    await refused(() => post(api, "/api/networks", createBody(), { origin: "http://evil.example" }), 403, "forbidden", /another origin .*evil\.example/);
    await refused(() => post(api, "/api/networks", createBody(), { origin: "null" }), 403, "forbidden", /Origin: null/);
    await refused(() => post(api, "/api/networks", createBody(), { "sec-fetch-site": "cross-site" }), 403, "forbidden", /Cross-site .*cross-site/);
    await refused(() => post(api, "/api/networks", createBody(), { "sec-fetch-site": "same-site" }), 403, "forbidden", /same-site/);
    // The server's host on another port is another origin.
    const other = new URL(api);
    other.port = String(Number(other.port) + 1);
    await refused(() => post(api, "/api/networks", createBody(), { origin: other.origin }), 403, "forbidden", /another origin/);
    await refused(() => del(api, `/api/networks/${fx.netStopped}`, { origin: "http://evil.example" }), 403, "forbidden", /another origin/);
    await refused(() => connect(fx.netName, { container: fx.cB }, { origin: "null" }), 403, "forbidden", /another origin/);
    await refused(
      () => post(api, "/api/networks/prune", { labels: [LABEL] }, { "sec-fetch-site": "cross-site" }),
      403,
      "forbidden",
      /Cross-site/,
    );
  });

  it("403 for a Host that is not this machine's, on GET /api/topology and on a mutation", async () => {
    const host = { host: "evil.example" };
    expectError(await send(api, "GET", "/api/topology", { headers: host }), 403, "forbidden", /Host is not allowed .*DNS rebinding/);
    expectError(await send(api, "GET", "/api/health", { headers: host }), 403, "forbidden", /Host/);
    const port = new URL(api).port;
    expectError(await send(api, "GET", "/api/topology", { headers: { host: `evil.example:${port}` } }), 403, "forbidden", /Host/);
    await refused(() => post(api, "/api/networks", createBody(), host), 403, "forbidden", /Host is not allowed/);
    await refused(() => del(api, `/api/networks/${fx.netStopped}`, host), 403, "forbidden", /Host is not allowed/);
    // Loopback names are allowed.
    expect((await send(api, "GET", "/api/topology", { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });
});

// ------------------------------------------------------ engine unreachable

describe("with no engine at DOCKER_HOST", () => {
  it("every mutation answers 503 engine_unreachable", async () => {
    const requests: [string, () => Promise<RawResponse>][] = [
      ["create", () => post(down, "/api/networks", { name: uniqueName("e-down"), labels })],
      ["remove", () => del(down, `/api/networks/${fx.netStoppedName}`)],
      ["connect", () => post(down, `/api/networks/${fx.netName}/connect`, { container: fx.cB })],
      ["disconnect", () => post(down, `/api/networks/${fx.netName}/disconnect`, { container: fx.cA })],
      ["prune", () => post(down, "/api/networks/prune", { labels: [LABEL] })],
    ];
    for (const [what, request] of requests) {
      const res = await expectUnchanged(watched, request);
      expect(res.status, what).toBe(503);
      const msg = expectError(res, 503, "engine_unreachable", /Cannot reach the Docker engine/);
      expect(msg).toContain(inject("missingSocket"));
    }
  });
});

// -------------------------------------------------------------- read-only

describe("read-only mode (CNMAP_READ_ONLY=1)", () => {
  let ro: RunningServer | null = null;
  beforeAll(async () => {
    ro = await startServer(await freePort(), { CNMAP_READ_ONLY: "1" });
  }, 60_000);
  afterAll(async () => {
    await ro?.stop();
  });

  it("/api/health says readOnly: true (and the main server says false)", async () => {
    const res = await send(ro?.url ?? "", "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(json<HealthBody>(res).readOnly).toBe(true);
    expect(json<HealthBody>(await send(api, "GET", "/api/health")).readOnly).toBe(false);
  });

  it("refuses every mutation with 403 and changes nothing; reads still work", async () => {
    const url = ro?.url ?? "";
    const spare = createNetwork(uniqueName("e-ro"));
    const name = uniqueName("e-ro-create");
    const requests: [string, () => Promise<RawResponse>][] = [
      ["create", () => post(url, "/api/networks", { name, labels })],
      ["remove", () => del(url, `/api/networks/${spare}`)],
      ["connect", () => post(url, `/api/networks/${fx.netName}/connect`, { container: fx.cB })],
      ["disconnect", () => post(url, `/api/networks/${fx.netName}/disconnect`, { container: fx.cA })],
      ["prune", () => post(url, "/api/networks/prune", { labels: [LABEL] })],
      ["prune dry run", () => post(url, "/api/networks/prune", { labels: [LABEL], dryRun: true })],
      // A probe changes nothing, but runs a program in a user's container.
      ["probe", () => post(url, "/api/probe", { from: fx.cA, kind: "ping", target: fx.cB })],
    ];
    for (const [what, request] of requests) {
      const res = await expectUnchanged(watched, request);
      expect(res.status, what).toBe(403);
      expectError(res, 403, "forbidden", /read-only/);
    }
    expect(countNamed(name)).toBe(0);
    expect(networkLs().some((l) => l.startsWith(`${spare} `))).toBe(true);
    expect(engineState().networks.some((l) => l.startsWith(`${spare} `))).toBe(true);
    expect((await send(url, "GET", "/api/topology")).status).toBe(200);
  });
});

// ------------------------------------------------------------ never a 500

describe("never a 500", () => {
  it("odd inputs on every route answer 4xx", async () => {
    const paths = ["/api/networks", `/api/networks/${fx.netName}/connect`, `/api/networks/${fx.netName}/disconnect`, "/api/networks/prune"];
    // None of these may be a valid body for any route: a valid prune body removes every unused network on the engine.
    const bodies = ["null", "[]", "true", "\"x\"", "{\"__proto__\": {\"a\": 1}}", "{\"container\": null}", "{\"name\": {}}", "\uFEFF{\"labels\": 5}", "{\"dryRun\": \"no\"}"];
    for (const path of paths) {
      for (const body of bodies) {
        const res = await expectUnchanged(watched, () => post(api, path, body));
        expect(res.status, `${path} ${body}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${body}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });
});

// A never-started container counts as a user too.
describe("a created (never started) container", () => {
  it("blocks removing its network (409)", async () => {
    const netName = uniqueName("e-netcreated");
    const net = createNetwork(netName);
    const c = createContainer(uniqueName("e-created"), ["--network", net]);
    await expectUnchanged([...watched, c], async () =>
      expectError(await del(api, `/api/networks/${netName}`), 409, "conflict", /in use by .*\(created\)/),
    );
  });
});
