import { describe, expect, it } from "vitest";
import { attributionFor, isAttributable, isAttribution, type Attribution } from "@/lib/events/attribution";

const NET = "n".repeat(64);
const WEB = "w".repeat(64);
const at = 1_780_000_000_000;
const connect: Attribution = { action: "network.connect", actor: "otto", networkId: NET, containerId: WEB, text: "otto connected web to backend", at };

describe("who made a change", () => {
  it("matches the engine's event of the same change, within the window", () => {
    const event = { type: "network", action: "connect", id: NET, container: WEB, time: at / 1000 + 1 };
    expect(attributionFor([connect], event)).toBe(connect);
    expect(attributionFor([connect], { ...event, action: "disconnect" })).toBeUndefined();
    expect(attributionFor([connect], { ...event, container: "x".repeat(64) })).toBeUndefined();
    expect(attributionFor([connect], { ...event, id: "y".repeat(64) })).toBeUndefined();
    expect(attributionFor([connect], { ...event, time: at / 1000 + 30 })).toBeUndefined();
    const removed: Attribution = { action: "network.remove", actor: "ada", networkId: NET, text: "ada removed network backend", at };
    expect(attributionFor([connect, removed], { type: "network", action: "destroy", id: NET, time: at / 1000 })).toBe(removed);
  });

  it("knows which events cnmap could have caused, and checks the stream's shape", () => {
    expect(isAttributable({ type: "network", action: "connect" })).toBe(true);
    expect(isAttributable({ type: "network", action: "destroy" })).toBe(true);
    expect(isAttributable({ type: "container", action: "start" })).toBe(false);
    expect(isAttribution(connect)).toBe(true);
    expect(isAttribution({ actor: "x" })).toBe(false);
  });
});
