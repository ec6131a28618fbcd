"use client";
/**
 * Node positions the user chose by dragging, kept in localStorage so the
 * arrangement survives reloads. Keyed by the stable node ID and scoped to the
 * engine address, so two engines do not share one arrangement.
 */
import { useCallback, useMemo } from "react";
import type { XY } from "../graph/types";

const PREFIX = "cnmap.positions.v1:";

function read(key: string): Record<string, XY> {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return {};
    const out: Record<string, XY> = {};
    for (const [id, p] of Object.entries(parsed as Record<string, unknown>)) {
      const xy = p as Partial<XY> | null;
      if (xy && typeof xy.x === "number" && typeof xy.y === "number" && Number.isFinite(xy.x) && Number.isFinite(xy.y)) {
        out[id] = { x: xy.x, y: xy.y };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export interface SavedPositions {
  load(): Map<string, XY>;
  save(positions: Record<string, XY>): void;
  clear(): void;
}

export function useSavedPositions(scope: string): SavedPositions {
  const key = PREFIX + scope;
  const load = useCallback(() => new Map(Object.entries(read(key))), [key]);
  const save = useCallback(
    (positions: Record<string, XY>) => {
      try {
        window.localStorage.setItem(key, JSON.stringify({ ...read(key), ...positions }));
      } catch {
        /* storage full or disabled: the arrangement just won't persist */
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  }, [key]);
  return useMemo(() => ({ load, save, clear }), [load, save, clear]);
}
