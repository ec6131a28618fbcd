import { describe, expect, it } from "vitest";
import { probeTargets } from "@/lib/probe/targets";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { sandboxOwnedBy } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const sid = (name: string): string => sandboxOwnedBy(local, name).id;

describe("probe target suggestions", () => {
  it("offers the names a sandbox resolves, never its own, and other sandboxes' addresses", () => {
    const values = probeTargets(local, sid("fx-web")).map((t) => t.value);
    expect(values).toContain("fx-db");
    expect(values).not.toContain("fx-web");
    const db = must(local.endpoints.find((e) => e.sandboxId === sid("fx-db") && e.active), "db endpoint");
    expect(values).toContain(db.ipv4.split("/")[0]);
    expect(new Set(values).size).toBe(values.length);
  });

  it("offers no names on the default bridge, only addresses", () => {
    const targets = probeTargets(local, sid("fx-default"));
    expect(targets.every((t) => !t.label.startsWith("name on bridge"))).toBe(true);
    expect(targets.some((t) => /^\d+\.\d+\.\d+\.\d+$/.test(t.value))).toBe(true);
  });
});
