/**
 * Presentation mode in the URL: `/present`, or `?mode=present` on any view.
 * Either keeps the engine, the filter and the selection the query carries;
 * `?cycle=<seconds>` goes round the saved views.
 */
import { THEME_PARAM } from "../theme";

export const MODE_PARAM = "mode";
export const PRESENT_MODE = "present";
export const CYCLE_PARAM = "cycle";
/** A guided lab shown on the presentation (components/present/PresentLab). */
export const LAB_PARAM = "lab";
/** Below this, a room cannot read a view before the next one. */
export const MIN_CYCLE_S = 5;

export function isPresentMode(params: URLSearchParams): boolean {
  return params.get(MODE_PARAM) === PRESENT_MODE;
}

/** Seconds between saved views, or null when the screen does not cycle (absent, not a number, or too short). */
export function parseCycle(value: string | null): number | null {
  if (value === null || !/^\d{1,5}$/.test(value)) return null;
  const s = Number(value);
  return s >= MIN_CYCLE_S ? s : null;
}

/**
 * The dashboard showing what a presentation shows: the same query, without
 * the presentation's own parameters (a wall screen's ?theme= would pin the
 * person's dashboard to it).
 */
export function dashboardHref(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete(MODE_PARAM);
  next.delete(CYCLE_PARAM);
  next.delete(LAB_PARAM);
  next.delete(THEME_PARAM);
  const query = next.toString();
  return `/${query ? `?${query}` : ""}`;
}

/** The presentation of what a dashboard shows (with a guided lab, when one is named). */
export function presentHref(params: URLSearchParams, lab?: string): string {
  const next = new URLSearchParams(params);
  next.delete(MODE_PARAM);
  if (lab) next.set(LAB_PARAM, lab);
  const query = next.toString();
  return `/present${query ? `?${query}` : ""}`;
}
