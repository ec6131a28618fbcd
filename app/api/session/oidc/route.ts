import { withApi } from "@/lib/api/with-api";
import { startOidc } from "@/lib/auth/oidc-flow";

/** GET /api/session/oidc?next=PATH: sign in with the OIDC provider (302 to it; to the sign-in page, saying why, when it cannot be reached). */
export const GET = withApi({ access: "public", scope: "none" }, async ({ request, auth }) => startOidc(auth, request));
