/**
 * The server's accounts, sessions and audit trail, opened once from
 * CNMAP_DATA_DIR (on globalThis, like the engine registry: each route is
 * bundled with its own copy of every module).
 */
import "server-only";
import { serverConfig } from "../config";
import { openAuthContext, type AuthContext } from "./context-open";
import { OidcSignIn } from "./oidc-auth";

export type { AuthContext };

const globalForAuth = globalThis as typeof globalThis & { __cnmapAuth?: Promise<AuthContext> };

export function authContext(): Promise<AuthContext> {
  if (!globalForAuth.__cnmapAuth) {
    const { dataDir, publicUrl, oidc } = serverConfig();
    const opening = openAuthContext(dataDir, publicUrl, process.env, (options, accounts) => (oidc ? new OidcSignIn(options, oidc, accounts) : null));
    // A failed open is tried again by the next request rather than cached.
    opening.catch(() => {
      if (globalForAuth.__cnmapAuth === opening) globalForAuth.__cnmapAuth = undefined;
    });
    globalForAuth.__cnmapAuth = opening;
  }
  return globalForAuth.__cnmapAuth;
}
