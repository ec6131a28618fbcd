/**
 * Saved views kept on the server (`cnmap_view`), one row per view, keyed by
 * its owner's user ID and its engine. The state (filter, selection, viewport,
 * positions) is stored as the JSON the schema checked, and checked again when
 * read, so a row changed behind cnmap's back cannot reach a browser unchecked.
 * Who may read or delete which view is the routes' rule (lib/views/access.ts);
 * this store only keeps rows.
 */
import { randomUUID } from "node:crypto";
import { viewStateSchema, type NewView, type SavedView } from "../views/schema";
import type { Db } from "./db";

interface Row {
  id: string;
  user_id: string;
  engine_id: string;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

/** A stored view, with its owner's ID (never sent to a browser). */
export interface StoredView extends Omit<SavedView, "mine"> {
  userId: string;
}

function stored(r: Row): StoredView | null {
  let state: unknown;
  try {
    state = JSON.parse(r.state);
  } catch {
    return null;
  }
  const parsed = viewStateSchema.safeParse(state);
  if (!parsed.success) return null;
  return { id: r.id, userId: r.user_id, engine: r.engine_id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at, ...parsed.data };
}

export class ViewStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A user's views on one engine, by name. */
  list(userId: string, engineId: string): StoredView[] {
    const rows = this.db.prepare(`SELECT * FROM cnmap_view WHERE user_id = ? AND engine_id = ? ORDER BY name COLLATE NOCASE, id`).all(userId, engineId) as Row[];
    return rows.map(stored).filter((v): v is StoredView => v !== null);
  }

  get(id: string): StoredView | null {
    const row = this.db.prepare(`SELECT * FROM cnmap_view WHERE id = ?`).get(id) as Row | undefined;
    return row ? stored(row) : null;
  }

  count(userId: string, engineId: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM cnmap_view WHERE user_id = ? AND engine_id = ?`).get(userId, engineId) as { n: number }).n;
  }

  /**
   * Saves a view; one of the same name (same owner, same engine) is replaced
   * and keeps its ID, so links to it stay good. `created` says which happened.
   */
  save(userId: string, engineId: string, view: NewView): { view: StoredView; created: boolean } {
    const { name, ...state } = view;
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const existing = this.db.prepare(`SELECT id FROM cnmap_view WHERE user_id = ? AND engine_id = ? AND name = ?`).get(userId, engineId, name) as { id: string } | undefined;
      const id = existing?.id ?? randomUUID();
      if (existing) {
        this.db.prepare(`UPDATE cnmap_view SET state = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(state), at, id);
      } else {
        this.db
          .prepare(`INSERT INTO cnmap_view (id, user_id, engine_id, name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(id, userId, engineId, name, JSON.stringify(state), at, at);
      }
      const saved = this.get(id);
      if (!saved) throw new Error(`the view ${id} could not be read back`);
      return { view: saved, created: !existing };
    })();
  }

  /** Removes one of a user's views; false when they have none with this ID. */
  remove(userId: string, id: string): boolean {
    return this.db.prepare(`DELETE FROM cnmap_view WHERE id = ? AND user_id = ?`).run(id, userId).changes === 1;
  }

  /** Removes every view of a user (their account is removed). */
  removeAllOf(userId: string): void {
    this.db.prepare(`DELETE FROM cnmap_view WHERE user_id = ?`).run(userId);
  }
}
