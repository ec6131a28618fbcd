/**
 * One error vocabulary for the whole API: a small set of codes, each with its
 * HTTP status, and one wrapper that turns anything thrown into the right answer.
 */
import { EngineRemovedError, EngineTimeoutError, EngineUnreachableError } from "../docker/errors";
import { log } from "../server/log";

export const ERROR_STATUS = {
  invalid_input: 400,
  /** No valid credentials: sign in, or send an API token. */
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** Too many long-running requests (probes) at once: try again shortly. */
  busy: 429,
  engine_unreachable: 503,
  /** Changes to the engine queued behind slower ones past the request's deadline: it was not run. */
  engine_busy: 503,
  /** The engine failed in a way cnmap does not recognise; its message is passed on. */
  engine_error: 502,
  engine_timeout: 504,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  /**
   * @param engineWords the engine's own message, when it is quoted in `message`
   *   (lib/docker/refusals.ts): the door shows it to admins only when it names
   *   the host's interfaces.
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly engineWords?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { message: string; code: ErrorCode; engine?: string };
}

export function errorResponse(err: unknown): Response {
  if (err instanceof ApiError) {
    return Response.json({ error: { message: err.message, code: err.code } } satisfies ErrorBody, { status: err.status });
  }
  if (err instanceof EngineRemovedError) {
    return Response.json({ error: { message: err.message, code: "not_found" } } satisfies ErrorBody, { status: 404 });
  }
  if (err instanceof EngineUnreachableError) {
    const body: ErrorBody = { error: { message: err.message, code: "engine_unreachable", engine: err.address } };
    return Response.json(body, { status: 503, headers: { "Retry-After": "3", "Cache-Control": "no-store" } });
  }
  if (err instanceof EngineTimeoutError) {
    return Response.json({ error: { message: err.message, code: "engine_timeout" } } satisfies ErrorBody, { status: 504 });
  }
  log.error("unexpected error", err);
  return Response.json({ error: { message: "Internal error: see the server log.", code: "internal" } } satisfies ErrorBody, {
    status: 500,
  });
}
