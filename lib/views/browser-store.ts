/**
 * Saved views kept in the browser (localStorage), for cnmap without sign-in:
 * the same shape as the server's, with IDs `local-<uuid>`. Every entry is
 * checked with the API's schema when read, so a hand-edited store cannot
 * hand the canvas a bad view. Pure over a Storage-like object.
 */
import { carriedViewSchema, VIEW_LIMITS, type CarriedView, type SavedView } from "./schema";

export const BROWSER_VIEWS_KEY = "cnmap.views.v1";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function readAll(store: KeyValueStore): SavedView[] {
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(BROWSER_VIEWS_KEY) ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: SavedView[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const { id, createdAt, updatedAt, mine: _mine, ...rest } = item as Record<string, unknown>;
    const parsed = carriedViewSchema.safeParse(rest);
    if (!parsed.success || typeof id !== "string" || !id.startsWith("local-") || typeof createdAt !== "string" || typeof updatedAt !== "string") continue;
    out.push({ ...parsed.data, id, createdAt, updatedAt, mine: true });
  }
  return out;
}

/** The browser's views on one engine, by name. */
export function browserViews(store: KeyValueStore, engine: string): SavedView[] {
  return readAll(store)
    .filter((v) => v.engine === engine)
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

export class BrowserStoreError extends Error {}

/** Saves a view; one of the same name on the same engine is replaced and keeps its ID. */
export function saveBrowserView(store: KeyValueStore, view: CarriedView, now: Date, newId: () => string): SavedView {
  const all = readAll(store);
  const at = now.toISOString();
  const existing = all.find((v) => v.engine === view.engine && v.name === view.name);
  if (!existing && all.filter((v) => v.engine === view.engine).length >= VIEW_LIMITS.perEngine) {
    throw new BrowserStoreError(`This browser keeps ${VIEW_LIMITS.perEngine} views of this engine already: remove one first.`);
  }
  const saved: SavedView = { ...view, id: existing?.id ?? `local-${newId()}`, createdAt: existing?.createdAt ?? at, updatedAt: at, mine: true };
  const next = existing ? all.map((v) => (v.id === existing.id ? saved : v)) : [...all, saved];
  try {
    store.setItem(BROWSER_VIEWS_KEY, JSON.stringify(next));
  } catch {
    throw new BrowserStoreError("The browser would not keep the view (its storage is full or turned off).");
  }
  return saved;
}

/** Removes a view; false when there is none with this ID. */
export function removeBrowserView(store: KeyValueStore, id: string): boolean {
  const all = readAll(store);
  const next = all.filter((v) => v.id !== id);
  if (next.length === all.length) return false;
  store.setItem(BROWSER_VIEWS_KEY, JSON.stringify(next));
  return true;
}
