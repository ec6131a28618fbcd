/**
 * The two steps of an OIDC sign-in, for the routes under app/api/session/oidc:
 * - start: better-auth makes the authorization request (PKCE S256, state,
 *   nonce) and its state cookie; the person is sent to the provider;
 * - finish: better-auth checks the state, exchanges the code and verifies the
 *   ID token; cnmap's decision (lib/auth/oidc-identity.ts) lets the person in
 *   or not; the roles are replaced by the mapped ones; the way on is a page of
 *   cnmap's own (lib/auth/oidc-return.ts) or the sign-in page saying why not.
 * Every finish is audited by the route's door, with what only this step knows.
 */
import "server-only";
import { ApiError } from "../api/errors";
import type { AuditDetails } from "../api/with-api";
import { log } from "../server/log";
import type { AuthContext } from "./context";
import { inAttempt, OIDC_PROVIDER_ID, type OidcAuth, type OidcSignIn } from "./oidc-auth";
import { callbackErrorCode, type OidcErrorCode } from "./oidc-messages";
import { continuePage, failureOf, loginLocation, nextFromSuccess, setsSession } from "./oidc-return";
import { describeGrant } from "./oidc-roles";
import { safeNextPath } from "./next-path";

const NO_STORE = { "Cache-Control": "no-store" };

function configured(ctx: AuthContext): OidcSignIn {
  if (!ctx.oidc) throw new ApiError("not_found", "OIDC sign-in is not configured here (CNMAP_OIDC_ISSUER).");
  return ctx.oidc;
}

function redirect(location: string, cookies: string[] = []): Response {
  const res = new Response(null, { status: 302, headers: { Location: location, ...NO_STORE } });
  for (const c of cookies) res.headers.append("Set-Cookie", c);
  return res;
}

/** GET /api/session/oidc?next=PATH: to the provider, or back to the sign-in page when it cannot be reached. */
export async function startOidc(ctx: AuthContext, request: Request): Promise<Response> {
  const oidc = configured(ctx);
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  try {
    const auth = await oidc.ready();
    const { headers, response } = await auth.api.signInSocial({
      body: {
        provider: OIDC_PROVIDER_ID,
        callbackURL: `${oidc.publicUrl}${next}`,
        errorCallbackURL: `${oidc.publicUrl}${next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`}`,
        disableRedirect: true,
      },
      headers: request.headers,
      returnHeaders: true,
    });
    if (!response.url) throw new Error("better-auth gave no authorization URL");
    return redirect(response.url, headers.getSetCookie());
  } catch (err) {
    log.warn(`OIDC sign-in could not start: ${err instanceof Error ? err.message : String(err)}`);
    return redirect(loginLocation("oidc_unavailable", next));
  }
}

const CALLBACK_PARAMS = ["code", "state", "iss", "error", "error_description"] as const;

/** GET /api/session/oidc/callback: the provider's answer. */
export async function finishOidc(ctx: AuthContext, request: Request, audit: (details: AuditDetails) => void): Promise<Response> {
  const oidc = configured(ctx);
  const refuse = (code: OidcErrorCode, reason: string, actor: string | null, next: string, cookies: string[]): Response => {
    audit({ actor: actor ?? "(not signed in)", target: actor ?? "", outcome: "refused", message: `OIDC (${oidc.config.name}): ${reason}` });
    return redirect(loginLocation(code, next), cookies);
  };
  let auth: OidcAuth;
  try {
    auth = await oidc.ready();
  } catch (err) {
    return refuse("oidc_unavailable", err instanceof Error ? err.message : String(err), null, "/", []);
  }
  const url = new URL(request.url);
  const query: Partial<Record<(typeof CALLBACK_PARAMS)[number], string>> = {};
  for (const key of CALLBACK_PARAMS) {
    const v = url.searchParams.get(key);
    if (v !== null) query[key] = v;
  }
  const { result, attempt } = await inAttempt(() =>
    auth.api.callbackOAuth({ params: { id: OIDC_PROVIDER_ID }, query, headers: request.headers, method: "GET", asResponse: true }),
  );
  const location = result.headers.get("location");
  const setCookies = result.headers.getSetCookie();
  // The state cookie's removal goes back to the browser either way; the session only with a sign-in that was let in.
  const otherCookies = setCookies.filter((c) => !setsSession(c));
  const decision = attempt.decision;
  const identity = attempt.identity;

  if (decision?.ok && identity && setCookies.some(setsSession)) {
    const user = ctx.accounts.byProviderAccount(OIDC_PROVIDER_ID, identity);
    if (user) {
      ctx.accounts.replaceRoles(user.id, decision.grant);
      audit({ actor: user.username, target: user.username, outcome: "ok", message: `OIDC (${oidc.config.name}) as ${describeGrant(decision.grant)}` });
      const res = new Response(continuePage(nextFromSuccess(location, oidc.publicUrl)), { status: 200, headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE } });
      for (const c of setCookies) res.headers.append("Set-Cookie", c);
      return res;
    }
    log.error(`OIDC: signed in, but no account holds ${identity}`);
  }

  if (decision && !decision.ok) {
    // The provider's word is the latest: an identity that no longer maps to a role loses what it had, and its sessions.
    const linked = identity ? ctx.accounts.byProviderAccount(OIDC_PROVIDER_ID, identity) : null;
    if (linked) {
      ctx.accounts.replaceRoles(linked.id, { role: null, engineRoles: {} });
      ctx.accounts.endSessions(linked.id);
    }
    return refuse(decision.code, decision.reason, decision.username, "/", otherCookies);
  }

  const failure = failureOf(location, oidc.publicUrl);
  const error = failure.error ?? `HTTP ${result.status}`;
  return refuse(callbackErrorCode(error), failure.description ? `${error}: ${failure.description}` : error, decision?.username ?? null, failure.next, otherCookies);
}
