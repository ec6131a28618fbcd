/**
 * The engine sessions cnmap serves, keyed by engine ID, the default first.
 * Configured engines (CNMAP_ENGINES or DOCKER_HOST, then Docker contexts)
 * come first and stay while the server runs; engines global admins add join
 * at the end and may be removed, which closes their session. IDs are unique
 * across both. lib/server/engines.ts keeps the server's one registry.
 */
import "server-only";
import { ApiError } from "../api/errors";
import { fixedEngineReason, takenNameReason } from "../engines/added";
import type { EngineConfig } from "../engines/config";
import type { EngineSession } from "./engine-session";

/** Makes the session of one engine (EngineSession's constructor, or a stand-in in tests). */
export type OpenSession = (engine: EngineConfig) => EngineSession;

export class EngineRegistry {
  private readonly sessions = new Map<string, EngineSession>();
  readonly defaultId: string;

  constructor(
    engines: readonly EngineConfig[],
    private readonly open: OpenSession,
  ) {
    for (const e of engines) {
      if (this.sessions.has(e.id)) throw new Error(`engine ID ${e.id} twice in the registry`);
      this.sessions.set(e.id, open(e));
    }
    this.defaultId = engines[0]?.id ?? "local";
  }

  /** The session of engine `id` (the default engine when none is named); 404 for an unknown ID. */
  get(id?: string): EngineSession {
    const session = this.sessions.get(id ?? this.defaultId);
    if (!session) throw new ApiError("not_found", `No such engine: ${id}.`);
    return session;
  }

  /** Every engine, the default first, then in the order they were configured or added. */
  list(): EngineSession[] {
    return [...this.sessions.values()];
  }

  /** 409 when an engine has this ID already, naming it and where it comes from. */
  checkFree(engine: { id: string; name: string }): void {
    const holder = this.sessions.get(engine.id);
    if (holder) throw new ApiError("conflict", takenNameReason(engine.name, holder));
  }

  /** Serves an engine an admin added, at once (its event stream starts with its first listener). */
  add(engine: EngineConfig): EngineSession {
    this.checkFree(engine);
    if (engine.origin.kind !== "added") throw new Error(`only added engines join a running registry (${engine.id} is not)`);
    const session = this.open(engine);
    this.sessions.set(engine.id, session);
    return session;
  }

  /** 409 for an engine that comes from the configuration, saying where to change it. */
  checkRemovable(session: EngineSession): void {
    const reason = fixedEngineReason(session);
    if (reason) throw new ApiError("conflict", reason);
  }

  /** Stops serving an added engine and closes its session (by `by`): its listeners are told, its connections end. */
  remove(id: string, by: string): EngineSession {
    const session = this.get(id);
    this.checkRemovable(session);
    this.sessions.delete(id);
    session.close(by);
    return session;
  }
}
