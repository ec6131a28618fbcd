/**
 * Sign-in and sessions, by better-auth: passwords hashed with scrypt
 * (memory-hard), sessions in httpOnly SameSite=Strict cookies (Secure when
 * cnmap is served over HTTPS: CNMAP_PUBLIC_URL), expiry and renewal. Only
 * its server API is used: no better-auth route is exposed, so there is no
 * sign-up, password-reset or OAuth endpoint to attack; cnmap's own routes
 * (app/api/session) call it after the door's checks. OIDC sign-in has an
 * instance of its own on the same options (lib/auth/oidc-auth.ts).
 */
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { username } from "better-auth/plugins/username";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "./db";

/** User names: 2 to 64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit (better-auth's default refuses '-'). */
export const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

/** How long a session lasts without use, and how often its expiry is pushed back while used. */
export const SESSION_SECONDS = 7 * 24 * 3600;
const SESSION_RENEW_SECONDS = 24 * 3600;

/** The key that signs session cookies: CNMAP_AUTH_SECRET, else one made once and kept (0600) in the data folder. */
export function authSecret(dataDir: string, env: Record<string, string | undefined>): string {
  if (env.CNMAP_AUTH_SECRET && env.CNMAP_AUTH_SECRET.length >= 32) return env.CNMAP_AUTH_SECRET;
  const file = path.join(/*turbopackIgnore: true*/ dataDir, "auth-secret");
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(/*turbopackIgnore: true*/ file, 0o600);
  return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
}

export interface AuthOptions {
  db: Db;
  secret: string;
  /** Where people reach cnmap (CNMAP_PUBLIC_URL): https:// makes the cookies Secure. */
  publicUrl: string;
}

/** better-auth's options for cnmap: shared by the password instance below and the OIDC one (lib/auth/oidc-auth.ts), so both make the same sessions. */
export function authOptions({ db, secret, publicUrl }: AuthOptions) {
  return {
    database: db,
    secret,
    baseURL: publicUrl,
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: (name) => USERNAME.test(name) })],
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_RENEW_SECONDS },
    // The door limits sign-in attempts itself (lib/auth/sign-in-limit.ts); better-auth's limiter guards its HTTP handler, unused here.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "cnmap",
      useSecureCookies: publicUrl.startsWith("https://"),
      defaultCookieAttributes: { sameSite: "strict" as const, httpOnly: true, path: "/" },
    },
  };
}

export function createAuth(options: AuthOptions) {
  return betterAuth(authOptions(options));
}

export type Auth = ReturnType<typeof createAuth>;

/** Creates or updates better-auth's own tables. */
export async function migrateAuth(auth: Auth): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
