import { describe, expect, it } from "vitest";
import { fitMiddle, middleEllipsis } from "@/lib/graph/labels";

describe("middleEllipsis", () => {
  it("leaves a short text as it is", () => {
    expect(middleEllipsis("backend", 7)).toBe("backend");
    expect(middleEllipsis("", 3)).toBe("");
  });

  it("keeps both ends of a long name, at most max characters", () => {
    const name = "bench1000-net32-r17582-mwx9wwje-3tzq8";
    for (let max = 2; max < name.length; max++) {
      const cut = middleEllipsis(name, max);
      expect(cut.length).toBe(max);
      expect(cut).toContain("…");
      expect(name.startsWith(cut.slice(0, cut.indexOf("…")))).toBe(true);
      expect(name.endsWith(cut.slice(cut.indexOf("…") + 1))).toBe(true);
    }
    expect(middleEllipsis(name, 13)).toBe("bench1…-3tzq8");
  });

  it("gives nothing but the ellipsis, or nothing, when there is no room", () => {
    expect(middleEllipsis("network", 1)).toBe("…");
    expect(middleEllipsis("network", 0)).toBe("");
  });
});

describe("fitMiddle", () => {
  // A font whose every character is 0.5 em wide: at 10 px, 5 px a character.
  const half = (line: string): number => line.length * 0.5;

  it("leaves a name that fits with its suffix as it is", () => {
    expect(fitMiddle("backend", " · 4", 55, 10, half)).toBe("backend");
  });

  it("cuts the middle just enough for the name and its suffix to fit the room", () => {
    const name = "bench1000-net32-r17582-mwx9wwje-3tzq8";
    for (let room = 30; room < 200; room += 7) {
      const cut = fitMiddle(name, " · 20", room, 10, half);
      expect(half(cut + " · 20") * 10).toBeLessThanOrEqual(room);
      // One character more would not have fitted.
      if (cut !== name && cut.length > 2) expect(half(middleEllipsis(name, cut.length + 1) + " · 20") * 10).toBeGreaterThan(room);
      expect(cut).toContain("…");
    }
  });

  it("is the ellipsis alone when the room holds nothing more", () => {
    expect(fitMiddle("network", " · 3", 10, 10, half)).toBe("…");
  });

  it("searches with a cheaper estimate, and gives what the exact measure alone gives", () => {
    const name = "bench1000-net32-r17582-mwx9wwje-3tzq8";
    // The exact widths: characters 3% narrower or wider than the estimate says (kerning, shaping), or 10% (a poor estimate).
    for (const [em, most] of [
      [0.485, 5],
      [0.515, 5],
      [0.45, 9],
      [0.55, 9],
    ] as const) {
      let exactCalls = 0;
      const exact = (line: string): number => {
        exactCalls += 1;
        return line.length * em;
      };
      const estimate = (line: string): number => line.length * 0.5;
      for (let room = 40; room < 200; room += 7) {
        const alone = fitMiddle(name, " · 20", room, 10, exact);
        exactCalls = 0;
        expect(fitMiddle(name, " · 20", room, 10, exact, estimate)).toBe(alone);
        // The search goes by the estimate: with a close one the exact measure is asked a few times (alone, the search asks it six or seven times here).
        expect(exactCalls).toBeLessThanOrEqual(most);
      }
    }
  });

  it("gives what the exact measure alone gives when the estimate is exact", () => {
    const name = "myapp_frontend_network_with_a_long_name";
    for (let room = 20; room < 240; room += 11) expect(fitMiddle(name, " · 3", room, 10, half, half)).toBe(fitMiddle(name, " · 3", room, 10, half));
  });
});
