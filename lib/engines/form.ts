/** The engines dialog's words and decisions, pure: what a row says, and where a refusal of the add form is shown. */
import { checkNewEngine, describeOrigin, type NewEngineInput, type NewEngineProblems } from "./added";
import type { EngineLogging, EngineSummary } from "./types";

/** "Docker 20.10.24, swarm inactive, logging json-file, debug off" for an engine that answers; "down: <why>" for one that does not. */
export function engineStatusText(e: EngineSummary): string {
  if (!e.connected) return `down: ${e.reason ?? "it does not answer"}`;
  return [e.version ? `Docker ${e.version}` : "", e.swarm ? `swarm ${e.swarm}` : "", e.logging ? loggingText(e.logging) : ""].filter(Boolean).join(", ") || "connected";
}

/** The daemon's logging in words: "logging json-file, debug off". Debug is what /info says; the log level itself it does not. */
export function loggingText(l: EngineLogging): string {
  return `logging ${l.driver || "unknown"}, debug ${l.debug ? "on" : "off"}`;
}

/** Where the engine comes from: "environment (CNMAP_ENGINES)", "Docker context", or who added it and on which day. */
export function engineOriginText(e: EngineSummary): string {
  switch (e.origin.kind) {
    case "environment":
      return `environment (${e.origin.variable})`;
    case "context":
      return "Docker context";
    case "added":
      return e.origin.at ? `${describeOrigin(e.origin)} on ${e.origin.at.slice(0, 10)}` : describeOrigin(e.origin);
  }
}

/**
 * Which field a refusal of `POST /api/engines` belongs under: a taken name
 * (409) under the name; a 400 under the field the shared check finds wrong,
 * else under the address (what only the server can check: the certificate
 * folder). Null for refusals about the person or the server (a role,
 * read-only mode), shown above the form.
 */
export function refusalField(status: number, input: NewEngineInput): keyof NewEngineProblems | null {
  if (status === 409) return "name";
  if (status !== 400) return null;
  return checkNewEngine(input).name ? "name" : "address";
}
