/**
 * The registry of engine sessions, keyed by engine ID. It is the one thing
 * kept on globalThis: each route is bundled separately with its own copy of
 * every module, and dev-mode reloads re-evaluate them, but one engine must
 * keep one event subscription, one inspect cache and one mutation queue.
 *
 * Today it holds one engine, "local": DOCKER_HOST or the default socket.
 */
import "server-only";
import { ApiError } from "../api/errors";
import { serverConfig } from "../config";
import { EngineSession } from "./engine-session";

export const DEFAULT_ENGINE_ID = "local";

interface Registry {
  sessions: Map<string, EngineSession>;
}

const globalForEngines = globalThis as typeof globalThis & { __cnmapEngines?: Registry };

function registry(): Registry {
  if (!globalForEngines.__cnmapEngines) {
    const { engineAddress, engineTimeoutMs } = serverConfig();
    const local = new EngineSession(DEFAULT_ENGINE_ID, { address: engineAddress, timeoutMs: engineTimeoutMs });
    globalForEngines.__cnmapEngines = { sessions: new Map([[local.id, local]]) };
  }
  return globalForEngines.__cnmapEngines;
}

/** The session of engine `id` (the default engine when none is named); 404 for an unknown ID. */
export function engineSession(id: string = DEFAULT_ENGINE_ID): EngineSession {
  const session = registry().sessions.get(id);
  if (!session) throw new ApiError("not_found", `No such engine: ${id}.`);
  return session;
}

export function engineSessions(): EngineSession[] {
  return [...registry().sessions.values()];
}
