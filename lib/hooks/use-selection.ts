"use client";
/**
 * The selection, kept in the URL (`?select=…`) so a link opens the same view
 * and Back goes to the previous selection. Other URL parameters (the canvas
 * filter) are kept as they are. Written with the native History API, which
 * Next.js syncs with useSearchParams without a server round trip.
 */
import { useCallback, useMemo } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { SELECT_PARAM, formatSelection, parseSelection, type Selection } from "../selection";

export function useSelection(): { selection: Selection | null; setSelection(sel: Selection | null): void } {
  const params = useSearchParams();
  const pathname = usePathname();
  const raw = params.get(SELECT_PARAM);
  const selection = useMemo(() => parseSelection(raw), [raw]);

  const setSelection = useCallback(
    (sel: Selection | null) => {
      // Read the live URL: several setters may run before React re-renders.
      const next = new URLSearchParams(window.location.search);
      // By the text, so a value that does not parse can still be cleared.
      const wanted = sel ? formatSelection(sel) : null;
      if (next.get(SELECT_PARAM) === wanted) return;
      if (wanted) next.set(SELECT_PARAM, wanted);
      else next.delete(SELECT_PARAM);
      const query = next.toString();
      // A new selection is a step Back can undo; clearing it is not.
      const url = `${pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      if (sel) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );

  return { selection, setSelection };
}
