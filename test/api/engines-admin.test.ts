/**
 * Engines global admins add and remove while the server runs (issue 8,
 * parts 1 and 4): refusals for everyone else and for bad input, the new
 * engine served at once with its graph equal to its own `docker -H …
 * inspect`, kept across a restart, and removed cleanly: its event streams
 * end with a last message, its roles go (audited), every connection to it
 * closes, and its routes answer 404. The second engine is reached through a
 * socket proxy that counts the connections cnmap holds to it.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody } from "@/lib/auth/types";
import type { EngineSummary, EnginesBody } from "@/lib/engines/types";
import type { Topology } from "@/lib/topology/types";
import { addUser, signIn, usersCli } from "../support/accounts";
import { expectedEndpoints, expectedNetwork, sortEndpoints, type ContainerInspect, type NetworkInspect } from "../support/api";
import { cleanupLabelled, docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { expectError, json, post, send, type RawResponse } from "../support/mutate";
import { freePort, freshDataDir, startServer, type RunningServer } from "../support/server";
import { startSocketProxy, type SocketProxy } from "../support/socket-proxy";
import { SseClient } from "../support/sse";
import { waitFor } from "../support/wait";

const engine2 = inject("engine2Host");
const missing = inject("missingSocket");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";
const d2 = (...args: string[]): string => docker("-H", engine2, ...args);

describe("engines added and removed by global admins", () => {
  const dataDir = freshDataDir();
  let server: RunningServer;
  let proxy: SocketProxy;
  const cookies: Record<string, string> = {};
  let adaToken = "";
  const net2 = uniqueName("ea-net2");
  const box2 = uniqueName("ea-box2");

  const as = (who: string): Record<string, string> => ({ cookie: cookies[who] ?? "" });
  const engineIds = async (): Promise<string[]> => json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: as("ada") })).engines.map((e) => e.id);
  const audit = async (query: string): Promise<AuditBody["entries"]> => json<AuditBody>(await send(server.url, "GET", `/api/audit?limit=500&${query}`, { headers: as("ada") })).entries;
  const addEngine = (body: unknown, headers: Record<string, string> = as("ada")): Promise<RawResponse> => post(server.url, "/api/engines", body, headers);

  beforeAll(async () => {
    proxy = await startSocketProxy(path.join(mkdtempSync(path.join(os.tmpdir(), "cnmap-ea-")), "engine2.sock"), engine2.replace(/^unix:\/\//, ""));
    d2("network", "create", "--label", LABEL, net2);
    d2("run", "-d", "--label", LABEL, "--name", box2, "--network", net2, "--network-alias", "db2", TEST_IMAGE, "sleep", "600");
    const passwords: Record<string, string> = {
      ada: addUser(dataDir, "ada", "admin"),
      lara: addUser(dataDir, "lara", "admin", "local"),
      vera: addUser(dataDir, "vera", "viewer"),
    };
    adaToken = usersCli(dataDir, ["token", "ada", "--name", "ada-script"]);
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    for (const name of Object.keys(passwords)) cookies[name] = await signIn(server.url, name, passwords[name] ?? "");
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    cleanupLabelled(LABEL, engine2);
  });

  it("refuses everyone but a signed-in global admin, audits each refusal, and changes nothing", async () => {
    const body = { name: "sneaky", address: proxy.dockerHost };
    expectError(await addEngine(body, {}), 401, "unauthorized");
    expectError(await addEngine(body, as("vera")), 403, "forbidden", /needs the admin role; vera is a viewer/);
    // An admin of one engine manages that engine's networks, not the engine list.
    expectError(await addEngine(body, as("lara")), 403, "forbidden", /^Managing engines needs the admin role on every engine \(a global admin\)\.$/);
    expectError(await addEngine(body, { authorization: `Bearer ${adaToken}` }), 403, "forbidden", /^Managing engines is for a signed-in admin, not a token\.$/);
    // Refused before the input is looked at.
    expectError(await addEngine({ name: "bad name", address: "ftp://x" }, as("lara")), 403, "forbidden", /global admin/);
    expectError(await send(server.url, "DELETE", "/api/engines/local", { headers: as("lara") }), 403, "forbidden", /global admin/);
    expect(await engineIds()).toEqual(["local"]);

    const refused = await audit("action=engine.add");
    expect(refused.map((e) => [e.actor, e.outcome])).toEqual([
      ["lara", "refused"],
      ["ada/ada-script", "refused"],
      ["lara", "refused"],
      ["vera", "refused"],
      ["(not signed in)", "refused"],
    ]);
    expect(refused[0]).toMatchObject({ engine: "", target: "bad name (ftp://x)", command: "" });
    expect(refused.find((e) => e.actor === "lara" && e.engine === "sneaky")).toMatchObject({
      engine: "sneaky",
      target: `sneaky (${proxy.dockerHost})`,
      command: `docker context create sneaky --docker host=${proxy.dockerHost}`,
      message: "Managing engines needs the admin role on every engine (a global admin).",
    });
    expect((await audit("action=engine.remove"))[0]).toMatchObject({ actor: "lara", engine: "local", outcome: "refused", command: "docker context rm local" });
  });

  it("refuses bad input with the reason, a taken name with 409, and a configured engine's removal with where it comes from", async () => {
    expectError(await addEngine({ name: "bad name", address: "unix:///x.sock" }), 400, "invalid_input", /name: "bad name" is not an engine name: letters, digits/);
    expect((await audit("action=engine.add"))[0]).toMatchObject({ actor: "ada", outcome: "refused", target: "bad name (unix:///x.sock)", message: expect.stringMatching(/is not an engine name/) as unknown as string });
    expectError(await addEngine({ name: "lab", address: "ftp://x" }), 400, "invalid_input", /address: "ftp:\/\/x": ftp:\/\/ is not an engine address \(unix, tcp or ssh\)/);
    expectError(await addEngine({ name: "lab", address: "tcp://10.0.0.5" }), 400, "invalid_input", /needs a host and a port/);
    expectError(await addEngine({ name: "lab", address: "" }), 400, "invalid_input", /address: an address is required/);
    expectError(await addEngine({ name: "lab", address: "unix:///x.sock", role: "admin" }), 400, "invalid_input", /Unrecognized key/i);
    const noCerts = path.join(os.tmpdir(), `cnmap-no-certs-${process.pid}`);
    expectError(await addEngine({ name: "lab", address: `tcp://127.0.0.1:2376?certs=${noCerts}` }), 400, "invalid_input", new RegExp(`${noCerts} lacks ca.pem, cert.pem, key.pem`));
    expectError(
      await addEngine({ name: "LOCAL", address: proxy.dockerHost }),
      409,
      "conflict",
      /^An engine named local exists already \(DOCKER_HOST\); engine names are compared without case, so choose another name than LOCAL\.$/,
    );
    expectError(
      await send(server.url, "DELETE", "/api/engines/local", { headers: as("ada") }),
      409,
      "conflict",
      /^local is the default engine, from DOCKER_HOST \(or the default socket\) in the server's environment: change it there and restart cnmap\.$/,
    );
    expectError(await send(server.url, "DELETE", "/api/engines/nosuch", { headers: as("ada") }), 404, "not_found", /No such engine: nosuch/);
    expect(await engineIds()).toEqual(["local"]);
  });

  it("adds the second engine at once: its summary, and a graph equal to its own docker inspect", async () => {
    const res = await addEngine({ name: "Second", address: proxy.dockerHost });
    expect(res.status, res.text).toBe(201);
    const { engine } = json<{ engine: EngineSummary }>(res);
    expect(engine).toEqual({
      id: "second",
      name: "Second",
      address: proxy.dockerHost,
      connected: true,
      version: d2("version", "--format", "{{.Server.Version}}"),
      swarm: d2("info", "--format", "{{.Swarm.LocalNodeState}}"),
      logging: { driver: d2("info", "--format", "{{.LoggingDriver}}"), debug: d2("info", "--format", "{{.Debug}}") === "true" },
      origin: { kind: "added", by: "ada", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string },
    });
    const listed = json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: as("ada") })).engines;
    expect(listed.map((e) => [e.id, e.origin.kind])).toEqual([
      ["local", "environment"],
      ["second", "added"],
    ]);

    const topo = await send(server.url, "GET", "/api/engines/second/topology", { headers: as("vera") });
    expect(topo.status, topo.text).toBe(200);
    const t = json<Topology>(topo);
    expect(t.engine.host).toBe(proxy.dockerHost);
    const [n2] = JSON.parse(d2("network", "inspect", net2)) as NetworkInspect[];
    expect(t.networks.find((n) => n.name === net2)).toEqual(expectedNetwork(n2!));
    const [c2] = JSON.parse(d2("inspect", box2)) as ContainerInspect[];
    const ids = new Map((JSON.parse(d2("network", "inspect", ...d2("network", "ls", "-q").split("\n"))) as NetworkInspect[]).map((n) => [n.Name, n.Id]));
    expect(sortEndpoints(t.endpoints.filter((e) => e.containerId === c2!.Id))).toEqual(expectedEndpoints(c2!, (name) => ids.get(name) ?? ""));
    // The main engine's graph holds none of it.
    const main = json<Topology>(await send(server.url, "GET", "/api/topology", { headers: as("vera") }));
    expect(main.networks.some((n) => n.name === net2)).toBe(false);

    expect((await audit("action=engine.add"))[0]).toMatchObject({
      actor: "ada",
      engine: "second",
      outcome: "ok",
      target: `Second (${proxy.dockerHost})`,
      command: `docker context create Second --docker host=${proxy.dockerHost}`,
    });
    expectError(await addEngine({ name: "second", address: missing }), 409, "conflict", /An engine named Second exists already \(added by ada\)/);
  });

  it("adds an engine that is down, and says why it does not connect", async () => {
    const res = await addEngine({ name: "gone", address: missing });
    expect(res.status, res.text).toBe(201);
    const { engine } = json<{ engine: EngineSummary }>(res);
    expect(engine).toMatchObject({ id: "gone", connected: false, address: missing });
    expect(engine.reason).toMatch(new RegExp(`Cannot reach the Docker engine at ${missing} \\(no such socket\\)`));
    expectError(await send(server.url, "GET", "/api/engines/gone/topology", { headers: as("ada") }), 503, "engine_unreachable");
    expect(await engineIds()).toEqual(["local", "second", "gone"]);
  });

  it("keeps added engines across a restart; one whose ID the configuration takes since is skipped, with a line in the log", async () => {
    await server.stop();
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    const after = json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: as("ada") })).engines;
    expect(after.map((e) => [e.id, e.name, e.address, e.origin.kind, e.connected])).toEqual([
      ["local", "local", local, "environment", true],
      ["second", "Second", proxy.dockerHost, "added", true],
      ["gone", "gone", missing, "added", false],
    ]);
    expect((await send(server.url, "GET", "/api/engines/second/topology", { headers: as("vera") })).status).toBe(200);

    await server.stop();
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir, CNMAP_ENGINES: `local=${local};second=${engine2}` });
    const configured = json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: as("ada") })).engines;
    expect(configured.map((e) => [e.id, e.address, e.origin])).toEqual([
      ["local", local, { kind: "environment", variable: "CNMAP_ENGINES" }],
      ["second", engine2, { kind: "environment", variable: "CNMAP_ENGINES" }],
      ["gone", missing, expect.objectContaining({ kind: "added", by: "ada" })],
    ]);
    expect(server.log()).toContain("[cnmap] added engine skipped: Second: CNMAP_ENGINES names an engine second too, and wins");
    expectError(await send(server.url, "DELETE", "/api/engines/second", { headers: as("ada") }), 409, "conflict", /^second comes from CNMAP_ENGINES/);

    // Without it in the configuration, the stored one is back.
    await server.stop();
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    expect(await engineIds()).toEqual(["local", "second", "gone"]);
  });

  it("removes an added engine: its streams end with a last message, its roles go (audited), its connections close, its routes answer 404", async () => {
    const carolPassword = "carol-password-1";
    const made = await post(server.url, "/api/users", { username: "carol", password: carolPassword, role: "operator", engine: "second" }, as("ada"));
    expect(made.status, made.text).toBe(201);
    cookies.carol = await signIn(server.url, "carol", carolPassword);
    expect(json<EnginesBody>(await send(server.url, "GET", "/api/engines", { headers: as("carol") })).engines.map((e) => e.id)).toEqual(["second"]);

    const stream = await SseClient.open(`${server.url}/api/engines/second/events`, as("carol"));
    expect(stream.response.status).toBe(200);
    await stream.waitForMessage((m) => m.event === "status" && m.data === '{"connected":true}');
    // cnmap holds the event subscription (and kept-alive request connections) to the engine.
    expect(proxy.stats().open).toBeGreaterThan(0);

    expectError(await send(server.url, "DELETE", "/api/engines/second", { headers: as("lara") }), 403, "forbidden");
    expectError(await send(server.url, "DELETE", "/api/engines/second", { headers: { authorization: `Bearer ${adaToken}` } }), 403, "forbidden");
    const removed = await send(server.url, "DELETE", "/api/engines/second", { headers: as("ada") });
    expect(removed.status, removed.text).toBe(204);

    const last = await stream.waitForMessage((m) => m.event === "removed");
    expect(JSON.parse(last.data)).toEqual({ by: "ada" });
    await stream.waitUntil(() => (stream.ended ? true : undefined), 5000, "the end of the stream");
    expect(stream.error).toBeNull();
    expect(stream.messages.at(-1)).toBe(last);
    await waitFor(() => proxy.stats().open === 0, 5000, "every connection to the removed engine to close");

    for (const route of ["topology", "events", "health", "drivers"]) {
      expectError(await send(server.url, "GET", `/api/engines/second/${route}`, { headers: as("ada") }), 404, "not_found", /No such engine: second/);
    }
    expectError(await send(server.url, "DELETE", "/api/engines/second", { headers: as("ada") }), 404, "not_found");
    expect(await engineIds()).toEqual(["local", "gone"]);
    // Nothing on the engine itself changed.
    expect(dockerTry("-H", engine2, "network", "inspect", net2).ok).toBe(true);

    // Carol's role on it went with it, and the trail says so.
    const users = json<{ users: { username: string; role: string | null; engineRoles: Record<string, string> }[] }>(await send(server.url, "GET", "/api/users", { headers: as("ada") })).users;
    expect(users.find((u) => u.username === "carol")).toMatchObject({ role: null, engineRoles: {} });
    expectError(await send(server.url, "GET", "/api/engines", { headers: as("carol") }), 403, "forbidden", /carol has no role on any engine/);
    const trail = await audit("engine=second");
    // Newest first: the door writes the removal's own record once the handler, which removed the roles, has answered.
    expect(trail.slice(0, 2).map((e) => [e.actor, e.action, e.target, e.command, e.outcome])).toEqual([
      ["ada", "engine.remove", `Second (${proxy.dockerHost})`, "docker context rm Second", "ok"],
      ["ada", "user.role", "carol (operator on second: removed with the engine)", "", "ok"],
    ]);
    expect(trail.filter((e) => e.action === "engine.remove" && e.outcome === "refused").map((e) => [e.actor, e.message])).toEqual([
      ["ada/ada-script", "Managing engines is for a signed-in admin, not a token."],
      ["lara", "Managing engines needs the admin role on every engine (a global admin)."],
      ["ada", "second comes from CNMAP_ENGINES in the server's environment: change it there and restart cnmap."],
    ]);

    // Added again under the same name, it does not hand the old role back; and it is gone after a restart.
    const again = await addEngine({ name: "second", address: proxy.dockerHost });
    expect(again.status, again.text).toBe(201);
    // (An engine where someone has no role does not exist for them.)
    expectError(await send(server.url, "GET", "/api/engines/second/topology", { headers: as("carol") }), 404, "not_found", /No such engine: second/);
    expect((await send(server.url, "GET", "/api/engines/second/topology", { headers: as("ada") })).status).toBe(200);
    expect((await send(server.url, "DELETE", "/api/engines/second", { headers: as("ada") })).status).toBe(204);
    expect((await send(server.url, "DELETE", "/api/engines/gone", { headers: as("ada") })).status).toBe(204);
    await server.stop();
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
    expect(await engineIds()).toEqual(["local"]);
    await waitFor(() => proxy.stats().open === 0, 5000, "no connection to the removed engine");
  });
});

describe("engines in read-only mode", () => {
  it("refuses adding and removing, and audits the refusals", async () => {
    const server = await startServer(await freePort(), { CNMAP_READ_ONLY: "1" });
    try {
      expectError(await post(server.url, "/api/engines", { name: "lab", address: missing }), 403, "forbidden", /read-only/);
      expectError(await send(server.url, "DELETE", "/api/engines/local"), 403, "forbidden", /read-only/);
      expect(json<EnginesBody>(await send(server.url, "GET", "/api/engines")).engines.map((e) => e.id)).toEqual(["local"]);
      const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit")).entries;
      expect(trail.map((e) => [e.actor, e.action, e.outcome])).toEqual([
        ["local", "engine.remove", "refused"],
        ["local", "engine.add", "refused"],
      ]);
    } finally {
      await server.stop();
    }
  });
});
