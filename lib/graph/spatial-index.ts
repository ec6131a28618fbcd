/**
 * A spatial index of boxes for node placement: a uniform grid, each box
 * filed under every cell it touches, so "does any box come within `gap` of
 * this one?" reads the few cells around the box instead of every box.
 * Pure; the answer is always exactly the brute-force one (any box b with
 * `near(box, b, gap)`), whatever the boxes.
 *
 * Boxes the grid cannot file cheaply (a coordinate or size that is not
 * finite, negative sizes, coordinates past ±2^40, spans of more than
 * MAX_SPAN cells) are kept aside and tested one by one on every query; a
 * query box of that kind is tested against every box. Neither happens with
 * canvas nodes.
 */
import type { XY } from "./types";

export interface Box extends XY {
  width: number;
  height: number;
}

/** True when the two boxes overlap, or come closer than `gap` on both axes. */
export function near(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** About a canvas node's size: a node touches one to four cells, a query a few more. */
export const DEFAULT_CELL_SIZE = 256;
/** Past this many cells on an axis a box is tested on its own, not filed cell by cell. */
const MAX_SPAN = 64;
/** Coordinates are trusted to the pixel up to here: float rounding stays far below SLACK. */
const MAX_COORD = 2 ** 40;
/** A query reads this much further than `gap`, so rounding never hides a box at a cell's edge. */
const SLACK = 1;

/** The cells from `lo` to `hi` on one axis, or undefined when they cannot be filed cheaply. */
function cellRange(lo: number, hi: number, cellSize: number): [number, number] | undefined {
  if (!(lo <= hi) || !(Math.abs(lo) < MAX_COORD) || !(Math.abs(hi) < MAX_COORD)) return undefined;
  const first = Math.floor(lo / cellSize);
  const last = Math.floor(hi / cellSize);
  return last - first < MAX_SPAN ? [first, last] : undefined;
}

export class BoxIndex {
  /** Cells by row, then by column. */
  private readonly rows = new Map<number, Map<number, Box[]>>();
  /** Boxes not filed in cells, tested on every query. */
  private readonly loose: Box[] = [];
  private readonly all: Box[] = [];

  constructor(
    readonly gap: number,
    readonly cellSize: number = DEFAULT_CELL_SIZE,
  ) {
    if (!(gap >= 0 && Number.isFinite(gap))) throw new RangeError(`gap must be a finite number >= 0, not ${gap}`);
    if (!(cellSize > 0 && Number.isFinite(cellSize))) throw new RangeError(`cellSize must be a finite number > 0, not ${cellSize}`);
  }

  get size(): number {
    return this.all.length;
  }

  insert(box: Box): void {
    this.all.push(box);
    const cols = cellRange(box.x, box.x + box.width, this.cellSize);
    const rows = cellRange(box.y, box.y + box.height, this.cellSize);
    if (!cols || !rows) {
      this.loose.push(box);
      return;
    }
    for (let cy = rows[0]; cy <= rows[1]; cy++) {
      let row = this.rows.get(cy);
      if (!row) this.rows.set(cy, (row = new Map()));
      for (let cx = cols[0]; cx <= cols[1]; cx++) {
        const cell = row.get(cx);
        if (cell) cell.push(box);
        else row.set(cx, [box]);
      }
    }
  }

  /** True when some box in the index overlaps `box` or comes closer than `gap` to it. */
  anyNear(box: Box): boolean {
    const reach = this.gap + SLACK;
    const cols = box.width >= 0 ? cellRange(box.x - reach, box.x + box.width + reach, this.cellSize) : undefined;
    const rows = box.height >= 0 ? cellRange(box.y - reach, box.y + box.height + reach, this.cellSize) : undefined;
    if (!cols || !rows) return this.all.some((b) => near(box, b, this.gap));
    for (let cy = rows[0]; cy <= rows[1]; cy++) {
      const row = this.rows.get(cy);
      if (!row) continue;
      for (let cx = cols[0]; cx <= cols[1]; cx++) {
        const cell = row.get(cx);
        if (cell && cell.some((b) => near(box, b, this.gap))) return true;
      }
    }
    return this.loose.some((b) => near(box, b, this.gap));
  }
}
