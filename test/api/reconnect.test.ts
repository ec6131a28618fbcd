/**
 * Losing the engine and getting it back: a dashboard in front of a socket
 * proxy that the test cuts and restores. The event stream must report the
 * loss, reconnect with backoff, and tell listeners to resync; the topology
 * answers 503 while the engine is away and 200 again after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { startSocketProxy, type SocketProxy } from "../support/socket-proxy";
import { waitFor } from "../support/wait";

const PORT = Number(process.env.CNMAP_API_PORT ?? 3210) + 5;

interface SseFrame {
  event: string;
  data: string;
}

/** Reads SSE frames from a fetch body into an array, until aborted. */
function collectFrames(body: ReadableStream<Uint8Array>, frames: SseFrame[]): void {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of raw.split("\n")) {
            if (line.startsWith("event:")) event = line.slice(6).trim();
            else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
          }
          if (data.length > 0) frames.push({ event, data: data.join("\n") });
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      /* aborted */
    }
  })();
}

describe("engine lost and regained", () => {
  let proxy: SocketProxy;
  let server: RunningServer;

  beforeAll(async () => {
    proxy = await startSocketProxy(`/tmp/cnmap-proxy-${process.pid}.sock`);
    server = await startServer(PORT, { DOCKER_HOST: proxy.dockerHost });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  it("reports the loss, answers 503 meanwhile, reconnects once and asks listeners to resync", async () => {
    expect((await fetch(`${server.url}/api/topology`)).status).toBe(200);

    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { signal: abort.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const frames: SseFrame[] = [];
    collectFrames(res.body!, frames);
    await waitFor(() => frames.some((f) => f.event === "status" && f.data.includes("true")), 10_000, "connected status");

    const before = (await (await fetch(`${server.url}/api/health`)).json()) as { events: { upstreamsOpened: number } };

    await proxy.cut();
    await waitFor(() => frames.some((f) => f.event === "status" && f.data.includes("false")), 10_000, "disconnected status");
    const down = await fetch(`${server.url}/api/topology`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { error: { message: string; engine: string } };
    expect(body.error.engine).toBe(proxy.dockerHost);
    expect(body.error.message).toContain(proxy.dockerHost);

    await proxy.restore();
    await waitFor(() => frames.some((f) => f.event === "resync"), 20_000, "resync after reconnection");
    expect(frames.filter((f) => f.event === "status").map((f) => f.data)).toEqual([
      '{"connected":true}',
      '{"connected":false}',
      '{"connected":true}',
    ]);
    expect((await fetch(`${server.url}/api/topology`)).status).toBe(200);

    const after = (await (await fetch(`${server.url}/api/health`)).json()) as {
      events: { upstreams: number; upstreamsOpened: number; connected: boolean };
    };
    expect(after.events.connected).toBe(true);
    expect(after.events.upstreams).toBe(1);
    expect(after.events.upstreamsOpened).toBe(before.events.upstreamsOpened + 1);
    abort.abort();
  });
});
