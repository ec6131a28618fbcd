/**
 * Accounts, roles and API tokens, on the data folder's database. Users and
 * their passwords are better-auth's (its `user` and `account` tables, the
 * password hashed by its scrypt); cnmap adds:
 * - roles, global or per engine (`cnmap_role`; an engine's own role wins over
 *   the global one; no role means the engine is not shown);
 * - API tokens for scripts (`cnmap_token`): 256 random bits, prefixed
 *   `cnmap_` so a leaked one is recognisable, shown once and stored only as a
 *   SHA-256 (a token this random needs no slow hash), with an expiry and a
 *   role no higher than its owner's, revocable. Not better-auth's API-key
 *   plugin: its releases pin older better-auth internals exactly, and
 *   installing it beside better-auth 1.7.25 fails to resolve.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { USERNAME, type Auth } from "./auth";
import type { Db } from "./db";
import { isRole, lesserRole, type Role } from "./roles";

export interface UserRecord {
  id: string;
  username: string;
  /** The global role, if any. */
  role: Role | null;
  /** Roles on single engines, by engine ID. */
  engineRoles: Record<string, Role>;
}

export interface TokenRecord {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TokenOwner {
  user: UserRecord;
  token: TokenRecord;
}

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountError";
  }
}

const TOKEN_PREFIX = "cnmap_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

function tokenRecord(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: isRole(r.role) ? r.role : "viewer",
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly auth: Auth,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Auth is on as soon as one user exists. */
  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM "user"`).get() as { n: number }).n;
  }

  private userRow(where: "id" | "username", value: string): { id: string; username: string } | undefined {
    return this.db.prepare(`SELECT id, username FROM "user" WHERE ${where === "id" ? "id" : "username"} = ?`).get(value) as
      | { id: string; username: string }
      | undefined;
  }

  private record(row: { id: string; username: string }): UserRecord {
    const roles = this.db.prepare(`SELECT engine_id, role FROM cnmap_role WHERE user_id = ?`).all(row.id) as { engine_id: string; role: string }[];
    const engineRoles: Record<string, Role> = {};
    let role: Role | null = null;
    for (const r of roles) {
      if (!isRole(r.role)) continue;
      if (r.engine_id === "") role = r.role;
      else engineRoles[r.engine_id] = r.role;
    }
    return { id: row.id, username: row.username, role, engineRoles };
  }

  byId(id: string): UserRecord | null {
    const row = this.userRow("id", id);
    return row ? this.record(row) : null;
  }

  byName(username: string): UserRecord | null {
    const row = this.userRow("username", username.toLowerCase());
    return row ? this.record(row) : null;
  }

  list(): UserRecord[] {
    const rows = this.db.prepare(`SELECT id, username FROM "user" ORDER BY username`).all() as { id: string; username: string }[];
    return rows.map((r) => this.record(r));
  }

  /** The user's role on an engine: the engine's own, else the global one, else none. */
  roleOn(user: UserRecord, engineId: string): Role | null {
    return user.engineRoles[engineId] ?? user.role;
  }

  /** The user's highest role anywhere (for what concerns no single engine: tokens, the audit trail). */
  bestRole(user: UserRecord): Role | null {
    return [user.role, ...Object.values(user.engineRoles)].filter((r): r is Role => r !== null).reduce<Role | null>((best, r) => (best === null || lesserRole(best, r) === best ? r : best), null);
  }

  /** A new user with a password and a role (global, or on one engine). */
  async add(username: string, password: string, role: Role, engineId?: string): Promise<UserRecord> {
    const name = username.toLowerCase();
    if (!USERNAME.test(name)) throw new AccountError(`"${username}" is not a user name: 2 to 64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit.`);
    if (password.length < 10) throw new AccountError("The password must have at least 10 characters.");
    if (password.length > 256) throw new AccountError("The password may have at most 256 characters.");
    if (this.userRow("username", name)) throw new AccountError(`A user named ${name} exists already.`);
    const ctx = await this.auth.$context;
    const hash = await ctx.password.hash(password);
    const user = await ctx.internalAdapter.createUser({
      email: `${name}@users.cnmap.invalid`,
      name,
      username: name,
      displayUsername: name,
      emailVerified: true,
    }, { method: "email-password" });
    await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
    this.setRole(user.id, role, engineId);
    const created = this.byId(user.id);
    if (!created) throw new AccountError(`Could not create ${name}.`);
    return created;
  }

  /** The user an external sign-in (better-auth's `account` row of a provider) belongs to. */
  byProviderAccount(providerId: string, accountId: string): UserRecord | null {
    const row = this.db
      .prepare(`SELECT u.id, u.username FROM "account" a JOIN "user" u ON u.id = a."userId" WHERE a."providerId" = ? AND a."accountId" = ?`)
      .get(providerId, accountId) as { id: string; username: string } | undefined;
    return row ? this.record(row) : null;
  }

  /** Replaces all of a user's roles (OIDC sign-in: the provider's groups decide them). */
  replaceRoles(userId: string, roles: { role: Role | null; engineRoles: Record<string, Role> }): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM cnmap_role WHERE user_id = ?`).run(userId);
      if (roles.role) this.setRole(userId, roles.role);
      for (const [engineId, role] of Object.entries(roles.engineRoles)) this.setRole(userId, role, engineId);
    })();
  }

  /** Ends every session of a user (they are signed out everywhere). */
  endSessions(userId: string): void {
    this.db.prepare(`DELETE FROM "session" WHERE "userId" = ?`).run(userId);
  }

  setRole(userId: string, role: Role, engineId = ""): void {
    this.db.prepare(`INSERT INTO cnmap_role (user_id, engine_id, role) VALUES (?, ?, ?) ON CONFLICT (user_id, engine_id) DO UPDATE SET role = excluded.role`).run(userId, engineId, role);
  }

  /** Takes away the user's role on one engine ('' : the global role); the other roles stay. */
  clearRole(userId: string, engineId = ""): void {
    this.db.prepare(`DELETE FROM cnmap_role WHERE user_id = ? AND engine_id = ?`).run(userId, engineId);
  }

  /**
   * Removes every role on one engine (when the engine goes: an engine added
   * again later under the same name must not hand its old roles back).
   * Returns who had which role, for the audit trail.
   */
  removeEngineRoles(engineId: string): { username: string; role: Role }[] {
    if (engineId === "") throw new AccountError("The global roles are not an engine's.");
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT u.username AS username, r.role AS role FROM cnmap_role r JOIN "user" u ON u.id = r.user_id WHERE r.engine_id = ? ORDER BY u.username`)
        .all(engineId) as { username: string; role: string }[];
      this.db.prepare(`DELETE FROM cnmap_role WHERE engine_id = ?`).run(engineId);
      return rows.filter((r): r is { username: string; role: Role } => isRole(r.role));
    })();
  }

  /** Removes a user with their sessions, password, roles, tokens and saved views. */
  remove(username: string): boolean {
    const row = this.userRow("username", username.toLowerCase());
    if (!row) return false;
    this.db.transaction(() => {
      for (const table of ["session", "account"]) this.db.prepare(`DELETE FROM "${table}" WHERE "userId" = ?`).run(row.id);
      this.db.prepare(`DELETE FROM cnmap_token WHERE user_id = ?`).run(row.id);
      this.db.prepare(`DELETE FROM cnmap_role WHERE user_id = ?`).run(row.id);
      this.db.prepare(`DELETE FROM cnmap_view WHERE user_id = ?`).run(row.id);
      this.db.prepare(`DELETE FROM "user" WHERE id = ?`).run(row.id);
    })();
    return true;
  }

  // ------------------------------------------------------------------ tokens

  /** A new token for `user`, at most with the user's own role. The token is returned once and never stored. */
  createToken(user: UserRecord, opts: { name: string; role?: Role; expiresInSeconds?: number }): { token: string; record: TokenRecord } {
    const own = this.bestRole(user);
    if (!own) throw new AccountError(`${user.username} has no role, so a token of theirs could do nothing.`);
    const role = opts.role ? lesserRole(opts.role, own) : own;
    if (opts.role && role !== opts.role) throw new AccountError(`A token cannot have more than its owner's role (${own}).`);
    if (!/^[\w .:-]{1,64}$/.test(opts.name)) throw new AccountError("A token's name is 1 to 64 letters, digits, spaces and '_', '.', ':', '-'.");
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const now = this.now();
    const row: TokenRow = {
      id: randomUUID(),
      user_id: user.id,
      name: opts.name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      role,
      created_at: now.toISOString(),
      expires_at: opts.expiresInSeconds ? new Date(now.getTime() + opts.expiresInSeconds * 1000).toISOString() : null,
      revoked_at: null,
      last_used_at: null,
    };
    this.db
      .prepare(`INSERT INTO cnmap_token (id, user_id, name, prefix, hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.id, row.user_id, row.name, row.prefix, hashToken(token), row.role, row.created_at, row.expires_at);
    return { token, record: tokenRecord(row) };
  }

  /**
   * The owner of a token that is valid now: known, not revoked, not expired,
   * its owner still there. The role is the token's, lowered to the owner's
   * current role if that has dropped since.
   */
  verifyToken(token: string): TokenOwner | { refused: string } {
    if (!token.startsWith(TOKEN_PREFIX)) return { refused: "not a cnmap API token" };
    const row = this.db.prepare(`SELECT * FROM cnmap_token WHERE hash = ?`).get(hashToken(token)) as TokenRow | undefined;
    if (!row) return { refused: "unknown token" };
    if (row.revoked_at) return { refused: "the token was revoked" };
    const now = this.now();
    if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return { refused: "the token has expired" };
    const user = this.byId(row.user_id);
    if (!user) return { refused: "the token's user no longer exists" };
    this.db.prepare(`UPDATE cnmap_token SET last_used_at = ? WHERE id = ?`).run(now.toISOString(), row.id);
    return { user, token: tokenRecord(row) };
  }

  listTokens(userId: string): TokenRecord[] {
    return (this.db.prepare(`SELECT * FROM cnmap_token WHERE user_id = ? ORDER BY created_at`).all(userId) as TokenRow[]).map(tokenRecord);
  }

  /** Revokes one of the user's tokens (by ID or name); false when they have none such. */
  revokeToken(userId: string, idOrName: string): TokenRecord | null {
    const row = this.db.prepare(`SELECT * FROM cnmap_token WHERE user_id = ? AND (id = ? OR name = ?) AND revoked_at IS NULL`).get(userId, idOrName, idOrName) as
      | TokenRow
      | undefined;
    if (!row) return null;
    const at = this.now().toISOString();
    this.db.prepare(`UPDATE cnmap_token SET revoked_at = ? WHERE id = ?`).run(at, row.id);
    return tokenRecord({ ...row, revoked_at: at });
  }
}
