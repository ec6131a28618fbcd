import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, ERROR_STATUS, errorResponse, type ErrorBody, type ErrorCode } from "@/lib/api/errors";
import { EngineUnreachableError, engineStatus, isUnreachable, unreachableReason } from "@/lib/docker/errors";

/** What dockerode (docker-modem) rejects with when the socket is missing. */
function socketError(code: string, syscall = "connect"): Error {
  const err = new Error(`${syscall} ${code} /var/run/docker.sock`) as Error & Record<string, unknown>;
  err.code = code;
  err.errno = -2;
  err.syscall = syscall;
  err.address = "/var/run/docker.sock";
  return err;
}

/** What docker-modem rejects with when the engine answers with an error status. */
function httpError(statusCode: number, message: string): Error {
  const err = new Error(`(HTTP code ${statusCode}) unexpected - ${message} `) as Error & Record<string, unknown>;
  err.reason = "no such container";
  err.statusCode = statusCode;
  err.json = { message };
  return err;
}

describe("isUnreachable / unreachableReason", () => {
  it("treats a missing socket as unreachable: no such socket", () => {
    const err = socketError("ENOENT");
    expect(isUnreachable(err)).toBe(true);
    expect(unreachableReason(err)).toBe("no such socket");
    expect(isUnreachable({ code: "ENOENT" })).toBe(true);
  });

  it("treats a refused connection as unreachable: connection refused", () => {
    const err = socketError("ECONNREFUSED");
    expect(isUnreachable(err)).toBe(true);
    expect(unreachableReason(err)).toBe("connection refused");
    expect(unreachableReason({ code: "ECONNREFUSED" })).toBe("connection refused");
  });

  it("treats permission errors as unreachable: permission denied", () => {
    expect(isUnreachable({ code: "EACCES" })).toBe(true);
    expect(unreachableReason({ code: "EACCES" })).toBe("permission denied");
    expect(unreachableReason({ code: "EPERM" })).toBe("permission denied");
  });

  it("treats a timeout as unreachable: timed out", () => {
    const err = new Error("connect ETIMEDOUT: request timeout after 3000ms");
    expect(isUnreachable(err)).toBe(true);
    expect(unreachableReason(err)).toBe("timed out");
    expect(isUnreachable(new Error("Timeout"))).toBe(true);
    expect(isUnreachable({ code: "ETIMEDOUT" })).toBe(true);
  });

  it("treats a hung-up socket as unreachable and reports its code", () => {
    const err = new Error("socket hang up") as Error & { code?: string };
    err.code = "ECONNRESET";
    expect(isUnreachable(err)).toBe(true);
    expect(unreachableReason(err)).toBe("ECONNRESET");
    expect(unreachableReason({ code: "EHOSTUNREACH" })).toBe("EHOSTUNREACH");
  });

  it("does not treat an engine answer as unreachable", () => {
    const err = httpError(404, "No such container: fx-nope");
    expect(isUnreachable(err)).toBe(false);
    expect(isUnreachable({ statusCode: 500, message: "timeout waiting for daemon" })).toBe(false);
    expect(isUnreachable({ statusCode: 404, json: { message: "No such network" } })).toBe(false);
  });

  it("does not treat other errors or non-objects as unreachable", () => {
    expect(isUnreachable(new TypeError("x is not a function"))).toBe(false);
    expect(isUnreachable({ code: "ERR_INVALID_ARG_TYPE" })).toBe(false);
    expect(isUnreachable(null)).toBe(false);
    expect(isUnreachable(undefined)).toBe(false);
    expect(isUnreachable("ECONNREFUSED")).toBe(false);
    expect(isUnreachable(42)).toBe(false);
  });

  it("falls back to the message, then to String()", () => {
    expect(unreachableReason(new Error("something odd"))).toBe("something odd");
    expect(unreachableReason("plain")).toBe("plain");
    expect(unreachableReason(null)).toBe("null");
  });
});

describe("engineStatus", () => {
  it("returns the status and the engine's JSON message", () => {
    expect(engineStatus(httpError(404, "No such container: fx-nope"))).toEqual({
      status: 404,
      message: "No such container: fx-nope",
    });
    expect(engineStatus({ statusCode: 409, json: { message: "network fx-front has active endpoints" } })).toEqual({
      status: 409,
      message: "network fx-front has active endpoints",
    });
  });

  it("falls back to the error message, then to a generic one", () => {
    expect(engineStatus({ statusCode: 500, message: "(HTTP code 500) server error", json: null })).toEqual({
      status: 500,
      message: "(HTTP code 500) server error",
    });
    expect(engineStatus({ statusCode: 502, json: { message: 3 } })).toEqual({ status: 502, message: "engine error" });
  });

  it("is null when the engine did not answer", () => {
    expect(engineStatus(socketError("ENOENT"))).toBeNull();
    expect(engineStatus({ code: "ECONNREFUSED" })).toBeNull();
    expect(engineStatus({ statusCode: "404" })).toBeNull();
    expect(engineStatus(null)).toBeNull();
    expect(engineStatus("404")).toBeNull();
  });
});

describe("EngineUnreachableError", () => {
  it("names the address and reason, and how to fix it", () => {
    const err = new EngineUnreachableError("unix:///var/run/docker.sock", "no such socket");
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("EngineUnreachableError");
    expect(err.address).toBe("unix:///var/run/docker.sock");
    expect(err.reason).toBe("no such socket");
    expect(err.message).toContain("Cannot reach the Docker engine at unix:///var/run/docker.sock (no such socket)");
    expect(err.message).toContain("DOCKER_HOST");
  });
});

async function body(res: Response): Promise<ErrorBody> {
  return (await res.json()) as ErrorBody;
}

describe("errorResponse", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each<[ErrorCode, number]>([
    ["invalid_input", 400],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["payload_too_large", 413],
    ["engine_unreachable", 503],
  ])("maps ApiError %s to HTTP %i", async (code, status) => {
    const err = new ApiError(code, `message for ${code}`);
    expect(err.status).toBe(status);
    expect(ERROR_STATUS[code]).toBe(status);
    const res = errorResponse(err);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await body(res)).toEqual({ error: { message: `message for ${code}`, code } });
  });

  it("answers 503 with the engine address for EngineUnreachableError", async () => {
    const err = new EngineUnreachableError("tcp://127.0.0.1:2375", "connection refused");
    const res = errorResponse(err);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const b = await body(res);
    expect(b.error.code).toBe("engine_unreachable");
    expect(b.error.engine).toBe("tcp://127.0.0.1:2375");
    expect(b.error.message).toContain("tcp://127.0.0.1:2375");
    expect(b.error.message).toContain("connection refused");
  });

  it("answers 500 with a generic message for anything else, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error("ENOENT: open /etc/secret-path");
    const res = errorResponse(secret);
    expect(res.status).toBe(500);
    const b = await body(res);
    expect(b).toEqual({ error: { message: "Internal error: see the server log.", code: "internal" } });
    expect(JSON.stringify(b)).not.toContain("secret-path");
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[1]).toBe(secret);
  });

  it("answers 500 for a thrown non-error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse("just a string");
    expect(res.status).toBe(500);
    expect((await body(res)).error.code).toBe("internal");
  });
});
