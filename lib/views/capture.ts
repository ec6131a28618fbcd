/**
 * The view on screen, as a view to save: the filter and the selection from
 * the URL, the viewport and the drawn nodes' positions from the canvas. Pure.
 */
import { filterFromParams, type ParamReader } from "../graph/filter-url";
import { parseSelection, SELECT_PARAM } from "../selection";
import { newViewSchema, VIEW_LIMITS, type NewView } from "./schema";

export interface CanvasNow {
  /** The page's query. */
  params: ParamReader;
  viewport: { x: number; y: number; zoom: number };
  nodes: readonly { id: string; position: { x: number; y: number } }[];
}

export type Captured = { ok: true; view: NewView } | { ok: false; reason: string };

export function captureView(name: string, now: CanvasNow): Captured {
  if (now.nodes.length > VIEW_LIMITS.positions) {
    return { ok: false, reason: `The canvas draws ${now.nodes.length} nodes; a view keeps at most ${VIEW_LIMITS.positions}. Group or filter the graph first.` };
  }
  const select = now.params.get(SELECT_PARAM);
  const candidate = {
    name,
    filter: filterFromParams(now.params),
    selection: select !== null && parseSelection(select) ? select : null,
    viewport: { x: now.viewport.x, y: now.viewport.y, zoom: now.viewport.zoom },
    positions: Object.fromEntries(now.nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])),
  };
  const parsed = newViewSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${issue.path.join(".") || "view"}: ${issue.message}` : "not a view" };
  }
  return { ok: true, view: parsed.data };
}

/** The in-app address that opens a view: its engine, and the view (by ID from the server, or carried whole in the fragment). */
export function viewHref(engine: string, view: { id: string } | { encoded: string }): string {
  const query = new URLSearchParams({ engine });
  if ("id" in view) {
    query.set("view", view.id);
    return `/?${query.toString()}`;
  }
  return `/?${query.toString()}#view=${view.encoded}`;
}
