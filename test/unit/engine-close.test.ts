/**
 * Closing an engine's session when the engine is removed from cnmap: the
 * hub tells its listeners and lets them go, ends its upstream stream and
 * any pending reconnection; the client ends its connections, idle or busy,
 * and refuses later calls without reaching the engine.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/lib/api/errors";
import { EngineClient } from "@/lib/docker/engine";
import { EngineRemovedError } from "@/lib/docker/errors";
import { EventHub, type HubMessage } from "@/lib/events/hub";
import { formatSse } from "@/lib/events/sse";
import { EngineSession } from "@/lib/server/engine-session";

afterEach(() => {
  vi.useRealTimers();
});

describe("an ended hub", () => {
  it("tells every listener who removed the engine, lets them go, and destroys the upstream stream", async () => {
    const stream = new PassThrough();
    const hub = new EventHub(async () => stream);
    const a: HubMessage[] = [];
    const b: HubMessage[] = [];
    hub.subscribe((m) => a.push(m), "ann");
    hub.subscribe((m) => b.push(m), "bob");
    await vi.waitFor(() => expect(hub.stats().upstreams).toBe(1));
    const before = b.length;
    hub.end("ada");
    expect(a.at(-1)).toEqual({ kind: "removed", by: "ada" });
    // Nothing after the farewell, and no presence update about the others leaving.
    expect(b.slice(before)).toEqual([{ kind: "removed", by: "ada" }]);
    expect(stream.destroyed).toBe(true);
    await vi.waitFor(() => expect(hub.stats()).toMatchObject({ connected: false, listeners: 0, upstreams: 0 }));
    expect(hub.present()).toEqual([]);
    expect(hub.isEnded()).toBe(true);
  });

  it("cancels a pending reconnection and never starts again", async () => {
    vi.useFakeTimers();
    let opens = 0;
    const hub = new EventHub(async () => {
      opens += 1;
      throw new Error("no engine");
    });
    hub.ensureStarted();
    await vi.advanceTimersByTimeAsync(0);
    expect(opens).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    hub.end("ada");
    expect(vi.getTimerCount()).toBe(0);
    hub.ensureStarted();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(opens).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("tells a late subscriber at once and keeps nothing of it", () => {
    const hub = new EventHub(async () => new PassThrough());
    hub.end("ada");
    const got: HubMessage[] = [];
    const unsubscribe = hub.subscribe((m) => got.push(m), "bob");
    expect(got).toEqual([{ kind: "removed", by: "ada" }]);
    expect(hub.stats().listeners).toBe(0);
    unsubscribe();
  });

  it("destroys a stream that opens after the end", async () => {
    const stream = new PassThrough();
    let release: (s: NodeJS.ReadableStream) => void = () => undefined;
    const hub = new EventHub(() => new Promise((resolve) => (release = resolve)));
    hub.ensureStarted();
    hub.end("ada");
    release(stream);
    await vi.waitFor(() => expect(stream.destroyed).toBe(true));
    expect(hub.stats().upstreams).toBe(0);
  });

  it("is framed as the stream's last event", () => {
    expect(formatSse({ kind: "removed", by: "ada" })).toBe('event: removed\ndata: {"by":"ada"}\n\n');
  });
});

/** An engine stand-in on a unix socket: answers /version, holds /info until told, and tracks its open connections. */
async function fakeEngine(): Promise<{ socketPath: string; open: Set<Socket>; held: http.ServerResponse[]; requests: string[]; close(): Promise<void> }> {
  const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), "cnmap-fake-engine-")), "docker.sock");
  const open = new Set<Socket>();
  const held: http.ServerResponse[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url?.endsWith("/info")) {
      held.push(res);
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ Version: "20.10.24", ApiVersion: "1.41" }));
  });
  server.on("connection", (s: Socket) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    open,
    held,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("a closed engine client", () => {
  it("ends its kept-alive and busy connections, and refuses later calls without reaching the engine", async () => {
    const engine = await fakeEngine();
    try {
      const client = new EngineClient({ name: "lab", address: `unix://${engine.socketPath}`, endpoint: { kind: "unix", socketPath: engine.socketPath }, timeoutMs: 5000 });
      // Two at once: two connections, kept alive for the next requests.
      const versions = await Promise.all([client.version(), client.version()]);
      expect(versions.map((v) => v.Version)).toEqual(["20.10.24", "20.10.24"]);
      expect(engine.open.size).toBe(2);
      // One busy (the engine holds its answer), one idle.
      const busy = client.info();
      await vi.waitFor(() => expect(engine.held).toHaveLength(1));
      expect(engine.open.size).toBe(2);

      client.close();
      await expect(busy).rejects.toBeInstanceOf(EngineRemovedError);
      await vi.waitFor(() => expect(engine.open.size).toBe(0));
      const seen = engine.requests.length;
      await expect(client.version()).rejects.toThrow("The engine lab was removed from cnmap.");
      expect(engine.requests).toHaveLength(seen);
      expect(engine.open.size).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it("answers 404 through the error vocabulary", async () => {
    const res = errorResponse(new EngineRemovedError("lab"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: "The engine lab was removed from cnmap.", code: "not_found" } });
  });
});

describe("a closed session", () => {
  it("ends its live model, its hub and its client, and its summary says it was removed", async () => {
    const engine = await fakeEngine();
    try {
      const session = new EngineSession(
        { id: "lab", name: "lab", address: `unix://${engine.socketPath}`, endpoint: { kind: "unix", socketPath: engine.socketPath }, origin: { kind: "added", by: "ada", at: "" } },
        5000,
      );
      const got: HubMessage[] = [];
      session.hub.subscribe((m) => got.push(m));
      const modelClose = vi.spyOn(session.model, "close");
      session.close("ada");
      // The live model's resync timer stops with it (LiveModel.close).
      expect(modelClose).toHaveBeenCalledOnce();
      expect(got.at(-1)).toEqual({ kind: "removed", by: "ada" });
      expect(session.hub.isEnded()).toBe(true);
      expect(await session.summary()).toMatchObject({ id: "lab", connected: false, reason: "The engine lab was removed from cnmap." });
      await vi.waitFor(() => expect(engine.open.size).toBe(0));
    } finally {
      await engine.close();
    }
  });
});
