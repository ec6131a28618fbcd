/**
 * The audit trail: who did what, on which engine, to what, with which docker
 * command, and how it ended. Append-only in SQLite (triggers refuse updates
 * and deletes), kept across restarts. Nothing secret goes in: no password,
 * token or environment value; a token is named by its owner and its name.
 */
import type { Db } from "./db";

export type AuditOutcome = "ok" | "refused" | "error";

export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  /** A user name, `user/token-name` for a token, `local` in single-user mode, or the name tried at a failed sign-in. */
  actor: string;
  /** The engine ID, "" for what concerns no engine (sign-in, tokens). */
  engine: string;
  /** connect, disconnect, network.create, network.remove, network.prune, probe, sign-in, sign-out, token.create, token.revoke... */
  action: string;
  target: string;
  /** The docker command of the action, where there is one. */
  command: string;
  outcome: AuditOutcome;
  message?: string;
  /** The client's address. */
  client: string;
}

export type NewAuditEntry = Omit<AuditEntry, "id" | "at">;

export interface AuditQuery {
  engine?: string;
  actor?: string;
  action?: string;
  /** ISO 8601 or anything Date.parse reads; inclusive. */
  since?: string;
  until?: string;
  limit?: number;
  /** Only this user's entries and their tokens' (`user/token-name`). */
  owner?: string;
}

export const MAX_AUDIT_LIMIT = 5000;

/** A stored row: the entry with SQL's null for no message. */
type Row = Omit<AuditEntry, "message"> & { message: string | null };

function entry(r: Row): AuditEntry {
  const { message, ...rest } = r;
  return message ? { ...rest, message } : rest;
}

export class AuditTrail {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(e: NewAuditEntry): AuditEntry {
    const at = this.now().toISOString();
    const result = this.db
      .prepare(`INSERT INTO cnmap_audit (at, actor, engine, action, target, command, outcome, message, client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(at, e.actor, e.engine, e.action, e.target, e.command, e.outcome, e.message ?? null, e.client);
    return { id: Number(result.lastInsertRowid), at, ...e };
  }

  /** Entries matching every given filter, newest first. */
  list(q: AuditQuery = {}): AuditEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    for (const key of ["engine", "actor", "action"] as const) {
      const v = q[key];
      if (v !== undefined && v !== "") {
        where.push(`${key} = ?`);
        args.push(v);
      }
    }
    if (q.owner !== undefined) {
      where.push("(actor = ? OR substr(actor, 1, ?) = ?)");
      args.push(q.owner, q.owner.length + 1, `${q.owner}/`);
    }
    if (q.since) {
      where.push("at >= ?");
      args.push(new Date(q.since).toISOString());
    }
    if (q.until) {
      where.push("at <= ?");
      args.push(new Date(q.until).toISOString());
    }
    const limit = Math.min(Math.max(1, q.limit ?? 200), MAX_AUDIT_LIMIT);
    const sql = `SELECT * FROM cnmap_audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ${limit}`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(entry);
  }
}

const CSV_COLUMNS = ["id", "at", "actor", "engine", "action", "target", "command", "outcome", "message", "client"] as const;

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? "" : String(v);
  // A leading =, +, - or @ would be a formula to a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row. Pure. */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** One JSON object per line. Pure. */
export function auditJsonLines(entries: AuditEntry[]): string {
  return entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length ? "\n" : "");
}
