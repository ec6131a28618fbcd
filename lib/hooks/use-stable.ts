"use client";
import { useState } from "react";

/**
 * `value`, or the value held before when `equal` says they are the same: a
 * result recomputed from new inputs keeps its identity while it does not
 * change, so what is memoised on it does not redraw.
 */
export function useStable<T>(value: T, equal: (a: T, b: T) => boolean): T {
  const [held, setHeld] = useState(value);
  if (held === value || equal(held, value)) return held;
  setHeld(value);
  return value;
}
