/**
 * Moving keyboard focus across the canvas with the arrow keys: from one node
 * to the nearest node that lies in that direction. Pure (boxes in, an ID out).
 */
export type Direction = "left" | "right" | "up" | "down";

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

const UNIT: Record<Direction, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/**
 * The node to move to from `fromId`: among the boxes whose centre lies within
 * 45° of the direction, the one nearest by distance along it plus twice the
 * distance across (a node straight ahead wins over a nearer one off to the
 * side). Null when nothing lies that way.
 */
export function nextInDirection(boxes: readonly Box[], fromId: string, direction: Direction): string | null {
  const from = boxes.find((b) => b.id === fromId);
  if (!from) return null;
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  const [ux, uy] = UNIT[direction];
  let best: { id: string; score: number } | null = null;
  for (const b of boxes) {
    if (b.id === fromId) continue;
    const dx = b.x + b.width / 2 - cx;
    const dy = b.y + b.height / 2 - cy;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along) continue;
    const score = along + 2 * across;
    if (!best || score < best.score || (score === best.score && b.id < best.id)) best = { id: b.id, score };
  }
  return best?.id ?? null;
}
