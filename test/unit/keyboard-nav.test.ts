/** Arrow-key moves between canvas nodes (lib/graph/keyboard-nav). */
import { describe, expect, it } from "vitest";
import { nextInDirection, type Box } from "@/lib/graph/keyboard-nav";

const box = (id: string, x: number, y: number): Box => ({ id, x, y, width: 100, height: 50 });
// A network above three sandboxes in a row, and one further down on the right.
const boxes = [box("net", 200, 0), box("a", 0, 200), box("b", 200, 200), box("c", 400, 200), box("d", 420, 500)];

describe("nextInDirection", () => {
  it("moves straight ahead before it moves aside", () => {
    expect(nextInDirection(boxes, "net", "down")).toBe("b");
    expect(nextInDirection(boxes, "b", "up")).toBe("net");
    expect(nextInDirection(boxes, "b", "right")).toBe("c");
    expect(nextInDirection(boxes, "b", "left")).toBe("a");
    expect(nextInDirection(boxes, "c", "down")).toBe("d");
  });

  it("takes only what lies within 45° of the direction", () => {
    // From a, "up" reaches net only if it is no further across than along: 200 across, 200 along.
    expect(nextInDirection(boxes, "a", "up")).toBe("net");
    expect(nextInDirection([box("a", 0, 200), box("far", 400, 100)], "a", "up")).toBeNull();
  });

  it("returns null at the edge and for an unknown node", () => {
    expect(nextInDirection(boxes, "a", "left")).toBeNull();
    expect(nextInDirection(boxes, "d", "down")).toBeNull();
    expect(nextInDirection(boxes, "nope", "down")).toBeNull();
  });

  it("breaks a tie by ID, so the same key always goes to the same node", () => {
    const tie = [box("mid", 200, 0), box("y", 0, 200), box("x", 400, 200)];
    expect(nextInDirection(tie, "mid", "down")).toBe("x");
  });
});
