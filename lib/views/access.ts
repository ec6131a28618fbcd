/**
 * Who may do what with saved views on the server (the routes under
 * /api/views and /api/engines/{engine}/views; the door has already checked a
 * role on the engine):
 * - a signed-in person (or their token) saves, lists and removes their own
 *   views on that engine, and no one else's;
 * - anyone with a role on the view's engine may open a view by its ID (the
 *   link's random UUID), read-only: that is how a view is shared. A view of
 *   an engine they have no role on does not exist for them (the door answers
 *   404 before this runs), nor does a view of another engine than the route's;
 * - a presentation link's holder opens the one view the link names, and lists
 *   only it; they save and remove nothing;
 * - without sign-in there is no server store: views live in the browser (409).
 */
import "server-only";
import { ApiError } from "../api/errors";
import type { Actor } from "../api/with-api";
import type { AuthContext } from "../auth/context";
import type { StoredView } from "../auth/view-store";
import { VIEW_ID, type SavedView } from "./schema";

export const NO_SERVER_STORE =
  "cnmap runs without sign-in, so views are kept in your browser, not on the server (and a view's link carries the view itself).";

/** The user a view change is for: a signed-in person, or their token. */
export function viewOwner(actor: Actor): string {
  if (actor.kind === "local") throw new ApiError("conflict", NO_SERVER_STORE);
  if (actor.kind === "link") throw new ApiError("forbidden", "A presentation link shows views; it does not save or remove them.");
  if (!actor.userId) throw new ApiError("unauthorized", "Sign in first.");
  return actor.userId;
}

function shown(view: StoredView, actor: Actor): SavedView {
  const { userId, ...rest } = view;
  return { ...rest, mine: userId === actor.userId };
}

/** The view with this ID on this engine, if the caller may open it; 404 otherwise (whether it exists or not). */
export function openView(auth: AuthContext, actor: Actor, engineId: string, id: string): SavedView {
  if (actor.kind === "local") throw new ApiError("conflict", NO_SERVER_STORE);
  const missing = new ApiError("not_found", "No such view on this engine.");
  if (!VIEW_ID.test(id) || id.startsWith("local-")) throw missing;
  const view = auth.views.get(id);
  if (!view || view.engine !== engineId) throw missing;
  if (actor.kind === "link" && actor.link?.view !== id) throw missing;
  if (actor.kind !== "link" && !actor.userId) throw missing;
  return shown(view, actor);
}

/** The views the caller lists on this engine: their own; a presentation link's holder, the link's view. */
export function listViews(auth: AuthContext, actor: Actor, engineId: string): SavedView[] {
  if (actor.kind === "link") {
    const id = actor.link?.view;
    const view = id ? auth.views.get(id) : null;
    return view && view.engine === engineId ? [shown(view, actor)] : [];
  }
  return auth.views.list(viewOwner(actor), engineId).map((v) => shown(v, actor));
}
