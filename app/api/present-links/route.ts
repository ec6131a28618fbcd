import { readJson } from "@/lib/api/body";
import { withApi } from "@/lib/api/with-api";
import { checkLinkTarget, linkQuery, newLinkSchema, requireLinkAdmin, type NewPresentLinkBody, type PresentLinksBody } from "@/lib/auth/present-api";

/** GET /api/present-links: every presentation link, revoked ones too (global admins; never a token). */
export const GET = withApi({ access: "administer", scope: "none" }, async ({ actor, auth }) => {
  requireLinkAdmin(auth, actor);
  const body: PresentLinksBody = { links: auth.links.list() };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/present-links: { label, engine, view?, query? } → 201 { path: "/p/<token>", link }, the token shown this once. */
export const POST = withApi({ access: "administer", scope: "none", action: "present-link.create" }, async ({ request, actor, auth, engines, audit }) => {
  const body = await readJson(request, newLinkSchema);
  audit({ target: body.label, engine: body.engine });
  requireLinkAdmin(auth, actor);
  const view = body.view ?? null;
  checkLinkTarget(auth, engines, body.engine, view);
  const query = linkQuery(body.query ?? "");
  const { token, link } = auth.links.create({ label: body.label, engine: body.engine, view, query, createdBy: actor.name });
  audit({ target: `${link.label} (${link.prefix}…)` });
  const made: NewPresentLinkBody = { path: `/p/${token}`, link };
  return Response.json(made, { status: 201, headers: { "Cache-Control": "no-store" } });
});
