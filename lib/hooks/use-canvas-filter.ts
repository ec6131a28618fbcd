"use client";
/**
 * The canvas filter, kept in the URL (`net`, `driver`, `project`, `state`,
 * `hidePredefined`; see lib/graph/filter-url) so a link opens the same view.
 * Writing replaces the history entry (the native History API, which Next.js
 * syncs with useSearchParams at once, with no server round trip: a checkbox
 * bound to the filter flips on the click) and leaves every other
 * parameter (notably `select`) as it is: the new query is built from the
 * address bar at the moment of writing, so a parameter another hook has just
 * written is kept too.
 *
 * Reads `useSearchParams`: in a statically prerendered page, render the
 * component that calls it inside a <Suspense> boundary.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { EMPTY_FILTER, sameFilter, type CanvasFilter } from "../graph/filter";
import { filterFromParams, filterKey, hrefOf, withFilter } from "../graph/filter-url";

export interface CanvasFilterState {
  /** The filter in the URL; the same object until one of its parameters changes. */
  filter: CanvasFilter;
  setFilter: (next: CanvasFilter | ((current: CanvasFilter) => CanvasFilter)) => void;
  clear: () => void;
}

/** The query as it is now: the address bar (fresher than a render's snapshot), else the hook's value. */
function currentParams(fallback: URLSearchParams): URLSearchParams {
  if (typeof window === "undefined") return fallback;
  return new URLSearchParams(window.location.search);
}

export function useCanvasFilter(): CanvasFilterState {
  const params = useSearchParams();
  const pathname = usePathname();
  // Changes to other parameters (the selection) give a new `params` but the same key: the filter keeps its identity.
  const urlKey = filterKey(params);
  // The filter shown is local state, set at once by setFilter (Next.js applies a URL change in a
  // transition, so a checkbox bound to the URL alone would flip back until it lands) and
  // replaced whenever the URL's filter changes (Back, a link).
  const [shown, setShown] = useState(() => ({ urlKey, key: urlKey }));
  if (shown.urlKey !== urlKey) setShown({ urlKey, key: urlKey });
  const key = shown.urlKey !== urlKey ? urlKey : shown.key;
  // Back or Forward leaves the entry the local value was written to. Next.js may never render that
  // entry's URL (its update, still pending, is folded into the traversal's), so `urlKey` would not
  // change and the written filter would outlive its entry: the URL's filter from now on.
  useEffect(() => {
    const forget = (): void => setShown((s) => (s.key === s.urlKey ? s : { ...s, key: s.urlKey }));
    window.addEventListener("popstate", forget);
    return () => window.removeEventListener("popstate", forget);
  }, []);
  const filter = useMemo(() => JSON.parse(key) as CanvasFilter, [key]);

  const setFilter = useCallback(
    (next: CanvasFilter | ((current: CanvasFilter) => CanvasFilter)) => {
      const now = currentParams(new URLSearchParams(params.toString()));
      const current = filterFromParams(now);
      const value = typeof next === "function" ? next(current) : next;
      const written = withFilter(now, value);
      if (sameFilter(filterFromParams(written), current)) return;
      setShown((s) => ({ ...s, key: filterKey(written) }));
      const hash = typeof window === "undefined" ? "" : window.location.hash;
      window.history.replaceState(null, "", hrefOf(pathname, written, hash));
    },
    [params, pathname],
  );

  const clear = useCallback(() => setFilter(EMPTY_FILTER), [setFilter]);

  return { filter, setFilter, clear };
}
