/**
 * OIDC sign-in by better-auth's generic-oauth plugin: discovery, the
 * authorization request with PKCE (S256), state and nonce, the code exchange,
 * the ID token checked against the provider's keys, and sessions made by
 * better-auth itself, the same as a password sign-in's.
 *
 * The plugin lives in a better-auth instance of its own, on the same options,
 * database and secret as the password one (lib/auth/auth.ts), so a session it
 * makes is an ordinary cnmap session; and it is opened only when someone
 * signs in with OIDC, after cnmap has read the provider's discovery document
 * with a deadline. A provider that is down or slow can then hold up nobody
 * but the people signing in with it.
 *
 * cnmap's rules around the plugin:
 * - the state is kept in the database, bound to the browser by a signed
 *   cookie that is SameSite=Lax, not Strict like the session's: the provider
 *   sends the person back by a cross-site navigation, on which a Strict
 *   cookie is not sent, and the state would be lost;
 * - the identity is the ID token's issuer and subject (lib/auth/oidc-identity.ts);
 *   the e-mail address better-auth wants is made from it, so better-auth can
 *   never find, and join, another account by address; linking is off too;
 * - who may come in, as whom, is decided in mapProfileToUser, before any
 *   account is made; the decision is passed to the route that runs the
 *   callback (lib/auth/oidc-flow.ts) through an AsyncLocalStorage;
 * - the provider's tokens are not kept: cnmap needs them only to sign in.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { log } from "../server/log";
import type { Accounts } from "./accounts";
import { authOptions, type AuthOptions } from "./auth";
import type { OidcConfig } from "./oidc-config";
import { OidcUnavailableError, readDiscovery, secretAuthMethod, type DiscoveryDocument } from "./oidc-discovery";
import { claimAt, decideSignIn, identityOf, jwtPayload, type Claims, type SignInDecision } from "./oidc-identity";

/** better-auth's ID for the provider (in its `account` table and its callback path). */
export const OIDC_PROVIDER_ID = "oidc";

/** What one callback decided, for the route that ran it. */
export interface OidcAttempt {
  /** The identity (issuer#subject), once the ID token was verified. */
  identity: string | null;
  decision: SignInDecision | null;
}

const attempts = new AsyncLocalStorage<OidcAttempt>();

/** Runs a callback, collecting what mapProfileToUser decided during it. */
export async function inAttempt<T>(run: () => Promise<T>): Promise<{ result: T; attempt: OidcAttempt }> {
  const attempt: OidcAttempt = { identity: null, decision: null };
  const result = await attempts.run(attempt, run);
  return { result, attempt };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The address better-auth wants for a user, made from the identity: it can only ever match this identity's own account. */
export function identityEmail(identity: string): string {
  return `${createHash("sha256").update(identity).digest("hex").slice(0, 32)}@oidc.cnmap.invalid`;
}

async function userinfo(endpoint: string, accessToken: string): Promise<Claims | null> {
  try {
    const res = await fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body: unknown = await res.json();
    return isRecord(body) ? body : null;
  } catch (err) {
    log.warn(`OIDC: could not read userinfo from ${endpoint}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * The person's claims: the ID token's (verified by better-auth before this
 * runs), and when it lacks the groups claim or the user name, userinfo's for
 * the same subject (many providers put only `sub` in the ID token).
 */
async function claimsOf(tokens: { idToken?: string; accessToken?: string }, groupsClaim: string, userinfoEndpoint: string | undefined): Promise<Claims | null> {
  const id = tokens.idToken ? jwtPayload(tokens.idToken) : null;
  if (!id) return null;
  const complete = claimAt(id, groupsClaim) !== undefined && id.preferred_username !== undefined;
  if (complete || !userinfoEndpoint || !tokens.accessToken) return id;
  const info = await userinfo(userinfoEndpoint, tokens.accessToken);
  if (!info) return id;
  if (info.sub !== id.sub) {
    log.warn("OIDC: userinfo named another subject than the ID token; ignored");
    return id;
  }
  return { ...info, ...id };
}

function claimsIn(profile: Record<string, unknown>): Claims {
  return isRecord(profile.claims) ? profile.claims : {};
}

function createOidcAuth(base: AuthOptions, config: OidcConfig, discovery: DiscoveryDocument, accounts: Accounts) {
  const options = authOptions(base);
  return betterAuth({
    ...options,
    plugins: [
      ...options.plugins,
      genericOAuth({
        config: [
          {
            providerId: OIDC_PROVIDER_ID,
            name: config.name,
            discoveryUrl: config.discoveryUrl,
            // No provider unless discovery gave the issuer and keys to check ID tokens with.
            requireIdTokenVerification: true,
            clientId: config.clientId,
            ...(config.clientSecret ? { clientSecret: config.clientSecret, tokenEndpointAuth: { method: secretAuthMethod(discovery) } } : { tokenEndpointAuth: { method: "none" as const } }),
            scopes: config.scopes,
            redirectURI: config.redirectUri,
            pkce: true,
            accountSubject: ({ profile }) => identityOf(claimsIn(profile)) ?? "",
            getUserInfo: async (tokens) => {
              const claims = await claimsOf(tokens, config.groupsClaim, discovery.userinfo_endpoint);
              if (!claims || typeof claims.sub !== "string") return null;
              return { sub: claims.sub, emailVerified: false, claims };
            },
            mapProfileToUser: (profile) => {
              const attempt = attempts.getStore();
              const claims = claimsIn(profile);
              const identity = identityOf(claims);
              if (!attempt || !identity) throw new APIError("UNAUTHORIZED", { message: "Not an OIDC sign-in cnmap started.", code: "oidc_failed" });
              attempt.identity = identity;
              const linked = accounts.byProviderAccount(OIDC_PROVIDER_ID, identity);
              const decision = decideSignIn(claims, config, { linked, nameTaken: (name) => accounts.byName(name) !== null });
              attempt.decision = decision;
              // Refused before any account is made or changed.
              if (!decision.ok) throw new APIError("FORBIDDEN", { message: decision.reason, code: decision.code });
              return { name: decision.username, username: decision.username, displayUsername: decision.username, email: identityEmail(identity), emailVerified: true };
            },
          },
        ],
      }),
    ],
    account: {
      storeStateStrategy: "database" as const,
      accountLinking: { enabled: false },
      updateAccountOnSignIn: false,
    },
    advanced: { ...options.advanced, cookies: { state: { attributes: { sameSite: "lax" as const } } } },
    databaseHooks: {
      account: { create: { before: async (account) => ({ data: { ...account, accessToken: null, refreshToken: null, idToken: null } }) } },
    },
  });
}

export type OidcAuth = ReturnType<typeof createOidcAuth>;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OidcUnavailableError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** OIDC sign-in for one server: the better-auth instance, opened on first use and again after a failure. */
export class OidcSignIn {
  private opening: Promise<OidcAuth> | null = null;

  constructor(
    private readonly base: AuthOptions,
    readonly config: OidcConfig,
    private readonly accounts: Accounts,
  ) {}

  get publicUrl(): string {
    return this.base.publicUrl;
  }

  /** The instance, once the provider's discovery document was read and checked; an OidcUnavailableError says why not. */
  ready(): Promise<OidcAuth> {
    if (!this.opening) {
      const opening = this.open();
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
      this.opening = opening;
    }
    return this.opening;
  }

  private async open(): Promise<OidcAuth> {
    const discovery = await readDiscovery(this.config.discoveryUrl, this.config.issuer);
    const auth = createOidcAuth(this.base, this.config, discovery, this.accounts);
    const ctx = await within(auth.$context, 15_000, this.config.discoveryUrl);
    if (!ctx.socialProviders.some((p) => p.id === OIDC_PROVIDER_ID)) throw new OidcUnavailableError(`the provider at ${this.config.issuer} could not be set up (see the log above)`);
    return auth;
  }
}
