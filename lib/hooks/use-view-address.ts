"use client";
/**
 * Opens the view a page's address names, once, on arrival: `?view=<id>` (a
 * view the server keeps, fetched from this engine's `/api/views/{id}`) or
 * `#view=<…>` (a view carried whole, from cnmap without sign-in). The address
 * is spent once read: `view` leaves the URL, which goes on to carry the view's
 * filter and selection as always. Says why when the view cannot be opened.
 */
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "../client/fetch-json";
import { hrefOf } from "../graph/filter-url";
import { decodeView, viewFromFragment } from "../views/encode";
import { VIEW_ID, type SavedView } from "../views/schema";
import type { ApplicableView, ApplyOutcome } from "./use-apply-view";
import { useApiPath } from "./use-engine-scope";

export const VIEW_PARAM = "view";

async function viewOfAddress(id: string | null, carried: string | null, apiPath: (p: string) => string): Promise<ApplicableView> {
  if (carried !== null) {
    const decoded = decodeView(carried);
    if (!decoded.ok) throw new Error(`This link's view cannot be opened: ${decoded.reason}.`);
    return decoded.view;
  }
  if (id === null || !VIEW_ID.test(id) || id.startsWith("local-")) throw new Error("This link names no view cnmap knows.");
  const { view } = await fetchJson<{ view: SavedView }>(apiPath(`/api/views/${encodeURIComponent(id)}`));
  return view;
}

/** Applies the address's view on arrival; the error to show, if it could not be. */
export function useViewFromAddress(apply: (view: ApplicableView) => ApplyOutcome): string | null {
  const apiPath = useApiPath();
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);

  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const url = new URL(window.location.href);
    const id = url.searchParams.get(VIEW_PARAM);
    const carried = viewFromFragment(url.hash);
    if (id === null && carried === null) return;
    url.searchParams.delete(VIEW_PARAM);
    if (carried !== null) url.hash = "";
    window.history.replaceState(null, "", hrefOf(url.pathname, url.searchParams, url.hash));
    viewOfAddress(id, carried, apiPath).then(
      (view) => {
        apply(view);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [apply, apiPath]);

  return error;
}
