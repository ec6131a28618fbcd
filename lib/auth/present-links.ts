/**
 * Presentation links (`cnmap_present_link`): read-only access to one engine
 * for whoever holds the link, with no account, for a wall screen or a
 * projector. Made, listed and revoked by global admins.
 *
 * - The token is 256 random bits, prefixed `cnmap_p_` so a leaked one is
 *   recognisable. It is shown once; only its SHA-256 is stored (a token this
 *   random needs no slow hash). A lookup finds the row by that hash, and the
 *   hashes are then compared in constant time.
 * - A revoked link is refused at its next request: every request checks the
 *   row. Streams its holder has open are ended too, through `ended(id)`, a
 *   signal this process aborts on revocation.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Db } from "./db";

export const LINK_TOKEN_PREFIX = "cnmap_p_";
/** The cookie that carries a presentation link's token after /p/{token}: httpOnly, SameSite=Strict. */
export const LINK_COOKIE = "cnmap_present";

export interface PresentLink {
  id: string;
  label: string;
  engine: string;
  /** A saved view the link opens, if any. */
  view: string | null;
  /** More /present parameters (a filter, a theme, a cycle), as a query string without `?`. */
  query: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewPresentLink {
  label: string;
  engine: string;
  view: string | null;
  query: string;
  createdBy: string;
}

interface Row {
  id: string;
  label: string;
  engine_id: string;
  view_id: string | null;
  query: string;
  prefix: string;
  hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

function record(r: Row): PresentLink {
  return {
    id: r.id,
    label: r.label,
    engine: r.engine_id,
    view: r.view_id,
    query: r.query,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether `token` has the shape of a link token (before any lookup). */
export function looksLikeLinkToken(token: string): boolean {
  return /^cnmap_p_[A-Za-z0-9_-]{43}$/.test(token);
}

export class PresentLinks {
  private readonly ends = new Map<string, AbortController>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new link; the token is returned this once and never stored. */
  create(link: NewPresentLink): { token: string; link: PresentLink } {
    const token = LINK_TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const row: Row = {
      id: randomUUID(),
      label: link.label,
      engine_id: link.engine,
      view_id: link.view,
      query: link.query,
      prefix: token.slice(0, LINK_TOKEN_PREFIX.length + 6),
      hash: hashOf(token),
      created_by: link.createdBy,
      created_at: this.now().toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    this.db
      .prepare(`INSERT INTO cnmap_present_link (id, label, engine_id, view_id, query, prefix, hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.id, row.label, row.engine_id, row.view_id, row.query, row.prefix, row.hash, row.created_by, row.created_at);
    return { token, link: record(row) };
  }

  /** The link a token opens, if it is valid now (known and not revoked); its last use is noted. */
  verify(token: string): PresentLink | { refused: string } {
    if (!looksLikeLinkToken(token)) return { refused: "not a presentation link" };
    const hash = hashOf(token);
    const row = this.db.prepare(`SELECT * FROM cnmap_present_link WHERE hash = ?`).get(hash) as Row | undefined;
    if (!row || !timingSafeEqual(Buffer.from(row.hash, "hex"), Buffer.from(hash, "hex"))) return { refused: "unknown presentation link" };
    if (row.revoked_at) return { refused: "the presentation link was revoked" };
    const at = this.now().toISOString();
    this.db.prepare(`UPDATE cnmap_present_link SET last_used_at = ? WHERE id = ?`).run(at, row.id);
    return record({ ...row, last_used_at: at });
  }

  list(): PresentLink[] {
    return (this.db.prepare(`SELECT * FROM cnmap_present_link ORDER BY created_at, rowid`).all() as Row[]).map(record);
  }

  /** Revokes a link (by ID): refused from its next request on, its open streams ended. Null when there is no such active link. */
  revoke(id: string): PresentLink | null {
    const row = this.db.prepare(`SELECT * FROM cnmap_present_link WHERE id = ? AND revoked_at IS NULL`).get(id) as Row | undefined;
    if (!row) return null;
    const at = this.now().toISOString();
    this.db.prepare(`UPDATE cnmap_present_link SET revoked_at = ? WHERE id = ?`).run(at, row.id);
    this.ends.get(row.id)?.abort();
    this.ends.delete(row.id);
    return record({ ...row, revoked_at: at });
  }

  /** Revokes every active link to an engine (it is removed from cnmap: one added later under its name is another engine). */
  revokeEngine(engineId: string): PresentLink[] {
    const ids = (this.db.prepare(`SELECT id FROM cnmap_present_link WHERE engine_id = ? AND revoked_at IS NULL`).all(engineId) as { id: string }[]).map((r) => r.id);
    return ids.map((id) => this.revoke(id)).filter((l): l is PresentLink => l !== null);
  }

  /** Aborted when the link is revoked: long requests of its holder (event streams) end with it. */
  ended(id: string): AbortSignal {
    let controller = this.ends.get(id);
    if (!controller) {
      controller = new AbortController();
      this.ends.set(id, controller);
    }
    return controller.signal;
  }
}
