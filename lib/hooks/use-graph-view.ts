"use client";
/**
 * The canvas's grouping, focus and Linux layer, kept in the URL (lib/graph/view): a
 * grouping replaces the history entry; entering focus is a step Back undoes.
 * Other parameters are kept as they are (read from the address bar at the
 * moment of writing, as use-selection does).
 *
 * Reads `useSearchParams`: render the component that calls it inside a
 * <Suspense> boundary in a statically prerendered page.
 */
import { useCallback } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { FOCUS_PARAM, GROUP_PARAM, LINUX_PARAM, parseFocus, parseGroup, parseLinux, type GroupChoice } from "../graph/view";

export interface GraphView {
  group: GroupChoice;
  setGroup(choice: GroupChoice): void;
  /** The canvas node in focus, or null. */
  focus: string | null;
  setFocus(nodeId: string | null): void;
  /** Whether the Linux layer is drawn. */
  linux: boolean;
  setLinux(on: boolean): void;
}

export function useGraphView(): GraphView {
  const params = useSearchParams();
  const pathname = usePathname();
  const group = parseGroup(params.get(GROUP_PARAM));
  const focus = parseFocus(params.get(FOCUS_PARAM));
  const linux = parseLinux(params.get(LINUX_PARAM));

  const write = useCallback(
    (name: string, value: string | null, push: boolean) => {
      const next = new URLSearchParams(window.location.search);
      if (next.get(name) === value) return;
      if (value === null) next.delete(name);
      else next.set(name, value);
      const query = next.toString();
      const url = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  const setGroup = useCallback((choice: GroupChoice) => write(GROUP_PARAM, choice === "auto" ? null : choice, false), [write]);
  const setFocus = useCallback((nodeId: string | null) => write(FOCUS_PARAM, nodeId, nodeId !== null), [write]);
  const setLinux = useCallback((on: boolean) => write(LINUX_PARAM, on ? "1" : null, false), [write]);
  return { group, setGroup, focus, setFocus, linux, setLinux };
}
