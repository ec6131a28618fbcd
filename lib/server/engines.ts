/**
 * The server's one engine registry. It is the one thing kept on globalThis:
 * each route is bundled separately with its own copy of every module, and
 * dev-mode reloads re-evaluate them, but one engine must keep one event
 * subscription, one inspect cache and one mutation queue.
 *
 * It is built on first use from the configuration (lib/config.ts:
 * CNMAP_ENGINES, else "local" at DOCKER_HOST or the default socket; plus
 * Docker contexts), then the engines admins added (kept in the data
 * folder's database); the first is the default, which the top-level routes
 * (/api/topology...) serve. A stored engine whose ID a configured one has
 * taken since is skipped, with a line in the log.
 */
import "server-only";
import { authContext } from "../auth/context";
import { serverConfig } from "../config";
import { composeEngines } from "../engines/added";
import { missingCertFiles } from "../engines/contexts";
import { EngineRegistry } from "./engine-registry";
import { EngineSession } from "./engine-session";
import { log } from "./log";

const globalForEngines = globalThis as typeof globalThis & { __cnmapEngines?: EngineRegistry };

export async function engineRegistry(): Promise<EngineRegistry> {
  if (globalForEngines.__cnmapEngines) return globalForEngines.__cnmapEngines;
  const { engines: store } = await authContext();
  // Another request may have built it while this one waited.
  if (globalForEngines.__cnmapEngines) return globalForEngines.__cnmapEngines;
  const { engines: configured, engineTimeoutMs } = serverConfig();
  const { engines, skipped } = composeEngines(configured, store.list(), missingCertFiles);
  for (const s of skipped) log.warn(`added engine skipped: ${s}`);
  const registry = new EngineRegistry(engines, (e) => new EngineSession(e, engineTimeoutMs));
  globalForEngines.__cnmapEngines = registry;
  return registry;
}
