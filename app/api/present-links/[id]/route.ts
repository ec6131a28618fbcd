import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/with-api";
import { requireLinkAdmin } from "@/lib/auth/present-api";

/** DELETE /api/present-links/{id}: revoke a link; its next request is refused and its open event streams end. 204. */
export const DELETE = withApi<{ id: string }>({ access: "administer", scope: "none", action: "present-link.revoke" }, async ({ params, actor, auth, audit }) => {
  const id = params.id.slice(0, 64);
  audit({ target: id });
  requireLinkAdmin(auth, actor);
  const link = auth.links.revoke(id);
  if (!link) throw new ApiError("not_found", `No active presentation link ${id}.`);
  audit({ target: `${link.label} (${link.prefix}…)`, engine: link.engine });
  return new Response(null, { status: 204 });
});
