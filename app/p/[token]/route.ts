import { withApi } from "@/lib/api/with-api";
import { linkTarget } from "@/lib/auth/present-api";
import { openedPage, refusedPage } from "@/lib/auth/present-open";
import { serverConfig } from "@/lib/config";

/**
 * GET /p/{token}: open a presentation link. A good one sets its httpOnly,
 * SameSite=Strict cookie and moves on to /present on the link's engine (with
 * its view and query); the holder is then a viewer of that one engine. Every
 * opening, good or not, is in the audit trail (`present-link.open`).
 */
export const GET = withApi<{ token: string }>({ access: "public", scope: "none", action: "present-link.open" }, async ({ params, auth, audit }) => {
  const token = params.token.slice(0, 100);
  const link = auth.links.verify(token);
  if ("refused" in link) {
    audit({ target: `${token.slice(0, 14)}…`, message: link.refused });
    return refusedPage(link.refused);
  }
  audit({ actor: `link:${link.label}`, engine: link.engine, target: `${link.label} (${link.prefix}…)` });
  return openedPage(token, linkTarget(link), serverConfig().publicUrl.startsWith("https:"));
});
