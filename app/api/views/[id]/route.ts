import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { openView, viewOwner } from "@/lib/views/access";

/** GET /api/views/{id}: open a view of this engine, the caller's or one shared with them (read-only). 404 for anything else. */
export const GET = withApi<{ id: string }>({ access: "read" }, async ({ params, actor, auth, session }) => {
  const view = openView(auth, actor, session.id, params.id.slice(0, 64));
  return Response.json({ view }, { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/views/{id}: remove one of the caller's own views. 204. */
export const DELETE = withApi<{ id: string }>({ access: "read", action: "view.remove" }, async ({ params, actor, auth, session, audit }) => {
  const id = params.id.slice(0, 64);
  audit({ target: id });
  const owner = viewOwner(actor);
  const view = auth.views.get(id);
  if (!view || view.userId !== owner || view.engine !== session.id || !auth.views.remove(owner, id)) throw new ApiError("not_found", "You have no such view on this engine.");
  audit({ target: `${view.name} (${id})` });
  return new Response(null, { status: 204 });
});
