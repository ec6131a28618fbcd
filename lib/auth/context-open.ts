/** Opens the data folder's accounts, sessions, audit trail, added engines, saved views and presentation links: for the server (lib/auth/context.ts) and the users CLI. */
import { Accounts } from "./accounts";
import { AuditTrail } from "./audit";
import { authSecret, createAuth, migrateAuth, type Auth, type AuthOptions } from "./auth";
import { openDatabase } from "./db";
import { EngineStore } from "./engine-store";
import { PresentLinks } from "./present-links";
import { ViewStore } from "./view-store";
import type { OidcSignIn } from "./oidc-auth";
import { SignInLimiter } from "./sign-in-limit";

export interface AuthContext {
  auth: Auth;
  accounts: Accounts;
  audit: AuditTrail;
  signIns: SignInLimiter;
  /** OIDC sign-in, when configured (CNMAP_OIDC_*; the server only). */
  oidc: OidcSignIn | null;
  /** The engines global admins added in the UI. */
  engines: EngineStore;
  /** Saved views, per user and engine. */
  views: ViewStore;
  /** Presentation links: read-only access to one engine without an account. */
  links: PresentLinks;
}

/** Whether every page and API call needs a signed-in person: as soon as one account exists, or OIDC sign-in is configured. */
export function signInRequired(ctx: Pick<AuthContext, "accounts" | "oidc">): boolean {
  return ctx.oidc !== null || ctx.accounts.count() > 0;
}

/** Makes OIDC sign-in on the opened database, or null: the server passes one when CNMAP_OIDC_* is set. */
export type OidcOpener = (options: AuthOptions, accounts: Accounts) => OidcSignIn | null;

/** Opens the data folder's database (creating and migrating it) and the services on it. */
export async function openAuthContext(
  dataDir: string,
  publicUrl: string,
  env: Record<string, string | undefined>,
  openOidc: OidcOpener = () => null,
): Promise<AuthContext> {
  const db = openDatabase(dataDir);
  const options: AuthOptions = { db, secret: authSecret(dataDir, env), publicUrl };
  const auth = createAuth(options);
  await migrateAuth(auth);
  const accounts = new Accounts(db, auth);
  return { auth, accounts, audit: new AuditTrail(db), signIns: new SignInLimiter(), oidc: openOidc(options, accounts), engines: new EngineStore(db), views: new ViewStore(db), links: new PresentLinks(db) };
}
