/** Presentation mode in the URL (lib/present/mode). */
import { describe, expect, it } from "vitest";
import { dashboardHref, isPresentMode, parseCycle, presentHref } from "@/lib/present/mode";

describe("presentation URLs", () => {
  it("recognises ?mode=present and nothing else", () => {
    expect(isPresentMode(new URLSearchParams("mode=present&engine=lab"))).toBe(true);
    expect(isPresentMode(new URLSearchParams("mode=presentx"))).toBe(false);
    expect(isPresentMode(new URLSearchParams(""))).toBe(false);
  });

  it("keeps engine, filter and selection both ways (and the theme into a presentation), dropping the presentation's own parameters", () => {
    const q = "engine=lab&net=a%2Cb&select=net%3Aabc&theme=dark";
    expect(presentHref(new URLSearchParams(`${q}&mode=present`))).toBe(`/present?${q}`);
    // Back on the dashboard, the person's own theme: a wall screen's is not theirs.
    expect(dashboardHref(new URLSearchParams(`${q}&mode=present&cycle=30`))).toBe("/?engine=lab&net=a%2Cb&select=net%3Aabc");
    expect(dashboardHref(new URLSearchParams(""))).toBe("/");
    expect(presentHref(new URLSearchParams(""))).toBe("/present");
    // A lab goes to the presentation and does not come back to the dashboard.
    expect(presentHref(new URLSearchParams("engine=lab"), "isolation")).toBe("/present?engine=lab&lab=isolation");
    expect(dashboardHref(new URLSearchParams("engine=lab&lab=isolation"))).toBe("/?engine=lab");
  });

  it("cycles only with a whole number of seconds a room can read", () => {
    expect(parseCycle("30")).toBe(30);
    expect(parseCycle("5")).toBe(5);
    expect(parseCycle("4")).toBeNull();
    expect(parseCycle("1e3")).toBeNull();
    expect(parseCycle("-30")).toBeNull();
    expect(parseCycle(null)).toBeNull();
  });
});
