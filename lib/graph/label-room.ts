/**
 * How wide a network's name may be drawn above it on a presentation screen,
 * where names are large: as far as the nearest network beside it allows
 * (each label is centred on its node, so two neighbours `dx` apart may each
 * take `dx` less a margin), and at least a node and its gap. Pure.
 */
export interface PlacedNetwork {
  id: string;
  x: number;
  y: number;
  width: number;
}

/** Networks whose tops are this close share a shelf, so their labels a line. */
const SAME_LINE = 160;
const MARGIN = 24;
/** Never more than this, however lonely the network (flow pixels). */
export const MAX_LABEL_ROOM = 2400;

export function labelRooms(networks: readonly PlacedNetwork[], minimum: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of networks) {
    const cx = n.x + n.width / 2;
    let room = MAX_LABEL_ROOM;
    for (const m of networks) {
      if (m === n || Math.abs(m.y - n.y) > SAME_LINE) continue;
      room = Math.min(room, Math.abs(m.x + m.width / 2 - cx) - MARGIN);
    }
    out.set(n.id, Math.max(minimum, room));
  }
  return out;
}
