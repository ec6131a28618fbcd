/** The body of `GET /api/engines`: one declaration for the route, the switcher and the tests. */
import type { EngineOrigin } from "./config";

export type { EngineOrigin };

export interface EngineSummary {
  /** The engine's ID in URLs: /api/engines/{id}/topology, ?engine={id}. */
  id: string;
  name: string;
  /** As configured: unix:///var/run/docker.sock, tcp://10.0.0.5:2376... */
  address: string;
  /** Whether the engine answered just now. */
  connected: boolean;
  version?: string;
  /** Swarm.LocalNodeState: inactive, active, pending, error, locked. */
  swarm?: string;
  /**
   * The daemon's own logging, from /info: its default logging driver
   * (`LoggingDriver`, what `docker logs` reads from) and whether it runs with
   * debug logging (`Debug`; the daemon's log level itself is not in /info).
   */
  logging?: EngineLogging;
  /** Why it is not connected, in plain words. */
  reason?: string;
  /** Where it comes from: CNMAP_ENGINES or DOCKER_HOST, a Docker context (both fixed while the server runs), or added by an admin. */
  origin: EngineOrigin;
}

export interface EngineLogging {
  /** LoggingDriver: json-file, journald, local, syslog, none... ("" when the engine does not say). */
  driver: string;
  /** Debug: the daemon runs with `--debug` (log level debug). */
  debug: boolean;
}

export interface EnginesBody {
  /** The default engine (the one the top-level routes serve) first. */
  engines: EngineSummary[];
}
