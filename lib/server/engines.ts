/**
 * The registry of engine sessions, keyed by engine ID. It is the one thing
 * kept on globalThis: each route is bundled separately with its own copy of
 * every module, and dev-mode reloads re-evaluate them, but one engine must
 * keep one event subscription, one inspect cache and one mutation queue.
 *
 * The engines come from the configuration (lib/config.ts): CNMAP_ENGINES,
 * else "local" at DOCKER_HOST or the default socket; the first is the
 * default, which the top-level routes (/api/topology...) serve.
 */
import "server-only";
import { ApiError } from "../api/errors";
import { serverConfig } from "../config";
import { EngineSession } from "./engine-session";

interface Registry {
  sessions: Map<string, EngineSession>;
  defaultId: string;
}

const globalForEngines = globalThis as typeof globalThis & { __cnmapEngines?: Registry };

function registry(): Registry {
  if (!globalForEngines.__cnmapEngines) {
    const { engines, engineTimeoutMs } = serverConfig();
    const sessions = new Map(engines.map((e) => [e.id, new EngineSession(e, engineTimeoutMs)] as const));
    globalForEngines.__cnmapEngines = { sessions, defaultId: engines[0]?.id ?? "local" };
  }
  return globalForEngines.__cnmapEngines;
}

/** The session of engine `id` (the default engine when none is named); 404 for an unknown ID. */
export function engineSession(id?: string): EngineSession {
  const r = registry();
  const session = r.sessions.get(id ?? r.defaultId);
  if (!session) throw new ApiError("not_found", `No such engine: ${id}.`);
  return session;
}

/** Every engine, the default first. */
export function engineSessions(): EngineSession[] {
  return [...registry().sessions.values()];
}
