import { describe, expect, it } from "vitest";
import { SSE_HEARTBEAT, SSE_RETRY, formatSse } from "@/lib/events/sse";

/** Parses one SSE frame the way a browser's EventSource does. */
function parseFrame(frame: string): { event: string; data: string; comment: boolean } {
  expect(frame.endsWith("\n\n")).toBe(true);
  const lines = frame.slice(0, -2).split("\n");
  let event = "message";
  const data: string[] = [];
  let comment = false;
  for (const line of lines) {
    if (line.startsWith(":")) comment = true;
    else if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return { event, data: data.join("\n"), comment };
}

describe("formatSse", () => {
  it("frames a model event as an unnamed message with its JSON", () => {
    const event = { type: "network" as const, action: "connect", id: "n1", time: 5, name: "fx-front", container: "c1" };
    const out = formatSse({ kind: "event", event });
    expect(out).toBe(
      'data: {"type":"network","action":"connect","id":"n1","time":5,"name":"fx-front","container":"c1"}\n\n',
    );
    const frame = parseFrame(out);
    expect(frame.event).toBe("message");
    expect(JSON.parse(frame.data)).toEqual(event);
  });

  it("frames a resync with its reason", () => {
    const out = formatSse({ kind: "resync", reason: "engine reconnected" });
    expect(out).toBe('event: resync\ndata: {"reason":"engine reconnected"}\n\n');
    expect(parseFrame(out)).toEqual({ event: "resync", data: '{"reason":"engine reconnected"}', comment: false });
  });

  it("frames a status", () => {
    expect(formatSse({ kind: "status", connected: true })).toBe('event: status\ndata: {"connected":true}\n\n');
    expect(formatSse({ kind: "status", connected: false })).toBe('event: status\ndata: {"connected":false}\n\n');
  });

  it("keeps a newline inside a value on one data line", () => {
    const out = formatSse({ kind: "resync", reason: "line1\nline2" });
    expect(out.split("\n").filter((l) => l.startsWith("data: "))).toHaveLength(1);
    expect(JSON.parse(parseFrame(out).data)).toEqual({ reason: "line1\nline2" });
  });

  it("has a comment heartbeat and a retry hint", () => {
    expect(SSE_HEARTBEAT).toBe(": heartbeat\n\n");
    expect(parseFrame(SSE_HEARTBEAT).comment).toBe(true);
    expect(SSE_RETRY).toBe("retry: 2000\n\n");
  });
});
