import { describe, expect, it } from "vitest";
import { formatSelection, parseSelection, type Selection } from "@/lib/selection";

const A = "a".repeat(64);
const B = "0123456789ab".repeat(5) + "cdef";
/** A swarm-scope network's ID (from test/fixtures/engine/swarm-services.json): 25 lowercase letters and digits. */
const OVERLAY = "2pxn193vxw7yi322cb52yfve9";

describe("selection in the URL", () => {
  it("round-trips every kind through its canvas ID", () => {
    const all: Selection[] = [
      { kind: "network", id: A },
      { kind: "sandbox", id: B },
      { kind: "endpoint", networkId: A, sandboxId: B },
      { kind: "network", id: OVERLAY },
      { kind: "endpoint", networkId: OVERLAY, sandboxId: B },
      { kind: "service", id: OVERLAY },
    ];
    for (const sel of all) expect(parseSelection(formatSelection(sel))).toEqual(sel);
    expect(formatSelection({ kind: "endpoint", networkId: A, sandboxId: B })).toBe(`ep:${A}:${B}`);
  });

  it("refuses anything that is not an engine ID", () => {
    for (const bad of [null, "", "net:", "net:web", `net:${A}:${B}`, `sbx:${A.toUpperCase()}`, `ep:${A}`, `host:engine`, `port:${A}:0.0.0.0:80/tcp`, `net:${A}x`, `sbx:${OVERLAY}`, `ep:${B}:${OVERLAY}`]) {
      expect(parseSelection(bad)).toBeNull();
    }
  });
});
