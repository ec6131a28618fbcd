/**
 * The engines global admins added in the UI, kept in the data folder's
 * database (`cnmap_engine`) so they come back after a restart. Only these:
 * configured engines (CNMAP_ENGINES, DOCKER_HOST, Docker contexts) are read
 * from the environment each start and never stored. lib/engines/added.ts
 * turns a row into an engine; lib/server/engine-registry.ts serves it.
 */
import type { StoredEngine } from "../engines/added";
import type { Db } from "./db";

interface Row {
  id: string;
  name: string;
  address: string;
  created_at: string;
  created_by: string;
}

function stored(r: Row): StoredEngine {
  return { id: r.id, name: r.name, address: r.address, createdAt: r.created_at, createdBy: r.created_by };
}

export class EngineStore {
  constructor(private readonly db: Db) {}

  /** Every stored engine, in the order they were added. */
  list(): StoredEngine[] {
    return (this.db.prepare(`SELECT * FROM cnmap_engine ORDER BY created_at, rowid`).all() as Row[]).map(stored);
  }

  /**
   * Keeps a new engine. The caller has checked that no engine served has its
   * ID, so a stored row with that ID is one the server skipped at startup
   * (its certificate files gone, or an address this version does not read):
   * the new one replaces it.
   */
  save(engine: StoredEngine): void {
    this.db
      .prepare(
        `INSERT INTO cnmap_engine (id, name, address, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, created_at = excluded.created_at, created_by = excluded.created_by`,
      )
      .run(engine.id, engine.name, engine.address, engine.createdAt, engine.createdBy);
  }

  /** Forgets a stored engine; false when none has this ID. */
  remove(id: string): boolean {
    return this.db.prepare(`DELETE FROM cnmap_engine WHERE id = ?`).run(id).changes === 1;
  }
}
