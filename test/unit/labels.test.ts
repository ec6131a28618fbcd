import { describe, expect, it } from "vitest";
import { middleEllipsis } from "@/lib/graph/labels";

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
