"use client";
import { useLayoutEffect, useRef, type RefObject } from "react";

/**
 * A ref that holds the latest `value`, set as each render commits (a layout
 * effect, before the browser handles the next input), for stable callbacks
 * that read it later: a key pressed right after a click must see the click's
 * selection, which a passive effect might not have stored yet.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
