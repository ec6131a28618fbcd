import { describe, expect, it } from "vitest";
import { apiPath, engineFromParams, withEngine } from "@/lib/client/api-path";

describe("engine-scoped API paths", () => {
  it("leaves the default engine's paths alone and scopes the others", () => {
    expect(apiPath(null, "/api/topology")).toBe("/api/topology");
    expect(apiPath("lab", "/api/topology")).toBe("/api/engines/lab/topology");
    expect(apiPath("lab", "/api/networks/web%2Fx/connect")).toBe("/api/engines/lab/networks/web%2Fx/connect");
    expect(apiPath("lab", "/elsewhere")).toBe("/elsewhere");
  });

  it("reads ?engine= and writes it, dropping the selection of the engine left behind", () => {
    expect(engineFromParams(new URLSearchParams("engine=lab"))).toBe("lab");
    expect(engineFromParams(new URLSearchParams(""))).toBeNull();
    expect(engineFromParams(new URLSearchParams("engine=../x"))).toBeNull();
    expect(withEngine(new URLSearchParams("select=net:abc&net=web&engine=a"), "lab").toString()).toBe("net=web&engine=lab");
    expect(withEngine(new URLSearchParams("engine=lab&state=running"), null).toString()).toBe("state=running");
  });
});
