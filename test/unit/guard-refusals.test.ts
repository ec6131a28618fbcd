import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { checkHost, checkSameOrigin, isAllowedHost } from "@/lib/api/guard";
import { errorResponse } from "@/lib/api/errors";
import { EngineTimeoutError, EngineUnreachableError } from "@/lib/docker/errors";
import { refusal } from "@/lib/docker/refusals";

function req(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1:3000/api/networks", { method: "POST", headers });
}

function codeOf(fn: () => void): string {
  try {
    fn();
    return "ok";
  } catch (err) {
    return err instanceof ApiError ? `${err.status}` : "other";
  }
}

describe("Host allow-list", () => {
  afterEach(() => {
    delete process.env.CNMAP_ALLOWED_HOSTS;
  });
  it("accepts loopback names and addresses, refuses other names (DNS rebinding)", () => {
    for (const h of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST", "app.localhost:3000"]) expect(isAllowedHost(h), h).toBe(true);
    for (const h of ["evil.example:3000", "127.0.0.1.evil.example", "", "localhost.evil.example:3000"]) expect(isAllowedHost(h), h).toBe(false);
    expect(isAllowedHost(null)).toBe(false);
    expect(codeOf(() => checkHost(req({ host: "evil.example:3000" })))).toBe("403");
  });
});

describe("same-origin check", () => {
  it("allows the dashboard's own origin and non-browser clients", () => {
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })))).toBe("ok");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000" })))).toBe("ok");
  });
  it("refuses another origin, a null origin and cross-site fetches", () => {
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", origin: "http://evil.example" })))).toBe("403");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" })))).toBe("403");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", origin: "null" })))).toBe("403");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" })))).toBe("403");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", "sec-fetch-site": "same-site", origin: "http://127.0.0.1:3000" })))).toBe("403");
    expect(codeOf(() => checkSameOrigin(req({ host: "127.0.0.1:3000", origin: "file://x" })))).toBe("403");
  });
});

/** Errors shaped as dockerode throws them, with Docker 20.10's own messages. */
function engineError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });
}

describe("engine refusals are mapped by what happened", () => {
  const cases: [number, string, number][] = [
    [500, "container 3f2a is not connected to network n1", 409], // 20.10 answers 500
    [403, "endpoint with name web already exists in network n1", 409],
    [403, "error while removing network: network n1 id 26cb has active endpoints", 409],
    [403, "Pool overlaps with other one on this address space", 409],
    [403, "Address already in use", 409],
    [403, "bridge is a pre-defined network and cannot be removed", 403],
    [500, "rpc error: code = NotFound desc = network abc not found", 404], // a swarm manager's unknown network
    [404, "No such container: nope", 404],
    [400, "invalid subnet 10.0.0.0/40", 400],
    [500, "something nobody has seen", 502],
  ];
  for (const [status, message, expected] of cases) {
    it(`${status} "${message.slice(0, 40)}" -> ${expected}`, () => {
      const mapped = refusal(engineError(status, message), "Could not do it");
      expect(mapped).toBeInstanceOf(ApiError);
      expect((mapped as ApiError).status).toBe(expected);
      expect((mapped as ApiError).message).toContain(message);
    });
  }
  it("passes through what did not come from the engine", () => {
    const e = new Error("boom");
    expect(refusal(e, "x")).toBe(e);
  });
});

describe("a slow engine is not an absent one", () => {
  it("answers 504 for a timeout and 503 only when no engine answers", async () => {
    const slow = errorResponse(new EngineTimeoutError(8000));
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "engine_timeout" });
    expect(errorResponse(new EngineUnreachableError("unix:///x.sock", "no such socket")).status).toBe(503);
  });
});
