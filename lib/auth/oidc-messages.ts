/**
 * Why an OIDC sign-in did not happen, as a short code in the sign-in page's
 * URL (`/login?error=oidc_no_role`) and as words on that page. Only these
 * codes reach the page, so nothing a provider or a link says is shown as is.
 * Pure and browser-safe.
 */
export const OIDC_ERRORS = {
  oidc_no_role: (p: string) => `Your account at ${p} is in no group that has a role in cnmap, so you cannot sign in. Ask an admin to give one of your groups a role.`,
  oidc_name_taken: (p: string) =>
    `cnmap already has an account with your user name that is not your ${p} account. cnmap never joins the two; ask an admin to rename or remove the other account.`,
  oidc_no_username: (p: string) => `${p} sent no user name cnmap can use (the preferred_username claim).`,
  oidc_state: () => "This sign-in expired or was not started in this browser. Please try again.",
  oidc_denied: (p: string) => `Sign-in at ${p} was cancelled or refused.`,
  oidc_scope: (p: string) => `${p} refused the scopes cnmap asked for; an admin can change them with CNMAP_OIDC_SCOPES.`,
  oidc_unavailable: (p: string) => `${p} cannot be reached right now. Try again later, or sign in with a password.`,
  oidc_failed: (p: string) => `Sign-in with ${p} failed. Try again; if it keeps failing, an admin will find the reason in the server log and the audit trail.`,
} as const;

export type OidcErrorCode = keyof typeof OIDC_ERRORS;

export function isOidcErrorCode(value: unknown): value is OidcErrorCode {
  return typeof value === "string" && Object.hasOwn(OIDC_ERRORS, value);
}

/** The words for a code in the sign-in page's URL; null for no code or one that is not ours. */
export function oidcErrorMessage(code: string | null | undefined, providerName: string): string | null {
  return isOidcErrorCode(code) ? OIDC_ERRORS[code](providerName) : null;
}

/** Our code for an error of the callback: better-auth's own (state_mismatch...) or the provider's (access_denied...). */
export function callbackErrorCode(error: string): OidcErrorCode {
  if (/^state_|^no_callback_url$|^nonce_binding_missing$/.test(error)) return "oidc_state";
  if (error === "access_denied" || error === "login_required" || error === "consent_required" || error === "interaction_required") return "oidc_denied";
  if (error === "invalid_scope") return "oidc_scope";
  if (error === "temporarily_unavailable" || error === "oauth_provider_not_found") return "oidc_unavailable";
  return "oidc_failed";
}
