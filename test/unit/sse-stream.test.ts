/** One browser's event stream: its frames, its end, and a client too slow to keep up dropped rather than buffered without end. */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventHub, type HubMessage } from "@/lib/events/hub";
import { SLOW_CLIENT_FRAME, sseStream, type SseSource } from "@/lib/events/sse-stream";

class FakeHub implements SseSource {
  listeners = new Set<(m: HubMessage) => void>();
  subscribe(listener: (m: HubMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  send(m: HubMessage): void {
    for (const l of this.listeners) l(m);
  }
}

/** A message of about `bytes` on the wire. */
const big = (bytes: number): HubMessage => ({ kind: "resync", reason: "x".repeat(bytes) });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

describe("sseStream", () => {
  it("drops a client that does not read once it is maxQueuedBytes behind, tells it why, and lets go of the hub", async () => {
    const hub = new FakeHub();
    const abort = new AbortController();
    let drops = 0;
    const stream = sseStream(hub, { signal: abort.signal, maxQueuedBytes: 64 * 1024, onDrop: () => (drops += 1) });
    expect(hub.listeners.size).toBe(1);
    let sent = 0;
    while (hub.listeners.size > 0 && sent < 1000) {
      hub.send(big(1000));
      sent += 1;
    }
    expect(hub.listeners.size).toBe(0);
    expect(drops).toBe(1);
    // About 64 KiB of kilobyte messages were kept, not a thousand.
    expect(sent).toBeGreaterThan(50);
    expect(sent).toBeLessThan(80);
    const text = await readAll(stream);
    expect(text.startsWith("retry: 2000\n\n")).toBe(true);
    expect(text.endsWith(SLOW_CLIENT_FRAME)).toBe(true);
  });

  it("keeps a client that reads as fast as messages come, however many", async () => {
    const hub = new FakeHub();
    const abort = new AbortController();
    let drops = 0;
    const stream = sseStream(hub, { signal: abort.signal, maxQueuedBytes: 64 * 1024, onDrop: () => (drops += 1) });
    const reader = stream.getReader();
    let received = 0;
    for (let i = 0; i < 500; i++) {
      hub.send(big(1000));
      const { value } = await reader.read();
      received += value?.byteLength ?? 0;
    }
    expect(drops).toBe(0);
    expect(hub.listeners.size).toBe(1);
    expect(received).toBeGreaterThan(500 * 1000);
    abort.abort();
    expect(hub.listeners.size).toBe(0);
  });

  it("ends, and lets go of the hub, when the browser goes away", async () => {
    const hub = new FakeHub();
    const abort = new AbortController();
    const stream = sseStream(hub, { signal: abort.signal });
    abort.abort();
    expect(hub.listeners.size).toBe(0);
    expect(await readAll(stream)).toBe("retry: 2000\n\n");
  });

  it("ends after the engine's removal, its last frame saying who removed it, and lets go of the hub and its heartbeat", async () => {
    vi.useFakeTimers();
    const hub = new FakeHub();
    const stream = sseStream(hub, { signal: new AbortController().signal, heartbeatMs: 1000 });
    expect(vi.getTimerCount()).toBe(1);
    hub.send({ kind: "removed", by: "ada" });
    expect(hub.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await readAll(stream)).toBe('retry: 2000\n\nevent: removed\ndata: {"by":"ada"}\n\n');
  });

  it("ends at once for an engine removed before it subscribed", async () => {
    vi.useFakeTimers();
    const hub = new EventHub(async () => new PassThrough());
    hub.end("ada");
    const stream = sseStream(hub, { signal: new AbortController().signal, heartbeatMs: 1000 });
    expect(hub.stats().listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await readAll(stream)).toBe('retry: 2000\n\nevent: removed\ndata: {"by":"ada"}\n\n');
  });
});

afterEach(() => {
  vi.useRealTimers();
});
