import { describe, expect, it } from "vitest";
import { BoxIndex, near, type Box } from "@/lib/graph/spatial-index";
import { seededRandom } from "../support/random";

const GAP = 24;

function indexOf(boxes: Box[], gap = GAP, cellSize?: number): BoxIndex {
  const index = new BoxIndex(gap, cellSize);
  for (const b of boxes) index.insert(b);
  return index;
}

describe("near", () => {
  const a: Box = { x: 0, y: 0, width: 100, height: 50 };

  it("counts overlapping boxes and boxes closer than the gap, not boxes the gap or more apart", () => {
    expect(near(a, { x: 50, y: 20, width: 10, height: 10 }, GAP)).toBe(true);
    expect(near(a, { x: 100 + GAP - 1, y: 0, width: 10, height: 10 }, GAP)).toBe(true);
    expect(near(a, { x: 100 + GAP, y: 0, width: 10, height: 10 }, GAP)).toBe(false);
    expect(near(a, { x: 0, y: -10 - GAP, width: 10, height: 10 }, GAP)).toBe(false);
    expect(near(a, { x: 0, y: -10 - GAP + 0.5, width: 10, height: 10 }, GAP)).toBe(true);
    // Close on one axis only is not near.
    expect(near(a, { x: 10, y: 500, width: 10, height: 10 }, GAP)).toBe(false);
  });
});

describe("BoxIndex", () => {
  it("answers no on an empty index", () => {
    const index = new BoxIndex(GAP);
    expect(index.size).toBe(0);
    expect(index.anyNear({ x: 0, y: 0, width: 240, height: 90 })).toBe(false);
  });

  it("finds a box across cell edges, at the gap's edge and at negative coordinates", () => {
    const index = indexOf([{ x: -300, y: -300, width: 240, height: 90 }]);
    expect(index.size).toBe(1);
    // Right of it, GAP - 1 away: near. GAP away: not.
    expect(index.anyNear({ x: -60 + GAP - 1, y: -300, width: 240, height: 90 })).toBe(true);
    expect(index.anyNear({ x: -60 + GAP, y: -300, width: 240, height: 90 })).toBe(false);
    // Below it, just within the gap, several cells away from its own.
    expect(index.anyNear({ x: -1000, y: -210 + GAP - 0.25, width: 741, height: 10 })).toBe(true);
    expect(index.anyNear({ x: -1000, y: -210 + GAP, width: 741, height: 10 })).toBe(false);
  });

  it("finds a box inside a much larger query, and a small query inside a large box", () => {
    expect(indexOf([{ x: 5000, y: 5000, width: 1, height: 1 }]).anyNear({ x: 0, y: 0, width: 10_000, height: 10_000 })).toBe(true);
    expect(indexOf([{ x: 0, y: 0, width: 10_000, height: 10_000 }]).anyNear({ x: 5000, y: 5000, width: 1, height: 1 })).toBe(true);
  });

  it("answers like the brute force for boxes the grid does not file: huge, far, not finite, negative sizes", () => {
    const odd: Box[] = [
      { x: 1e15, y: 0, width: 240, height: 90 },
      { x: Number.NaN, y: 0, width: 240, height: 90 },
      { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 90 },
      { x: -1e6, y: 2000, width: 2e6, height: 90 },
      { x: 3000, y: 3000, width: -50, height: 90 },
    ];
    const queries: Box[] = [
      { x: 1e15 + 10, y: 10, width: 240, height: 90 },
      { x: 500, y: 20, width: 240, height: 90 },
      { x: 123_456, y: 2050, width: 240, height: 90 },
      { x: 2900, y: 3000, width: 240, height: 90 },
      { x: 3010, y: 3010, width: -30, height: 90 },
      { x: Number.NEGATIVE_INFINITY, y: 0, width: Number.POSITIVE_INFINITY, height: 90 },
      { x: 9000, y: 9000, width: 240, height: 90 },
    ];
    const index = indexOf(odd);
    for (const q of queries) expect(index.anyNear(q), JSON.stringify(q)).toBe(odd.some((b) => near(q, b, GAP)));
  });

  it("refuses a gap or cell size it cannot use", () => {
    expect(() => new BoxIndex(-1)).toThrow(RangeError);
    expect(() => new BoxIndex(Number.NaN)).toThrow(RangeError);
    expect(() => new BoxIndex(GAP, 0)).toThrow(RangeError);
  });

  it("agrees with the brute-force check on random boxes, for several cell sizes and gaps", () => {
    const random = seededRandom(20240909);
    const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
    const coord = (): number => (random() < 0.5 ? int(-3000, 3000) : int(-3000, 3000) + random());
    const box = (): Box => ({ x: coord(), y: coord(), width: int(0, 400), height: int(0, 200) });
    let hits = 0;
    let misses = 0;
    for (const [gap, cellSize] of [
      [GAP, undefined],
      [0, 64],
      [GAP, 17],
      [150, 1000],
    ] as const) {
      const boxes: Box[] = [];
      const index = new BoxIndex(gap, cellSize);
      for (let round = 0; round < 400; round++) {
        const b = box();
        boxes.push(b);
        index.insert(b);
        for (let q = 0; q < 10; q++) {
          const query = box();
          const expected = boxes.some((other) => near(query, other, gap));
          if (expected) hits++;
          else misses++;
          expect(index.anyNear(query), `${JSON.stringify(query)} among ${boxes.length}`).toBe(expected);
        }
      }
    }
    // The random boxes exercise both answers, not just one.
    expect(hits).toBeGreaterThan(1000);
    expect(misses).toBeGreaterThan(1000);
  });

  it("agrees with the brute force for queries just touching a box's gap, on every side", () => {
    const random = seededRandom(7);
    const boxes: Box[] = [];
    const index = new BoxIndex(GAP);
    for (let i = 0; i < 200; i++) {
      const b = { x: Math.floor(random() * 5000) - 2500, y: Math.floor(random() * 5000) - 2500, width: 240, height: 90 + (i % 4) * 14 };
      boxes.push(b);
      index.insert(b);
    }
    for (const b of boxes) {
      for (const d of [-1, -0.001, 0, 0.001, 1]) {
        for (const q of [
          { x: b.x + b.width + GAP + d, y: b.y, width: 240, height: 90 },
          { x: b.x - GAP - 240 - d, y: b.y, width: 240, height: 90 },
          { x: b.x, y: b.y + b.height + GAP + d, width: 240, height: 90 },
          { x: b.x, y: b.y - GAP - 90 - d, width: 240, height: 90 },
        ]) {
          expect(index.anyNear(q), JSON.stringify(q)).toBe(boxes.some((o) => near(q, o, GAP)));
        }
      }
    }
  });
});
