import { describe, expect, it } from "vitest";
import { pathDecodes } from "@/lib/api/path";

describe("pathDecodes", () => {
  it("accepts plain paths and well-formed escapes", () => {
    for (const p of ["/api/networks/web", "/api/networks/a%2Db", "/api/networks/%E0%A4%A4", "/", "/api/x/%25"]) expect(pathDecodes(p), p).toBe(true);
  });
  it("refuses bad hex, a lone %, cut and invalid UTF-8 sequences", () => {
    for (const p of ["/api/networks/%zz", "/api/networks/%E0%A4%A", "/api/containers/%", "/api/networks/%ff%fe/connect", "/api/%c0"]) expect(pathDecodes(p), p).toBe(false);
  });
});
