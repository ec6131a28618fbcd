/** The event hub drops the engine's repeated lines by the engine's own timestamps, whenever they arrive. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { EventHub, engineTimeMs, type HubMessage } from "@/lib/events/hub";

const NET = "a".repeat(64);
const CTR = "b".repeat(64);

function line(action: string, nano: bigint): string {
  return `${JSON.stringify({ Type: "network", Action: action, Actor: { ID: NET, Attributes: { container: CTR, name: "backend" } }, time: Number(nano / 1_000_000_000n), timeNano: "TN" }).replace('"TN"', nano.toString())}\n`;
}

async function feed(lines: { text: string; delayMs: number }[]): Promise<HubMessage[]> {
  const stream = new PassThrough();
  const hub = new EventHub(async () => stream);
  const got: HubMessage[] = [];
  const unsubscribe = hub.subscribe((m) => got.push(m));
  await new Promise((r) => setTimeout(r, 0));
  for (const l of lines) {
    await new Promise((r) => setTimeout(r, l.delayMs));
    stream.write(l.text);
  }
  await new Promise((r) => setTimeout(r, 10));
  unsubscribe();
  return got.filter((m) => m.kind === "event");
}

describe("the engine's repeated events", () => {
  const t0 = 1_780_000_000_000_000_000n;

  it("are dropped when stamped within 50 ms, even when the repeat arrives 200 ms later", async () => {
    const events = await feed([
      { text: line("disconnect", t0), delayMs: 0 },
      { text: line("disconnect", t0 + 1_400_000n), delayMs: 200 },
    ]);
    expect(events).toHaveLength(1);
  });

  it("are kept when the engine stamped them further apart (a real second action)", async () => {
    const events = await feed([
      { text: line("disconnect", t0), delayMs: 0 },
      { text: line("disconnect", t0 + 1_200_000_000n), delayMs: 0 },
    ]);
    expect(events).toHaveLength(2);
  });

  it("a disconnect repeated on the same pair with no connect between is one action, even 300 ms apart (a loaded engine)", async () => {
    const events = await feed([
      { text: line("disconnect", t0), delayMs: 0 },
      { text: line("disconnect", t0 + 300_000_000n), delayMs: 0 },
    ]);
    expect(events).toHaveLength(1);
  });

  it("disconnect, connect, disconnect in quick succession are three actions", async () => {
    const events = await feed([
      { text: line("disconnect", t0), delayMs: 0 },
      { text: line("connect", t0 + 60_000_000n), delayMs: 0 },
      { text: line("disconnect", t0 + 120_000_000n), delayMs: 0 },
    ]);
    expect(events.map((e) => (e.kind === "event" ? e.event.action : ""))).toEqual(["disconnect", "connect", "disconnect"]);
  });

  it("the live model hears every line, repeats included", async () => {
    const stream = new PassThrough();
    const hub = new EventHub(async () => stream);
    const heard: string[] = [];
    hub.observe((e) => heard.push(e === "gap" ? "gap" : e.action));
    hub.ensureStarted();
    await new Promise((r) => setTimeout(r, 0));
    stream.write(line("disconnect", t0));
    stream.write(line("disconnect", t0 + 1_400_000n));
    await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual(["gap", "disconnect", "disconnect"]);
  });

  it("reads the engine's time from timeNano, string or number, else from time", () => {
    expect(engineTimeMs({ timeNano: "1780000000001400000" })).toBeCloseTo(1_780_000_000_001.4, 0);
    expect(engineTimeMs({ time: 1_780_000_000 })).toBe(1_780_000_000_000);
    expect(engineTimeMs({})).toBeNull();
  });
});
