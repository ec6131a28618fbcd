/**
 * Logs (issue 10, section 5) against the real engine: a labelled container
 * writes known lines on stdout and stderr; the tail returns them in order,
 * bounded by N, as `docker logs` shows them; a followed stream receives a
 * line written after it opened, and ends at its limits with a last message
 * saying why; bad input is 400, an unknown container 404 in Docker's words;
 * service logs on an engine that is no swarm manager are 409, saying so
 * (the second engine); a viewer's token reads logs, and the read is audited.
 * The daemon's logging facts equal `docker info`.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody } from "@/lib/auth/types";
import type { EnginesBody } from "@/lib/engines/types";
import type { FollowEnd, LogLine, LogsBody } from "@/lib/logs/types";
import { addUser, usersCli } from "../support/accounts";
import { cleanupLabelled, docker, dockerTry, runContainer, uniqueName } from "../support/docker-cli";
import { expectError, json, send } from "../support/mutate";
import { freePort, freshDataDir, startServer, type RunningServer } from "../support/server";
import { SseClient } from "../support/sse";

const api = inject("apiUrl");
const engine2 = inject("engine2Host");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";

const talker = uniqueName("lg-talk");
const quiet = uniqueName("lg-quiet");
/** Five known lines, alternating streams (a pause between them: stdout and stderr are copied apart, so only time orders them), then a wait for /tmp/go, then one line and a tick every 0.2 s. */
const SCRIPT = [
  "echo out-1; sleep 0.1; echo err-1 >&2; sleep 0.1; echo out-2; sleep 0.1; echo err-2 >&2; sleep 0.1; echo 'out-3 ünïcode'",
  "while [ ! -f /tmp/go ]; do sleep 0.1; done",
  "echo after-open",
  "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.2; done",
].join("; ");
const KNOWN: [string, string][] = [
  ["stdout", "out-1"],
  ["stderr", "err-1"],
  ["stdout", "out-2"],
  ["stderr", "err-2"],
  ["stdout", "out-3 ünïcode"],
];

async function getLogs(path: string, headers: Record<string, string> = {}, base = api): Promise<LogsBody> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return JSON.parse(text) as LogsBody;
}

const pairs = (lines: LogLine[]): [string, string][] => lines.map((l) => [l.stream, l.text]);

async function waitForKnownLines(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (docker("logs", talker).includes("out-3")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the test container did not write its lines");
}

beforeAll(async () => {
  runContainer(talker, [], ["sh", "-c", SCRIPT]);
  runContainer(quiet, [], ["sleep", "600"]);
  await waitForKnownLines();
});

afterAll(() => {
  cleanupLabelled();
});

describe("GET /api/containers/{ref}/logs", () => {
  it("returns the known lines in order, stdout and stderr apart, with the times docker logs -t shows", async () => {
    const body = await getLogs(`/api/containers/${talker}/logs`);
    expect(body).toMatchObject({ kind: "container", name: talker, tail: 200, cut: null, tty: false });
    expect(body.id).toBe(docker("inspect", "--format", "{{.Id}}", talker));
    expect(pairs(body.lines)).toEqual(KNOWN);
    expect(body.command).toBe(`docker logs --timestamps --tail 200 ${talker}`);
    // The same times, in the same order, as the CLI.
    const cli = execFileSync("sh", ["-c", 'docker logs --timestamps "$1" 2>&1', "sh", talker], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(body.lines.map((l) => `${l.time} ${l.text}`).sort()).toEqual(cli.sort());
  });

  it("is bounded by tail: the last N lines, as docker logs --tail N", async () => {
    const two = await getLogs(`/api/containers/${talker}/logs?tail=2`);
    expect(pairs(two.lines)).toEqual(KNOWN.slice(3));
    expect(two.tail).toBe(2);
    expect((await getLogs(`/api/containers/${talker}/logs?tail=0`)).lines).toEqual([]);
    expect((await getLogs(`/api/containers/${quiet}/logs`)).lines).toEqual([]);
  });

  it("answers on the engine-scoped twin, and by ID prefix", async () => {
    const id = docker("inspect", "--format", "{{.Id}}", talker);
    const body = await getLogs(`/api/engines/local/containers/${id.slice(0, 12)}/logs?tail=5`);
    expect(pairs(body.lines)).toEqual(KNOWN);
  });

  it("refuses bad input with 400 and says what is wrong; an unknown container is 404 in Docker's words", async () => {
    const cases: [string, RegExp][] = [
      ["tail=abc", /tail: a whole number/],
      ["tail=5000", /tail: at most 2000/],
      ["tail=-1", /tail: a whole number/],
      ["follow=maybe", /follow/],
      ["since=yesterday", /since: UNIX seconds/],
      ["maxLines=0", /maxLines: at least 1/],
      ["maxSeconds=100000", /maxSeconds: at most 600/],
      ["lines=5", /Unrecognized key|lines/],
    ];
    for (const [query, message] of cases) {
      expectError(await send(api, "GET", `/api/containers/${talker}/logs?${query}`), 400, "invalid_input", message);
    }
    expectError(await send(api, "GET", `/api/containers/not%20a%20name/logs`), 400, "invalid_input", /is not a container name or ID/);
    const missing = uniqueName("lg-nosuch");
    expectError(await send(api, "GET", `/api/containers/${missing}/logs`), 404, "not_found", new RegExp(`No such container: ${missing}`));
  });
});

describe("following", () => {
  it("receives a line written after the stream opened, and ends at the line limit with a message saying so", async () => {
    const client = await SseClient.open(`${api}/api/containers/${talker}/logs?follow=1&tail=0&maxLines=3`);
    try {
      expect(client.response.status).toBe(200);
      expect(client.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const open = await client.waitForMessage((m) => m.event === "open");
      expect(JSON.parse(open.data)).toMatchObject({ maxLines: 3 });
      expect(client.dataMessages()).toEqual([]);
      // The test image has no touch: the shell makes the file.
      docker("exec", talker, "sh", "-c", ": > /tmp/go");
      const end = await client.waitForMessage((m) => m.event === "end", 15_000);
      const lines = client.dataMessages<LogLine>();
      expect(lines.map((l) => l.text)).toEqual(["after-open", "tick-1", "tick-2"]);
      expect(lines.every((l) => l.stream === "stdout" && typeof l.time === "string")).toBe(true);
      expect(JSON.parse(end.data) as FollowEnd).toMatchObject({ reason: "lines", lines: 3, message: expect.stringMatching(/after 3 lines/) });
      await client.waitUntil(() => (client.ended ? true : undefined), 5000, "the end of the stream");
    } finally {
      await client.close();
    }
  });

  it("continues a tail from its last line's time without repeating older lines, and ends at the time limit", async () => {
    const tail = await getLogs(`/api/containers/${talker}/logs?tail=5`);
    const last = tail.lines.at(-1);
    expect(last?.time).toBeDefined();
    const [sec, frac = ""] = (last?.time ?? "").replace(/Z$/, "").split(".");
    const since = `${Math.floor(Date.parse(`${sec}Z`) / 1000)}.${frac.padEnd(9, "0")}`;
    const started = Date.now();
    const client = await SseClient.open(`${api}/api/containers/${talker}/logs?follow=1&since=${since}&maxSeconds=1`);
    try {
      const end = await client.waitForMessage((m) => m.event === "end", 10_000);
      expect(JSON.parse(end.data) as FollowEnd).toMatchObject({ reason: "time", message: expect.stringMatching(/after 1 s/) });
      expect(Date.now() - started).toBeLessThan(5000);
      const lines = client.dataMessages<LogLine>();
      // From the tail's last line on: it (written at that very time) and newer ticks; nothing older.
      expect(lines[0]?.text).toBe(last?.text);
      expect(lines.every((l) => (l.time ?? "") >= (last?.time ?? ""))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("ends with reason `ended` when the container stops", async () => {
    const short = uniqueName("lg-short");
    runContainer(short, [], ["sh", "-c", "sleep 1; echo bye"]);
    const client = await SseClient.open(`${api}/api/containers/${short}/logs?follow=1&tail=0`);
    try {
      const end = await client.waitForMessage((m) => m.event === "end", 15_000);
      expect(client.dataMessages<LogLine>().map((l) => l.text)).toEqual(["bye"]);
      expect(JSON.parse(end.data) as FollowEnd).toMatchObject({ reason: "ended" });
    } finally {
      await client.close();
    }
  });
});

describe("service logs and the daemon's logging facts", () => {
  it("on an engine that is no swarm manager, service logs are 409 saying so", async () => {
    const state = dockerTry("-H", engine2, "info", "--format", "{{.Swarm.LocalNodeState}}").stdout.trim();
    const server = await startServer(await freePort(), { CNMAP_ENGINES: `main=${local};second=${engine2}` });
    try {
      if (state === "inactive") {
        const res = await send(server.url, "GET", "/api/engines/second/services/anything/logs");
        expectError(res, 409, "conflict", /not a swarm manager/i);
      }
      // The engine list shows each engine's logging driver and debug flag, as docker info does.
      const { engines } = json<EnginesBody>(await send(server.url, "GET", "/api/engines"));
      for (const [id, host] of [["main", local], ["second", engine2]] as const) {
        const [driver, debug] = docker("-H", host, "info", "--format", "{{.LoggingDriver}} {{.Debug}}").split(" ");
        expect(engines.find((e) => e.id === id)?.logging, id).toEqual({ driver, debug: debug === "true" });
      }
    } finally {
      await server.stop();
    }
  });

  it("an unknown service is 404 on a swarm manager, and 409 elsewhere; never a 500", async () => {
    const state = docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
    const res = await send(api, "GET", `/api/services/${uniqueName("lg-nosvc")}/logs`);
    if (state === "active true") expectError(res, 404, "not_found", /No such service/);
    else expectError(res, 409, "conflict", /not a swarm manager/i);
  });
});

describe("with sign-in on", () => {
  const dataDir = freshDataDir();
  let server: RunningServer;
  let token = "";

  beforeAll(async () => {
    addUser(dataDir, "vera", "viewer");
    addUser(dataDir, "ada", "admin");
    token = usersCli(dataDir, ["token", "vera", "--name", "logs-reader"]);
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a viewer's token reads logs, and the read is in the audit trail with its docker command", async () => {
    const body = await getLogs(`/api/containers/${talker}/logs?tail=3`, { authorization: `Bearer ${token}` }, server.url);
    expect(body.lines).toHaveLength(3);
    expectError(await send(server.url, "GET", `/api/containers/${talker}/logs`), 401, "unauthorized");
    const adaToken = usersCli(dataDir, ["token", "ada", "--name", "auditor"]);
    const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit?actor=vera/logs-reader&action=container.logs&limit=5", { headers: { authorization: `Bearer ${adaToken}` } })).entries;
    expect(trail[0]).toMatchObject({ actor: "vera/logs-reader", action: "container.logs", outcome: "ok", target: `container ${talker}`, command: `docker logs --timestamps --tail 3 ${talker}` });
  });
});
