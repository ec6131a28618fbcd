"use client";
import { useEffect, useRef, type RefObject } from "react";

/** A ref that holds the latest `value` (after each commit), for stable callbacks that read it later. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
