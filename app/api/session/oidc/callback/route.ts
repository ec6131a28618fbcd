import { withApi } from "@/lib/api/with-api";
import { finishOidc } from "@/lib/auth/oidc-flow";

/** GET /api/session/oidc/callback: the provider's answer. 200 and a session with a page that moves on; else 302 to the sign-in page, saying why. Audited. */
export const GET = withApi({ access: "public", scope: "none", action: "sign-in" }, async ({ request, auth, audit }) => finishOidc(auth, request, audit));
