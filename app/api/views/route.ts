import { readJson } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { listViews, viewOwner } from "@/lib/views/access";
import { newViewSchema, VIEW_LIMITS, type SavedView, type ViewsBody } from "@/lib/views/schema";

/** GET /api/views: the caller's saved views on this engine (the default one; /api/engines/{engine}/views for another). */
export const GET = withApi({ access: "read" }, async ({ actor, auth, session }) => {
  const body: ViewsBody = { views: listViews(auth, actor, session.id) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/views: save a view { name, filter, selection, viewport, positions }; 201 new, 200 when it replaced the caller's view of that name. */
export const POST = withApi({ access: "read", action: "view.save" }, async ({ request, actor, auth, session, audit }) => {
  const body = await readJson(request, newViewSchema, VIEW_LIMITS.bodyBytes);
  audit({ target: body.name });
  const owner = viewOwner(actor);
  const replacing = auth.views.list(owner, session.id).some((v) => v.name === body.name);
  if (!replacing && auth.views.count(owner, session.id) >= VIEW_LIMITS.perEngine) {
    throw new ApiError("conflict", `You keep ${VIEW_LIMITS.perEngine} views on this engine already: remove one first.`);
  }
  const { view, created } = auth.views.save(owner, session.id, body);
  audit({ target: `${view.name} (${view.id})` });
  const { userId: _owner, ...rest } = view;
  const saved: SavedView = { ...rest, mine: true };
  return Response.json({ view: saved }, { status: created ? 201 : 200, headers: { "Cache-Control": "no-store" } });
});
