/**
 * POST /api/probe against the real engine: probes run inside labelled test
 * containers, and what they find is set beside what the configuration says.
 * Timeouts are kept at 1-2 s so the file stays fast. Everything made here
 * carries this run's label and is removed in afterAll.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ProbeResult } from "@/lib/probe/types";
import { cleanupLabelled, createContainer, createNetwork, docker, dockerTry, inspect, runContainer, uniqueName, LABEL } from "../support/docker-cli";
import { cliOnFreeSubnet, expectError, json, post, type RawResponse } from "../support/mutate";

const api = inject("apiUrl");
const down = inject("apiDownUrl");
const NOTOOLS_IMAGE = process.env.CNMAP_TEST_NOTOOLS_IMAGE ?? "cnmap-test-notools:latest";

const net = uniqueName("p-net");
const other = uniqueName("p-other");
const a = uniqueName("p-a");
const b = uniqueName("p-b");
const web = uniqueName("p-web");
const silent = uniqueName("p-silent");
const apart = uniqueName("p-apart");
const onDefault = uniqueName("p-default");
const bare = uniqueName("p-bare");
const joiner = uniqueName("p-joiner");
const created = uniqueName("p-created");
const exited = uniqueName("p-exited");
const deaf = uniqueName("p-deaf");
const noTimeout = uniqueName("p-notimeout");
/** The first three numbers of deaf's network; its DNS server, .250, is an address nobody holds. */
let deafPrefix = "";

interface Inspect {
  Id: string;
  NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
}
const ipOf = (container: string, network: string): string => {
  const ip = inspect<Inspect>(container)[0]?.NetworkSettings.Networks[network]?.IPAddress;
  if (!ip) throw new Error(`${container} has no address on ${network}`);
  return ip;
};
const idOf = (container: string): string => inspect<Inspect>(container)[0]?.Id ?? "";

/** The same IPv4 address as inet_aton also reads it: hex parts, octal parts, a short form, one number. */
function numericForms(ip: string): string[] {
  const [p = 0, q = 0, r = 0, s = 0] = ip.split(".").map(Number);
  return [
    [p, q, r, s].map((x) => `0x${x.toString(16)}`).join("."),
    [p, q, r, s].map((x) => `0${x.toString(8)}`).join("."),
    `${p}.${q * 65536 + r * 256 + s}`,
    String(p * 16777216 + q * 65536 + r * 256 + s),
  ];
}

function probe(body: Record<string, unknown>, headers?: Record<string, string>, base = api): Promise<RawResponse> {
  return post(base, "/api/probe", body, headers);
}

async function ran(body: Record<string, unknown>): Promise<ProbeResult> {
  const res = await probe(body);
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  expect(res.headers["cache-control"]).toBe("no-store");
  return json<ProbeResult>(res);
}

/** exec_create events on a container since `since` (whole Unix seconds) until now: what the engine was asked to run, as "exec_create: argv...". */
function execActionsSince(container: string, since: number): string[] {
  const out = docker(
    "events",
    "--since", String(since),
    "--until", String(Math.ceil(Date.now() / 1000)),
    "--filter", `container=${container}`,
    "--filter", "event=exec_create",
    "--format", "{{.Action}}",
  );
  return out.split("\n").filter(Boolean);
}

/** An exec of nslookup or getent, bare or under `timeout`. */
const isLookup = (action: string): boolean => /^exec_create: (timeout -s KILL \d+ )?(nslookup|getent) /.test(action);

function execsSince(container: string, since: number): number {
  return execActionsSince(container, since).length;
}

beforeAll(() => {
  if (!dockerTry("image", "inspect", NOTOOLS_IMAGE).ok) {
    throw new Error(`the test image ${NOTOOLS_IMAGE} is missing: run bash scripts/engine-up.sh`);
  }
  createNetwork(net);
  createNetwork(other);
  runContainer(a, ["--network", net], ["sleep", "3600"]);
  runContainer(b, ["--network", net, "--network-alias", "bee"], ["sleep", "3600"]);
  runContainer(web, ["--network", net], ["httpd", "-f", "-p", "8080", "-h", "/www"]);
  // Accepts a connection and never answers.
  runContainer(silent, ["--network", net], ["nc", "-l", "-p", "81", "-e", "sleep", "3600"]);
  runContainer(apart, ["--network", other], ["sleep", "3600"]);
  runContainer(onDefault, [], ["sleep", "3600"]);
  // Made to lack `timeout` (busybox rm, in the test) in its own writable layer.
  runContainer(noTimeout, ["--network", net], ["sleep", "3600"]);
  runContainer(joiner, ["--network", `container:${a}`], ["sleep", "3600"]);
  docker("run", "-d", "--label", LABEL, "--name", bare, "--network", net, NOTOOLS_IMAGE, "sleep", "3600");
  createContainer(created, ["--network", net]);
  runContainer(exited, ["--network", net], ["true"]);
  docker("wait", exited);
  // Its DNS server is an address nobody holds: the embedded DNS forwards outside names there and waits.
  const deafNet = uniqueName("p-deafnet");
  const prefix = cliOnFreeSubnet((x, y) => {
    createNetwork(deafNet, "--subnet", `10.${x}.${y}.0/24`);
    return `10.${x}.${y}`;
  });
  deafPrefix = prefix;
  runContainer(deaf, ["--network", deafNet, "--dns", `${prefix}.250`], ["sleep", "3600"]);
});
afterAll(() => cleanupLabelled());

describe("ping", () => {
  it("on a shared network, by name: success, as the configuration says", async () => {
    const r = await ran({ from: a, kind: "ping", target: b, count: 2, timeoutSeconds: 1 });
    expect(r).toMatchObject({
      kind: "ping",
      from: { sandboxId: idOf(a), container: a },
      target: b,
      argv: ["ping", "-c", "2", "-W", "1", "-w", "2", b],
      command: `docker exec ${a} ping -c 2 -W 1 -w 2 ${b}`,
      outcome: "success",
      exitCode: 0,
      resolvedTarget: { sandboxId: idOf(b), container: b },
      expected: { works: true },
      agrees: true,
    });
    expect(r.output).toMatch(/2 packets transmitted, 2 packets received/);
    expect(r.summary).toBe(`${a} reached ${b} (2/2 replies)`);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it("across separate networks, by address: no reply, as the configuration says", async () => {
    const target = ipOf(apart, other);
    const r = await ran({ from: a, kind: "ping", target, count: 1, timeoutSeconds: 1 });
    expect(["failure", "timeout"]).toContain(r.outcome);
    expect(r.resolvedTarget).toEqual({ sandboxId: idOf(apart), container: apart });
    expect(r.expected.works).toBe(false);
    expect(r.expected.reason).toMatch(/no shared network/);
    expect(r.agrees).toBe(true);
  });

  it("from a container sharing another's namespace: runs in it, judged as the namespace", async () => {
    const r = await ran({ from: joiner, kind: "ping", target: "bee", count: 1, timeoutSeconds: 1 });
    expect(r.from).toEqual({ sandboxId: idOf(a), container: joiner });
    expect(r.command).toBe(`docker exec ${joiner} ping -c 1 -W 1 -w 1 bee`);
    expect(r).toMatchObject({ outcome: "success", expected: { works: true }, agrees: true, resolvedTarget: { container: b } });
  });
});

describe("dns", () => {
  it("a container name on the user network resolves", async () => {
    const r = await ran({ from: a, kind: "dns", target: b.toUpperCase(), timeoutSeconds: 2 });
    expect(r.outcome).toBe("success");
    expect(r.argv).toEqual(["timeout", "-s", "KILL", "2", "nslookup", b.toUpperCase()]);
    expect(r.command).toBe(`docker exec ${a} timeout -s KILL 2 nslookup ${b.toUpperCase()}`);
    expect(r.output).toContain(ipOf(b, net));
    expect(r.expected.works).toBe(true);
    expect(r.agrees).toBe(true);
  });

  it("an alias, bare and qualified by its network, resolves", async () => {
    for (const target of ["bee", `BEE.${net}`]) {
      const r = await ran({ from: a, kind: "dns", target, timeoutSeconds: 2 });
      expect(r.outcome, r.summary).toBe("success");
      expect(r.output).toContain(ipOf(b, net));
      expect(r.resolvedTarget?.container).toBe(b);
      expect(r.agrees).toBe(true);
    }
    const p = await ran({ from: a, kind: "ping", target: `bee.${net}`, count: 1, timeoutSeconds: 1 });
    expect(p).toMatchObject({ outcome: "success", resolvedTarget: { container: b }, agrees: true });
  });
});

describe("names the container does not resolve", () => {
  it("from the default bridge, a container name: 400, saying there is no name resolution there", async () => {
    const m = expectError(await probe({ from: onDefault, kind: "dns", target: b, timeoutSeconds: 2 }), 400, "invalid_input");
    expect(m).toContain(`${b} is not a name ${onDefault} resolves on its networks`);
    expect(m).toMatch(/default bridge/);
    // Not localhost either, for a dns probe: nslookup would ask the DNS servers about it.
    expect(m).toMatch(/resolves no container names; probe an IPv4 or IPv6 address \(such as /);
  });

  it("a name on another network, or one only outside resolvers could know: 400 listing names it does resolve", async () => {
    const m = expectError(await probe({ from: a, kind: "ping", target: apart }), 400, "invalid_input");
    expect(m).toContain(`${apart} is not a name ${a} resolves on its networks (${apart} is not on a network where ${a} can resolve it`);
    expect(m).toMatch(/A probe's target is a name Docker's DNS answers for .* \(such as [^)]*\bbee\b/);
    for (const kind of ["ping", "dns", "tcp", "http"]) {
      const body = { from: a, kind, target: "cnmap-probe.example", ...(kind === "tcp" ? { port: 80 } : {}) };
      expectError(await probe(body), 400, "invalid_input", /^cnmap-probe\.example is not a name .* resolves on its networks\. /);
    }
    expectError(await probe({ from: a, kind: "dns", target: `${b}.${other}` }), 400, "invalid_input", /is not a name/);
  });

  it("localhost is the container itself for ping, not a name for dns", async () => {
    expect((await ran({ from: a, kind: "ping", target: "localhost", count: 1, timeoutSeconds: 1 })).outcome).toBe("success");
    expectError(await probe({ from: a, kind: "dns", target: "localhost" }), 400, "invalid_input", /localhost is .* itself, in its \/etc\/hosts/);
  });
});

describe("a tool that outlives the timeout", () => {
  it("dns to a DNS server that never answers: timeout, and the wait stops on time", async () => {
    const started = Date.now();
    // A reverse lookup of an address no container holds: the embedded DNS passes it on to the deaf server.
    const r = await ran({ from: deaf, kind: "dns", target: `${deafPrefix}.251`, timeoutSeconds: 1 });
    // `timeout` killed nslookup at its deadline (exit 137), before cnmap would have stopped waiting (1 s later).
    expect(r).toMatchObject({ outcome: "timeout", exitCode: 137, expected: { works: null }, agrees: null });
    expect(r.argv).toEqual(["timeout", "-s", "KILL", "1", "nslookup", `${deafPrefix}.251`]);
    expect(r.summary).toMatch(/nslookup got no answer for .* before the timeout/);
    expect(r.durationMs).toBeGreaterThanOrEqual(1000);
    expect(r.durationMs).toBeLessThan(1900);
    expect(Date.now() - started).toBeLessThan(3500);
    // Nothing is left asking the deaf server (a bare nslookup would retry for several seconds more).
    expect(docker("top", deaf)).not.toMatch(/nslookup/);
    expect(docker("exec", deaf, "busybox", "ps")).not.toMatch(/nslookup/);
  });
});

describe("dns without the `timeout` wrapper", () => {
  it("nslookup is there, timeout is not: tool-missing naming timeout, and nslookup never runs bare", async () => {
    docker("exec", noTimeout, "busybox", "rm", "/bin/timeout");
    expect(dockerTry("exec", noTimeout, "timeout", "-s", "KILL", "1", "true").ok).toBe(false);
    expect(docker("exec", noTimeout, "busybox", "ls", "/bin/nslookup")).toBe("/bin/nslookup");
    const since = Math.floor(Date.now() / 1000);
    const r = await ran({ from: noTimeout, kind: "dns", target: "bee", timeoutSeconds: 1 });
    expect(r).toMatchObject({ outcome: "tool-missing", exitCode: null, agrees: null });
    expect(r.summary).toMatch(/no tool for a dns probe \(tried nslookup, getent: timeout not found \(nslookup runs only under it, so that it cannot outlive the probe\)\)/);
    // (The rm and the check above may fall in the same second: only lookups are counted.)
    const lookups = execActionsSince(noTimeout, since).filter(isLookup);
    expect(lookups).toEqual(["exec_create: timeout -s KILL 1 nslookup bee"]);
  });
});

describe("tcp and http", () => {
  it("tcp to a listening port: success (busybox nc has no -z: the -e true form ran)", async () => {
    const r = await ran({ from: a, kind: "tcp", target: web, port: 8080, timeoutSeconds: 1 });
    expect(r.outcome).toBe("success");
    expect(r.port).toBe(8080);
    expect(r.argv).toEqual(["nc", "-w", "1", web, "8080", "-e", "true"]);
    expect(r.agrees).toBe(true);
  });

  it("tcp to a closed port: failure, and the refusal confirms the open path", async () => {
    const r = await ran({ from: a, kind: "tcp", target: web, port: 8081, timeoutSeconds: 1 });
    expect(r.outcome).toBe("failure");
    expect(r.summary).toMatch(/connection refused/);
    expect(r.expected.works).toBe(true);
    expect(r.expected.reason).toMatch(/whether anything listens on the port is not in the configuration/);
    expect(r.summary).toMatch(/the path works, nothing listens on the port/);
    expect(r.agrees).toBe(true);
  });

  it("http GET: success with the page", async () => {
    const r = await ran({ from: a, kind: "http", target: web, port: 8080, path: "/index.html", timeoutSeconds: 2 });
    expect(r.outcome).toBe("success");
    expect(r.output).toContain("cnmap test page");
    expect(r.argv.at(-1)).toBe(`http://${web}:8080/index.html`);
    expect(r.agrees).toBe(true);
  });

  it("http by address, to a missing page: the server answered", async () => {
    const r = await ran({ from: a, kind: "http", target: ipOf(web, net), port: 8080, path: "/nothing", timeoutSeconds: 2 });
    expect(r.outcome).toBe("success");
    expect(r.summary).toMatch(/404/);
    expect(r.resolvedTarget?.container).toBe(web);
  });

  it("http to a server that never answers: timeout, and no wget is left running in the container", async () => {
    const r = await ran({ from: a, kind: "http", target: silent, port: 81, timeoutSeconds: 1 });
    expect(r.outcome).toBe("timeout");
    // Debian's busybox wget has no -T: it ran under `timeout`, which ends it.
    expect(r.argv.slice(0, 5)).toEqual(["timeout", "-s", "KILL", "1", "wget"]);
    await new Promise((done) => setTimeout(done, 1500));
    expect(docker("top", a)).not.toMatch(/wget/);
  });
});

describe("a container without the tools", () => {
  it("ping: tool-missing, naming the tool", async () => {
    const r = await ran({ from: bare, kind: "ping", target: b, count: 1, timeoutSeconds: 1 });
    expect(r).toMatchObject({ outcome: "tool-missing", exitCode: null, agrees: null, expected: { works: true } });
    expect(r.summary).toMatch(/no tool for a ping probe/);
    expect(r.summary).toMatch(/ping not found/);
    expect(r.output).toMatch(/executable file not found/);
  });

  it("http: tries wget and curl", async () => {
    const r = await ran({ from: bare, kind: "http", target: web, port: 8080, timeoutSeconds: 1 });
    expect(r.outcome).toBe("tool-missing");
    expect(r.summary).toMatch(/tried wget, curl/);
  });
});

describe("refusals", () => {
  it("bad bodies: 400, and nothing runs in the container", async () => {
    // b is the source of no other probe in this file, so any exec on it would be one of these.
    const since = Math.floor(Date.now() / 1000) - 1;
    const bodies: Record<string, unknown>[] = [
      { from: b, kind: "ping", target: "a;rm -rf /" },
      { from: b, kind: "ping", target: "-c" },
      { from: b, kind: "ping", target: "$(id)" },
      { from: b, kind: "ping", target: a, port: 80 },
      { from: b, kind: "ping", target: a, count: 50 },
      { from: b, kind: "ping", target: a, extra: true },
      { from: b, kind: "tcp", target: a },
      { from: b, kind: "http", target: a, path: "/x?y" },
      { from: b, kind: "sh", target: a },
      { from: `${b};id`, kind: "ping", target: a },
      // a's address in the forms busybox's tools also read: refused, since the check would not see the address the tool reaches.
      ...numericForms(ipOf(a, net)).map((target) => ({ from: b, kind: "ping", target })),
      { from: b, kind: "tcp", target: numericForms(ipOf(a, net))[0], port: 80 },
      { from: b, kind: "ping", target: `${ipOf(a, net)}.` },
      // Names b does not resolve on its networks.
      { from: b, kind: "ping", target: apart },
      { from: b, kind: "dns", target: "cnmap-probe.example" },
      { from: b, kind: "dns", target: "localhost" },
    ];
    for (const body of bodies) expectError(await probe(body), 400, "invalid_input");
    expectError(await post(api, "/api/probe", "{not json"), 400, "invalid_input");
    expect(execsSince(b, since)).toBe(0);
    // The check does see execs: a real probe from b shows up.
    await ran({ from: b, kind: "ping", target: "localhost", count: 1, timeoutSeconds: 1 });
    expect(execsSince(b, since)).toBeGreaterThanOrEqual(1);
  });

  it("an address in hex, octal, short or one-number form: 400 naming the rule, though the tool would reach it", async () => {
    const forms = numericForms(ipOf(b, net));
    // What the rule is for: busybox's ping reads the hex form as b's address and reaches it.
    const reached = docker("exec", a, "ping", "-c", "1", "-W", "1", forms[0] ?? "");
    expect(reached).toContain(`PING ${forms[0]} (${ipOf(b, net)})`);
    expect(reached).toMatch(/1 packets received/);
    for (const target of forms) {
      expectError(
        await probe({ from: a, kind: "ping", target, count: 1, timeoutSeconds: 1 }),
        400,
        "invalid_input",
        /target: .* is not an IPv4 address written in full: four decimal numbers 0-255 without leading zeros/,
      );
    }
    const r = await ran({ from: a, kind: "ping", target: ipOf(b, net), count: 1, timeoutSeconds: 1 });
    expect(r.resolvedTarget?.container).toBe(b);
  });

  it("another origin: 403", async () => {
    expectError(await probe({ from: a, kind: "ping", target: b }, { origin: "http://evil.example" }), 403, "forbidden", /another origin/);
    expectError(await probe({ from: a, kind: "ping", target: b }, { "sec-fetch-site": "cross-site" }), 403, "forbidden");
  });

  it("a container that is not running: 409 with its state", async () => {
    expectError(await probe({ from: created, kind: "ping", target: b }), 409, "conflict", /is created.*must be running/);
    expectError(await probe({ from: exited, kind: "ping", target: b }), 409, "conflict", /is exited/);
  });

  it("an unknown container: 404", async () => {
    expectError(await probe({ from: uniqueName("nosuch"), kind: "ping", target: b }), 404, "not_found", /No such container/);
  });

  it("no engine: 503", async () => {
    expectError(await probe({ from: a, kind: "ping", target: b }, undefined, down), 503, "engine_unreachable");
  });

  it("more than 4 at once: the rest are refused with 429", async () => {
    const body = { from: a, kind: "ping", target: b, count: 2, timeoutSeconds: 1 };
    const results = await Promise.all(Array.from({ length: 7 }, () => probe(body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    const refused = results.find((r) => r.status === 429);
    if (refused) expectError(refused, 429, "busy", /probes are running/);
    expect(statuses).toContain(429);
    // Slots are given back.
    expect((await probe(body)).status).toBe(200);
  });
});

