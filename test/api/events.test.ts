/**
 * GET /api/events against the real engine: the SSE stream, read with fetch
 * and parsed frame by frame, must carry one message per model-changing
 * engine event, and nothing for exec; all listeners share one upstream
 * engine subscription.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ModelEvent } from "@/lib/events/model-events";
import { cleanupLabelled, createNetwork, docker, dockerTry, runContainer, uniqueName } from "../support/docker-cli";
import { fetchHealth } from "../support/api";
import { SseClient } from "../support/sse";

const api = inject("apiUrl");
const eventsUrl = `${api}/api/events`;
const HEARTBEAT_WAIT_MS = 20_000;

const isConnectedStatus = (m: { event: string; data: string }): boolean =>
  m.event === "status" && (JSON.parse(m.data) as { connected?: unknown }).connected === true;

let sse: SseClient;
/** Opened first, and left alone until the last test, which waits for its heartbeat. */
let quiet: SseClient;
let quietOpenedAt = 0;

beforeAll(async () => {
  quiet = await SseClient.open(eventsUrl);
  quietOpenedAt = Date.now();
  sse = await SseClient.open(eventsUrl);
  await sse.waitForMessage(isConnectedStatus, 15_000);
});

afterAll(async () => {
  await Promise.all([sse?.close(), quiet?.close()]);
  cleanupLabelled();
});

/** Polls /api/health until `check` holds (or the time is up), returning the last answer. */
async function pollHealth(
  check: (h: Awaited<ReturnType<typeof fetchHealth>>) => boolean,
  timeoutMs = 5000,
): Promise<Awaited<ReturnType<typeof fetchHealth>>> {
  const deadline = Date.now() + timeoutMs;
  let h = await fetchHealth(api);
  while (!check(h) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    h = await fetchHealth(api);
  }
  return h;
}

describe("GET /api/events", () => {
  it("answers an event stream that starts with a retry hint and a status event", async () => {
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(sse.response.headers.get("cache-control")).toMatch(/no-cache/);
    expect(sse.raw.startsWith("retry:")).toBe(true);
    expect(sse.retries[0]).toBeGreaterThan(0);
    const first = sse.messages[0];
    expect(first?.event).toBe("status");
    expect(typeof (JSON.parse(first?.data ?? "{}") as { connected?: unknown }).connected).toBe("boolean");
    expect(sse.messages.some(isConnectedStatus)).toBe(true);
  });

  it("delivers network create, container create/start and network connect with their IDs", async () => {
    const from = sse.messages.length;
    const netName = uniqueName("ev-net");
    const netId = createNetwork(netName);
    const created = await sse.waitForData<ModelEvent>((d) => d.type === "network" && d.action === "create" && d.id === netId);
    expect(created.name).toBe(netName);
    expect(typeof created.time).toBe("number");
    expect(Math.abs(created.time - Date.now() / 1000)).toBeLessThan(120);

    const cName = uniqueName("ev-c");
    const cId = runContainer(cName);
    await sse.waitForData<ModelEvent>((d) => d.type === "container" && d.action === "create" && d.id === cId && d.name === cName);
    await sse.waitForData<ModelEvent>((d) => d.type === "container" && d.action === "start" && d.id === cId);

    docker("network", "connect", netId, cId);
    const connect = await sse.waitForData<ModelEvent>(
      (d) => d.type === "network" && d.action === "connect" && d.id === netId && d.container === cId,
    );
    expect(connect).toMatchObject({ type: "network", action: "connect", id: netId, container: cId, name: netName });

    // Every data message is a well-formed model event.
    for (const m of sse.messages.slice(from).filter((x) => x.event === "message")) {
      const d = JSON.parse(m.data) as ModelEvent;
      expect(["container", "network"]).toContain(d.type);
      expect(typeof d.action).toBe("string");
      expect(d.id).toMatch(/^[0-9a-z]+$/);
      expect(Number.isInteger(d.time)).toBe(true);
    }
  });

  it("sends nothing for exec, one message for a network disconnect, and die when a container stops", async () => {
    const netId = createNetwork(uniqueName("ev-net2"));
    const cId = runContainer(uniqueName("ev-exec"), ["--network", netId]);
    await sse.waitForData<ModelEvent>((d) => d.type === "container" && d.action === "start" && d.id === cId);
    const from = sse.messages.length;

    docker("exec", cId, "true");
    expect(dockerTry("exec", cId, "sh", "-c", "exit 3").ok).toBe(false);
    // The engine sends `disconnect` twice for a running container; cnmap must pass it on once.
    docker("network", "disconnect", netId, cId);
    docker("kill", cId);
    await sse.waitForData<ModelEvent>((d) => d.type === "container" && d.action === "die" && d.id === cId);
    // Later engine events than the ones above: the stream is past them.
    docker("network", "rm", netId);
    await sse.waitForData<ModelEvent>((d) => d.type === "network" && d.action === "destroy" && d.id === netId);

    const after = sse.messages.slice(from).filter((m) => m.event === "message").map((m) => JSON.parse(m.data) as ModelEvent);
    expect(after.filter((d) => d.action.startsWith("exec"))).toEqual([]);
    expect(after.filter((d) => d.action === "disconnect" && d.id === netId && d.container === cId)).toHaveLength(1);
    expect(after.filter((d) => d.type === "container" && d.id === cId).map((d) => d.action)).toEqual(
      expect.arrayContaining(["kill", "die"]),
    );
    // Nothing but containers and networks, ever.
    expect(sse.dataMessages<ModelEvent>().filter((d) => d.type !== "container" && d.type !== "network")).toEqual([]);
    expect(sse.dataMessages<ModelEvent>().filter((d) => d.action.startsWith("exec_"))).toEqual([]);
  }, 60_000);

  it("serves many listeners from one upstream subscription, and forgets them when they go", async () => {
    const before = await fetchHealth(api);
    expect(before.events.connected).toBe(true);
    expect(before.events.upstreams).toBe(1);

    const many = await Promise.all(Array.from({ length: 5 }, () => SseClient.open(eventsUrl)));
    try {
      await Promise.all(many.map((c) => c.waitForMessage((m) => m.event === "status", 10_000)));
      const during = await fetchHealth(api);
      expect(during.events.listeners).toBeGreaterThanOrEqual(before.events.listeners + 5);
      expect(during.events.listeners).toBeGreaterThanOrEqual(5);
      expect(during.events.upstreams).toBe(1);
      expect(during.events.upstreamsOpened).toBe(before.events.upstreamsOpened);

      // Each of them gets the same events.
      const netId = createNetwork(uniqueName("ev-many"));
      await Promise.all(
        many.map((c) => c.waitForData<ModelEvent>((d) => d.type === "network" && d.action === "create" && d.id === netId)),
      );
    } finally {
      await Promise.all(many.map((c) => c.close()));
    }

    const after = await pollHealth((h) => h.events.listeners <= before.events.listeners);
    expect(after.events.listeners).toBeLessThanOrEqual(before.events.listeners);
    expect(after.events.upstreams).toBe(1);
    expect(after.events.upstreamsOpened).toBe(before.events.upstreamsOpened);
  });

  it("sends a `: heartbeat` comment within 20 s on an idle connection", async () => {
    expect(quiet.raw.startsWith("retry:")).toBe(true);
    expect(quiet.messages[0]?.event).toBe("status");
    const remaining = Math.max(1000, HEARTBEAT_WAIT_MS - (Date.now() - quietOpenedAt));
    await quiet.waitForComment("heartbeat", remaining);
    expect(quiet.raw).toContain(": heartbeat\n\n");
    expect(quiet.ended).toBe(false);
  }, HEARTBEAT_WAIT_MS + 10_000);
});
