"use client";
/**
 * The modal dialogs open now, newest last. A modal <dialog> makes everything
 * outside it inert, so what must stay usable while one is open (the toasts
 * that report an action's outcome) renders inside the newest one.
 */
import { useSyncExternalStore } from "react";

let stack: readonly HTMLDialogElement[] = [];
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function pushDialog(d: HTMLDialogElement): void {
  stack = [...stack.filter((x) => x !== d), d];
  emit();
}

export function removeDialog(d: HTMLDialogElement): void {
  if (!stack.includes(d)) return;
  stack = stack.filter((x) => x !== d);
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The newest open modal dialog, or null. */
export function useTopDialog(): HTMLDialogElement | null {
  return useSyncExternalStore(
    subscribe,
    () => stack[stack.length - 1] ?? null,
    () => null,
  );
}
