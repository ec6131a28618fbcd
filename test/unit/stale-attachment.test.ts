import { describe, expect, it } from "vitest";
import { DECOY_LABEL, decoyLeftAdvice, decoyNetwork, hasStaleEntry, staleEntryAdvice } from "@/lib/networks/stale-attachment";
import type { EngineContainerDetail } from "@/lib/topology/engine-json";

const detail = (networks: NonNullable<EngineContainerDetail["NetworkSettings"]>["Networks"]): EngineContainerDetail => ({
  Id: "c1",
  NetworkSettings: { Networks: networks },
});

describe("a refused connect's leftovers", () => {
  it("are an entry for the network with no endpoint", () => {
    // As docker inspect shows it after 20.10 refused `network connect --ip <gateway>`.
    const left = detail({ bridge: { EndpointID: "e1", IPAddress: "172.17.0.2" }, app: { EndpointID: "", IPAMConfig: { IPv4Address: "10.0.0.1" } } });
    expect(hasStaleEntry(left, "app")).toBe(true);
    expect(hasStaleEntry(left, "bridge")).toBe(false);
    expect(hasStaleEntry(left, "other")).toBe(false);
    expect(hasStaleEntry(detail({ app: {} }), "app")).toBe(true);
    expect(hasStaleEntry(detail(null), "app")).toBe(false);
    expect(hasStaleEntry(null, "app")).toBe(false);
  });
  it("are cleared with a config-only network of the same name, made despite the name being taken, and labelled", () => {
    expect(decoyNetwork("app", "c1")).toEqual({ Name: "app", CheckDuplicate: false, ConfigOnly: true, Labels: { [DECOY_LABEL]: "c1" } });
  });
  it("are explained with the commands that clear them by hand", () => {
    expect(staleEntryAdvice("app", "web")).toMatch(/docker stop web && docker network disconnect --force app web$/);
    expect(decoyLeftAdvice("app", "abc123")).toMatch(/"app" names two networks: docker network rm abc123$/);
  });
});
