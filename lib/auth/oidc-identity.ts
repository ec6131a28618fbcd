/**
 * Who an OIDC sign-in is, and whether they may come in. Pure.
 *
 * - An identity is the provider's issuer and subject (`iss`, `sub`), never an
 *   e-mail address or a name: subjects are unique only within an issuer, and
 *   names and addresses can be chosen by whoever controls them.
 * - Its cnmap user name comes from `preferred_username` (else the e-mail
 *   address), up to any `@`, lower-cased, with every run of characters the
 *   USERNAME rule refuses made a `-`. A returning identity keeps the name it
 *   was first given.
 * - A new identity whose name an existing account has (a local password
 *   account, or another identity's) is refused, never joined to it: joining
 *   would hand that account to whoever can set a name at the provider.
 * - The roles come from the groups claim through CNMAP_OIDC_ROLES; none means
 *   no sign-in.
 */
import { USERNAME } from "./auth";
import type { OidcErrorCode } from "./oidc-messages";
import { grantsAnything, rolesForGroups, type OidcRoleRule, type RoleGrant } from "./oidc-roles";

/** Claims as the provider gave them: the verified ID token's, with userinfo's. */
export type Claims = Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JWT's payload, not checked here: only for a token already verified (better-auth checks the ID token's signature, issuer, audience and nonce first). */
export function jwtPayload(token: string): Claims | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** A claim by its name, else by a dotted path into nested claims (`realm_access.roles`). */
export function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let here: unknown = claims;
  for (const key of name.split(".")) {
    if (!isRecord(here) || !Object.hasOwn(here, key)) return undefined;
    here = here[key];
  }
  return here;
}

/** The groups in a claim: a list of strings, or one string; anything else is no group. */
export function groupsOf(claims: Claims, claimName: string): string[] {
  const value = claimAt(claims, claimName);
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string" && g !== "");
  return [];
}

function trimEdges(s: string): string {
  return s.replace(/^[^a-z0-9]+/, "").replace(/[^a-z0-9]+$/, "");
}

/** A provider's name for someone as a cnmap user name (lib/auth/auth.ts USERNAME), or null when nothing usable is left. */
export function normaliseUsername(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const local = raw.trim().split("@")[0] ?? "";
  const plain = local.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const name = trimEdges(trimEdges(plain.replace(/[^a-z0-9_.-]+/g, "-")).slice(0, 64));
  return USERNAME.test(name) ? name : null;
}

export function usernameOf(claims: Claims): string | null {
  return normaliseUsername(claims.preferred_username) ?? normaliseUsername(claims.email);
}

/** The identity: issuer and subject (an issuer has no `#`, so the first one separates them). Null without both. */
export function identityOf(claims: Claims): string | null {
  const { iss, sub } = claims;
  if (typeof iss !== "string" || iss === "" || (typeof sub !== "string" && typeof sub !== "number") || String(sub) === "") return null;
  return `${iss}#${String(sub)}`;
}

export interface KnownAccounts {
  /** The user this identity signed in as before, if any. */
  linked: { id: string; username: string } | null;
  /** Whether any account has this user name. */
  nameTaken(name: string): boolean;
}

export interface SignInRules {
  groupsClaim: string;
  roles: readonly OidcRoleRule[];
}

export type SignInDecision =
  | { ok: true; username: string; grant: RoleGrant; groups: string[] }
  | { ok: false; code: OidcErrorCode; reason: string; username: string | null };

/** Whether this identity may sign in, as whom, with which roles. */
export function decideSignIn(claims: Claims, rules: SignInRules, known: KnownAccounts): SignInDecision {
  const username = known.linked?.username ?? usernameOf(claims);
  if (username === null) return { ok: false, code: "oidc_no_username", reason: "the provider sent no usable preferred_username or email", username: null };
  const groups = groupsOf(claims, rules.groupsClaim);
  const grant = rolesForGroups(rules.roles, groups);
  if (!grantsAnything(grant)) {
    const listed = groups.length > 0 ? `groups ${groups.join(", ")}` : `no groups (claim ${rules.groupsClaim})`;
    return { ok: false, code: "oidc_no_role", reason: `${listed}: no role in CNMAP_OIDC_ROLES`, username };
  }
  if (!known.linked && known.nameTaken(username)) {
    return { ok: false, code: "oidc_name_taken", reason: `an account named ${username} exists already and is not this identity's; not joined`, username };
  }
  return { ok: true, username, grant, groups };
}
