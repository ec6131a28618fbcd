/**
 * The early topology fetch: the inline script, run as a browser would run
 * it, leaves one response that only the first fetch of the same URL takes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { earlyFetchScript, takeEarlyFetch } from "@/lib/client/early-fetch";

let asked: { url: string; init: RequestInit | undefined }[] = [];

beforeEach(() => {
  asked = [];
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => {
    asked.push({ url, init });
    return Promise.resolve(new Response(`{"from":"early"}`));
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Runs the inline script as the page's HTML would. */
function runScript(url: string): void {
  new Function(earlyFetchScript(url))();
}

describe("early fetch", () => {
  it("asks once, with fetchJson's options, and hands the response to the first fetch of that URL only", async () => {
    runScript("/api/topology");
    expect(asked).toEqual([{ url: "/api/topology", init: { cache: "no-store", headers: { Accept: "application/json" } } }]);
    expect(takeEarlyFetch("/api/health")).toBeNull();
    const res = takeEarlyFetch("/api/topology");
    expect(await (await res)?.json()).toEqual({ from: "early" });
    expect(takeEarlyFetch("/api/topology")).toBeNull();
  });

  it("is not used once stale", () => {
    let now = 1_000;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    runScript("/api/topology");
    now += 16_000;
    expect(takeEarlyFetch("/api/topology")).toBeNull();
  });

  it("writes a URL that cannot end the script early", () => {
    const script = earlyFetchScript("/api/engines/x</script><script>alert(1)/topology");
    expect(script).not.toContain("</script>");
    expect(script).toContain("\\u003c/script>");
  });
});
