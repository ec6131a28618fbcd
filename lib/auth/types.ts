/** Bodies of the account routes: one declaration for the routes, the pages and the tests. */
import type { AuditEntry } from "./audit";
import type { TokenRecord } from "./accounts";

/** GET /api/session. */
export interface SessionBody {
  /** Whether sign-in is on: accounts exist, or OIDC sign-in is configured (then every API call needs a session or a token). */
  authEnabled: boolean;
  /** Who is signed in, with their role on the default engine; null when nobody. */
  actor: { name: string; kind: "local" | "user" | "token" | "link"; role: string } | null;
  /** Whether the caller may manage people (a global admin, or the local person). */
  managesPeople: boolean;
}

/** GET /api/tokens. */
export interface TokensBody {
  tokens: TokenRecord[];
}

/** POST /api/tokens: the token itself, shown this once. */
export interface NewTokenBody {
  token: string;
  record: TokenRecord;
}

/** GET /api/audit. */
export interface AuditBody {
  entries: AuditEntry[];
}
