/**
 * A dashboard whose DOCKER_HOST names a socket that does not exist: the API
 * says so plainly (503 naming the address), and the page and the event
 * stream still answer.
 */
import { describe, expect, inject, it } from "vitest";
import type { ErrorBody } from "@/lib/api/errors";
import { fetchHealth } from "../support/api";
import { SseClient } from "../support/sse";

const down = inject("apiDownUrl");
const missingSocket = inject("missingSocket");

describe("with no engine at DOCKER_HOST", () => {
  it("GET /api/topology answers 503 JSON whose message names the engine address", async () => {
    const res = await fetch(`${down}/api/topology`);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as ErrorBody;
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message).toContain(missingSocket);
    expect(body.error.code).toBe("engine_unreachable");
    expect(body.error.engine).toBe(missingSocket);
  });

  it("keeps answering 503 on repeated requests (no crash, no hang)", async () => {
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const res = await fetch(`${down}/api/topology`);
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses).toEqual([503, 503, 503]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("GET / still serves the HTML page", async () => {
    const res = await fetch(`${down}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.toLowerCase()).toContain("<html");
  });

  it("GET /api/events answers 200 text/event-stream with status connected:false", async () => {
    const sse = await SseClient.open(`${down}/api/events`);
    try {
      expect(sse.response.status).toBe(200);
      expect(sse.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const status = await sse.waitForMessage((m) => m.event === "status", 10_000);
      expect(JSON.parse(status.data)).toEqual({ connected: false });
      expect(sse.raw.startsWith("retry:")).toBe(true);
      expect(sse.messages.some((m) => m.event === "status" && (JSON.parse(m.data) as { connected: boolean }).connected)).toBe(false);
    } finally {
      await sse.close();
    }
  });

  it("GET /api/health names the address and reports no upstream", async () => {
    const h = await fetchHealth(down);
    expect(h.engine).toBe(missingSocket);
    expect(h.events.connected).toBe(false);
    expect(h.events.upstreams).toBe(0);
  });
});
