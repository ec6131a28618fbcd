/**
 * The canvas filter in the URL, so a link opens the same view:
 * `net`, `driver`, `project` and `state` as comma-separated lists,
 * `hidePredefined=1`. Every other parameter (notably `select`) is left as it
 * is, in its place. Pure.
 */
import type { CanvasFilter } from "./filter";

export const FILTER_PARAMS = {
  networks: "net",
  drivers: "driver",
  projects: "project",
  states: "state",
  hidePredefined: "hidePredefined",
} as const;

type ListKey = "networks" | "drivers" | "projects" | "states";
const LIST_KEYS: readonly ListKey[] = ["networks", "drivers", "projects", "states"];

/** What reading needs: URLSearchParams, or Next's ReadonlyURLSearchParams. */
export interface ParamReader {
  get(name: string): string | null;
}

/** Trimmed, without empties and repeats, in first-seen order. */
export function splitList(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(",").map((v) => v.trim()).filter((v) => v !== ""))];
}

export function filterFromParams(params: ParamReader): CanvasFilter {
  const hide = params.get(FILTER_PARAMS.hidePredefined);
  return {
    networks: splitList(params.get(FILTER_PARAMS.networks)),
    drivers: splitList(params.get(FILTER_PARAMS.drivers)),
    projects: splitList(params.get(FILTER_PARAMS.projects)),
    states: splitList(params.get(FILTER_PARAMS.states)),
    hidePredefined: hide === "1" || hide === "true",
  };
}

/** The filter read from `params` as JSON: changes exactly when the filter does (for memoising), parses back to it. */
export function filterKey(params: ParamReader): string {
  return JSON.stringify(filterFromParams(params));
}

/**
 * `params` with the filter's parameters replaced by `f`'s (and removed where
 * `f` sets nothing). A parameter already present keeps its position; the
 * others are untouched.
 */
export function withFilter(params: ParamReader & { toString(): string }, f: CanvasFilter): URLSearchParams {
  const out = new URLSearchParams(params.toString());
  for (const key of LIST_KEYS) {
    const values = splitList(f[key].join(","));
    if (values.length > 0) out.set(FILTER_PARAMS[key], values.join(","));
    else out.delete(FILTER_PARAMS[key]);
  }
  if (f.hidePredefined) out.set(FILTER_PARAMS.hidePredefined, "1");
  else out.delete(FILTER_PARAMS.hidePredefined);
  return out;
}

/**
 * `pathname` with `params` as its query (no bare "?" when there are none) and
 * `hash`. Commas and colons stay readable (`net=a,b`, `select=sbx:…`): both
 * are legal in a query and read back the same.
 */
export function hrefOf(pathname: string, params: URLSearchParams, hash = ""): string {
  const query = params.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return `${pathname}${query ? `?${query}` : ""}${hash}`;
}
