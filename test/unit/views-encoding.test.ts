/** A view carried whole in a link's fragment (cnmap without sign-in): encoded compactly, decoded with the API's checks. */
import { describe, expect, it } from "vitest";
import { decodeView, encodeView, MAX_ENCODED_LENGTH, viewFromFragment } from "@/lib/views/encode";
import type { CarriedView } from "@/lib/views/schema";

const NET = "a".repeat(64);
const SBX = "b".repeat(64);

const view: CarriedView = {
  name: "Backend · ünïcode",
  engine: "local",
  filter: { networks: ["backend", "front,end"], drivers: [], projects: ["shop"], states: ["running"], hidePredefined: true },
  selection: `sbx:${SBX}`,
  viewport: { x: 120.25, y: -40.04, zoom: 0.73219 },
  positions: { [`net:${NET}`]: { x: 10, y: 20 }, [`sbx:${SBX}`]: { x: -300, y: 455 }, "host:engine": { x: 0, y: 0 } },
};

function b64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

describe("view links without a server store", () => {
  it("round-trips a view, rounding only what no eye can see", () => {
    const encoded = encodeView(view);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeView(encoded);
    expect(decoded).toEqual({ ok: true, view: { ...view, viewport: { x: 120.3, y: -40, zoom: 0.7322 } } });
  });

  it("rounds positions to whole pixels", () => {
    const decoded = decodeView(encodeView({ ...view, positions: { [`net:${NET}`]: { x: 10.6, y: -2.4 } } }));
    expect(decoded.ok && decoded.view.positions).toEqual({ [`net:${NET}`]: { x: 11, y: -2 } });
  });

  it("is compact: a position costs its ID and two numbers", () => {
    const many: CarriedView = { ...view, positions: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`sbx:${i.toString(16).padStart(64, "0")}`, { x: i, y: i }])) };
    // 68-character IDs, base64 (4/3): about 100 bytes a position, no more.
    expect(encodeView(many).length).toBeLessThan(100 * 110);
  });

  it("reads the view from the fragment", () => {
    expect(viewFromFragment("#view=abc")).toBe("abc");
    expect(viewFromFragment("view=abc&x=1")).toBe("abc");
    expect(viewFromFragment("")).toBeNull();
    expect(viewFromFragment("#other=1")).toBeNull();
  });

  it("refuses what is not a view, saying why", () => {
    const cases: [string, RegExp][] = [
      ["!!!", /not readable/],
      [b64("not json"), /not readable/],
      [Buffer.from([0xff, 0xfe, 0x00]).toString("base64url"), /not readable/],
      [b64(JSON.stringify({ v: 2 })), /unknown version/],
      [b64(JSON.stringify([1, 2])), /unknown version/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "local", f: [[], [], [], [], 0], s: null, vp: [0, 0, 1], p: [["rm -rf", 1, 2]] })), /positions/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "local", f: [[], [], [], [], 0], s: "sbx:nothex", vp: [0, 0, 1], p: [] })), /selection/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "Not An Engine", f: [[], [], [], [], 0], s: null, vp: [0, 0, 1], p: [] })), /engine/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "local", f: [[], [], [], [], 0], s: null, vp: [0, 0, 1e9], p: [] })), /viewport/],
      [b64(JSON.stringify({ v: 1, n: "", e: "local", f: [[], [], [], [], 0], s: null, vp: [0, 0, 1], p: [] })), /name/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "local", f: "all", s: null, vp: [0, 0, 1], p: [] })), /filter/],
      [b64(JSON.stringify({ v: 1, n: "x", e: "local", f: [[], [], [], [], 0], s: null, vp: [0, 0, 1], p: [7] })), /positions/],
      ["a".repeat(MAX_ENCODED_LENGTH + 1), /too long/],
    ];
    for (const [encoded, reason] of cases) {
      const decoded = decodeView(encoded);
      expect(decoded.ok, encoded.slice(0, 60)).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toMatch(reason);
    }
  });
});
