/**
 * A connectivity probe: a fixed command run inside a container through the
 * engine's exec API, and what cnmap made of it. Shared by the route
 * (`POST /api/probe`), the server code and the UI.
 */

export type ProbeKind = "ping" | "dns" | "tcp" | "http";

/** How the command ended. */
export type ProbeOutcome =
  /** The path works (ping answered, name resolved, port accepted, HTTP answered). */
  | "success"
  /** The command ran and the path does not work. */
  | "failure"
  /** The command did not finish within the timeout; counted as not working. */
  | "timeout"
  /** The container has none of the tools this kind of probe can use. */
  | "tool-missing";

export interface ProbeExpectation {
  /** What the configuration says: true works, false does not, null cannot tell (e.g. an outside address). */
  works: boolean | null;
  /** Why, in words (the shared network, or why not). */
  reason: string;
}

export interface ProbeResult {
  kind: ProbeKind;
  from: { sandboxId: string; container: string };
  target: string;
  port?: number;
  /** The exact argument list run in the container. */
  argv: string[];
  /** The same probe as a docker command a user can paste. */
  command: string;
  outcome: ProbeOutcome;
  /** The tool's exit code; null when it did not finish or could not start. */
  exitCode: number | null;
  /** stdout and stderr as the tool wrote them, cut to a bounded size. */
  output: string;
  durationMs: number;
  /** The sandbox the target names (container name, alias, short ID or address), when it names one. */
  resolvedTarget: { sandboxId: string; container: string } | null;
  /** The verdict computed from the configuration (lib/insights), for comparison. */
  expected: ProbeExpectation;
  /** Whether the probe agrees with `expected`; null when either side cannot tell. */
  agrees: boolean | null;
  /** One line for people: "web reached db (3/3 replies)", "nslookup could not resolve db". */
  summary: string;
}
