import { ENGINE_ID } from "../engines/config";

/**
 * The API path of an engine-scoped call: `/api/topology` on the default
 * engine, `/api/engines/{engine}/topology` on a named one. Pure.
 */
export function apiPath(engine: string | null, path: string): string {
  if (!engine || !path.startsWith("/api/")) return path;
  return `/api/engines/${encodeURIComponent(engine)}/${path.slice("/api/".length)}`;
}

/** The `?engine=` parameter: an engine ID, or null for the default engine. */
export function engineFromParams(params: URLSearchParams): string | null {
  const v = params.get("engine");
  return v && ENGINE_ID.test(v) ? v : null;
}

/** The query for another engine: `engine` set (or removed for the default), the selection dropped (its IDs belong to the old engine). */
export function withEngine(params: URLSearchParams, engine: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("select");
  if (engine) next.set("engine", engine);
  else next.delete("engine");
  return next;
}
