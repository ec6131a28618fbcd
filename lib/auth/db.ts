/**
 * cnmap's own SQLite file, under CNMAP_DATA_DIR (default ./data), created on
 * first use and migrated forward by itself: better-auth's tables (users,
 * accounts, sessions) by better-auth's own migrations, cnmap's (roles, API
 * tokens, the audit trail, added engines, saved views, presentation links) by the steps below, counted in
 * PRAGMA user_version.
 *
 * better-sqlite3 (12.x: 13 needs Node 22; Node 20 has no node:sqlite) is
 * synchronous and in-process: one file, no server, and a write is durable
 * when the call returns, which is what an audit trail wants.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";

export type Db = Database.Database;

/** Each step runs once, in order, inside a transaction; never edit a step that has shipped, add one. */
const STEPS: string[] = [
  `CREATE TABLE cnmap_role (
     user_id   TEXT NOT NULL,
     engine_id TEXT NOT NULL DEFAULT '',   -- '' is the global role
     role      TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
     PRIMARY KEY (user_id, engine_id)
   );
   CREATE TABLE cnmap_token (
     id           TEXT PRIMARY KEY,
     user_id      TEXT NOT NULL,
     name         TEXT NOT NULL,
     prefix       TEXT NOT NULL,           -- the token's first characters, to recognise it in a list
     hash         TEXT NOT NULL UNIQUE,    -- SHA-256 of the whole token; the token itself is never stored
     role         TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
     created_at   TEXT NOT NULL,
     expires_at   TEXT,
     revoked_at   TEXT,
     last_used_at TEXT
   );
   CREATE TABLE cnmap_audit (
     id      INTEGER PRIMARY KEY AUTOINCREMENT,
     at      TEXT NOT NULL,
     actor   TEXT NOT NULL,
     engine  TEXT NOT NULL DEFAULT '',
     action  TEXT NOT NULL,
     target  TEXT NOT NULL DEFAULT '',
     command TEXT NOT NULL DEFAULT '',
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
     message TEXT,
     client  TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX cnmap_audit_at ON cnmap_audit (at);
   CREATE INDEX cnmap_audit_actor ON cnmap_audit (actor);
   -- Append-only: a record, once written, is never changed or removed through this database.
   CREATE TRIGGER cnmap_audit_no_update BEFORE UPDATE ON cnmap_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER cnmap_audit_no_delete BEFORE DELETE ON cnmap_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  // Engines global admins add in the UI (lib/auth/engine-store.ts); configured ones (CNMAP_ENGINES, contexts) are never stored.
  `CREATE TABLE cnmap_engine (
     id         TEXT PRIMARY KEY,          -- the name, lower-cased: the engine's ID in URLs and in cnmap_role
     name       TEXT NOT NULL,
     address    TEXT NOT NULL,             -- as the admin wrote it: unix:///..., tcp://host:port[?certs=DIR], ssh://user@host
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL
   );`,
  // Saved views (lib/auth/view-store.ts): a person's named engine, filter, selection, viewport and arrangement.
  // Presentation links (lib/auth/present-links.ts): read-only access to one engine for whoever holds the token.
  `CREATE TABLE cnmap_view (
     id         TEXT PRIMARY KEY,          -- a random UUID: the link names it
     user_id    TEXT NOT NULL,
     engine_id  TEXT NOT NULL,
     name       TEXT NOT NULL,
     state      TEXT NOT NULL,             -- JSON: filter, selection, viewport, positions (lib/views/schema.ts)
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (user_id, engine_id, name)
   );
   CREATE INDEX cnmap_view_user ON cnmap_view (user_id, engine_id);
   CREATE TABLE cnmap_present_link (
     id           TEXT PRIMARY KEY,
     label        TEXT NOT NULL,
     engine_id    TEXT NOT NULL,
     view_id      TEXT,                    -- a saved view the link opens, if any
     query        TEXT NOT NULL DEFAULT '',-- extra /present parameters (filter, theme, cycle...)
     prefix       TEXT NOT NULL,           -- the token's first characters, to recognise it in a list
     hash         TEXT NOT NULL UNIQUE,    -- SHA-256 of the whole token; the token itself is never stored
     created_by   TEXT NOT NULL,
     created_at   TEXT NOT NULL,
     revoked_at   TEXT,
     last_used_at TEXT
   );`,
];

export function migrate(db: Db): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  for (let i = version; i < STEPS.length; i++) {
    const step = STEPS[i] ?? "";
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/** Opens (creating when missing) the data folder's database and brings cnmap's tables up to date. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(/*turbopackIgnore: true*/ dataDir, "cnmap.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}
