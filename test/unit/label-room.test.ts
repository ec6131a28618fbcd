/** Room for large network names on a presentation screen (lib/graph/label-room). */
import { describe, expect, it } from "vitest";
import { MAX_LABEL_ROOM, labelRooms } from "@/lib/graph/label-room";

const net = (id: string, x: number, y = 0) => ({ id, x, y, width: 260 });

describe("labelRooms", () => {
  it("gives each network the distance to its nearest neighbour on the same line, less a margin", () => {
    const rooms = labelRooms([net("a", 0), net("b", 1000), net("c", 1500)], 380);
    expect(rooms.get("a")).toBe(1000 - 24);
    expect(rooms.get("b")).toBe(500 - 24);
    expect(rooms.get("c")).toBe(500 - 24);
  });

  it("lets two neighbours' labels, centred on their nodes, never overlap", () => {
    const [a, b] = [net("a", 0), net("b", 700)];
    const rooms = labelRooms([a, b], 0);
    const right = a.x + a.width / 2 + (rooms.get("a") ?? 0) / 2;
    const left = b.x + b.width / 2 - (rooms.get("b") ?? 0) / 2;
    expect(left - right).toBeGreaterThanOrEqual(24);
  });

  it("ignores networks on another line, keeps the minimum, and caps a lone network", () => {
    expect(labelRooms([net("a", 0), net("b", 100, 900)], 380).get("a")).toBe(MAX_LABEL_ROOM);
    expect(labelRooms([net("a", 0), net("b", 300)], 380).get("a")).toBe(380);
  });
});
