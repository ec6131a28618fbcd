/** Classifies what dockerode throws: "the engine is not there" versus everything else. */

const UNREACHABLE_CODES = new Set([
  "ENOENT", "ECONNREFUSED", "ECONNRESET", "EACCES", "EPERM", "ETIMEDOUT", "EHOSTUNREACH",
  "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ENOTSOCK", "ESOCKETTIMEDOUT",
]);

/** The engine is there but did not answer one request in time (e.g. it is looking for a plugin). */
export class EngineTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `The Docker engine did not answer within ${Math.round(timeoutMs / 1000)} s. ` +
        `It may be busy, or looking for a plugin that is not installed (an unknown driver name).`,
    );
    this.name = "EngineTimeoutError";
  }
}

/** True for our request timeout, as docker-modem reports it. */
export function isTimeout(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  return typeof e.statusCode !== "number" && typeof e.message === "string" && /timeout/i.test(e.message) && e.code !== "ECONNREFUSED";
}

/** The engine was removed from cnmap while a request to it was under way, or after it had resolved the engine. */
export class EngineRemovedError extends Error {
  constructor(readonly engine: string) {
    super(`The engine ${engine} was removed from cnmap.`);
    this.name = "EngineRemovedError";
  }
}

export class EngineUnreachableError extends Error {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      `Cannot reach the Docker engine at ${address} (${reason}). ` +
        `Start the engine (for example \`sudo systemctl start docker\`, or \`sudo dockerd\`), ` +
        `or point cnmap at a running one with DOCKER_HOST (for example DOCKER_HOST=unix:///var/run/docker.sock or tcp://127.0.0.1:2375), ` +
        `and check that this user may open it.`,
    );
    this.name = "EngineUnreachableError";
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
}

/** True when the error means no engine answered (as opposed to an answer we did not like). */
export function isUnreachable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as ErrorLike;
  if (typeof e.statusCode === "number") return false; // the engine answered
  if (typeof e.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
  const msg = typeof e.message === "string" ? e.message : "";
  return /timeout|socket hang up|connect E|EOF/i.test(msg);
}

export function unreachableReason(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const e = err as ErrorLike;
    if (e.code === "ENOENT") return "no such socket";
    if (e.code === "ECONNREFUSED") return "connection refused";
    if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
    if (typeof e.message === "string" && /timeout/i.test(e.message)) return "timed out";
    if (typeof e.code === "string") return e.code;
    if (typeof e.message === "string") return e.message;
  }
  return String(err);
}

/** The engine's HTTP status and message when it answered with an error, else null. */
export function engineStatus(err: unknown): { status: number; message: string } | null {
  if (typeof err !== "object" || err === null) return null;
  const e = err as ErrorLike & { json?: { message?: unknown } | null; reason?: unknown };
  if (typeof e.statusCode !== "number") return null;
  const jsonMessage = e.json && typeof e.json.message === "string" ? e.json.message : undefined;
  return { status: e.statusCode, message: jsonMessage ?? (typeof e.message === "string" ? e.message : "engine error") };
}
