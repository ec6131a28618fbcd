/**
 * The door (lib/api/with-api.ts): checks before the handler runs, the
 * handler's context, error mapping per actor, and clients that went away.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, type ErrorBody } from "@/lib/api/errors";
import { checkAccess, doorStats, errorFor, LOCAL_ACTOR, withApi, type Actor } from "@/lib/api/with-api";
import { EngineUnreachableError } from "@/lib/docker/errors";
import { refusal } from "@/lib/docker/refusals";

const noParams = { params: Promise.resolve({}) };

function request(method: string, headers: Record<string, string> = {}, init: RequestInit = {}): Request {
  return new Request("http://127.0.0.1:3000/api/x", { method, headers: { host: "127.0.0.1:3000", ...headers }, ...init });
}

async function errorOf(res: Response): Promise<ErrorBody["error"]> {
  return ((await res.json()) as ErrorBody).error;
}

const viewer: Actor = { kind: "local", name: "vera", role: "viewer" };
const operator: Actor = { kind: "local", name: "otto", role: "operator" };

afterEach(() => vi.restoreAllMocks());

describe("withApi", () => {
  it("runs the handler with the request, the decoded params, the default engine and the local actor", async () => {
    const seen: unknown[] = [];
    const route = withApi<{ idOrName: string }>({ access: "read" }, async (ctx) => {
      seen.push(ctx.params.idOrName, ctx.session.id, ctx.actor.name, ctx.request.method);
      return Response.json({ ok: true }, { status: 201 });
    });
    const res = await route(request("GET"), { params: Promise.resolve({ idOrName: "web" }) });
    expect(res.status).toBe(201);
    expect(seen).toEqual(["web", "local", "local", "GET"]);
  });

  it("refuses a foreign Host on a read, before the handler runs", async () => {
    const handler = vi.fn(async () => new Response("ran"));
    const res = await withApi({ access: "read" }, handler)(request("GET", { host: "evil.example:3000" }), noParams);
    expect(res.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a cross-origin change before the handler runs, and allows a GET from anywhere on an allowed Host", async () => {
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    const post = await withApi({ access: "operate" }, handler)(request("POST", { origin: "http://evil.example" }), noParams);
    expect(post.status).toBe(403);
    expect((await errorOf(post)).message).toMatch(/another origin/);
    expect(handler).not.toHaveBeenCalled();
    const get = await withApi({ access: "read" }, handler)(request("GET", { origin: "http://evil.example" }), noParams);
    expect(get.status).toBe(204);
  });

  it("refuses an unknown engine with 404", async () => {
    const res = await withApi<{ engine: string }>({ access: "read" }, async () => new Response("ran"))(request("GET"), {
      params: Promise.resolve({ engine: "nosuch" }),
    });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toBe("No such engine: nosuch.");
  });

  it("maps what the handler throws: ApiError by its code, an unreachable engine to 503, anything else to a generic 500", async () => {
    const throwing = (err: unknown) =>
      withApi({ access: "read" }, async () => {
        throw err;
      })(request("GET"), noParams);
    expect((await throwing(new ApiError("conflict", "in use"))).status).toBe(409);
    const down = await throwing(new EngineUnreachableError("unix:///x.sock", "no such socket"));
    expect(down.status).toBe(503);
    expect((await errorOf(down)).engine).toBe("unix:///x.sock");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = await throwing(new Error("secret detail"));
    expect(boom.status).toBe(500);
    expect((await errorOf(boom)).message).toBe("Internal error: see the server log.");
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it("answers a client that went away quietly: no error logged, counted once", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const abort = new AbortController();
    const before = doorStats().clientGone;
    const route = withApi({ access: "operate" }, async () => {
      abort.abort();
      throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    });
    const res = await route(request("POST", {}, { signal: abort.signal }), noParams);
    expect(res.status).toBe(499);
    expect(doorStats().clientGone).toBe(before + 1);
    expect(logged).not.toHaveBeenCalled();
  });

  it("audits with what only the handler knows (who, and a refusal answered by a redirect), but never calls an error answer ok", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const refusedByRedirect = withApi({ access: "public", scope: "none", action: "test.sign-in" }, async ({ audit }) => {
      audit({ actor: "ann", target: "ann", outcome: "refused", message: "no role" });
      return new Response(null, { status: 302, headers: { location: "/login?error=oidc_no_role" } });
    });
    expect((await refusedByRedirect(request("GET"), noParams)).status).toBe(302);
    const failing = withApi({ access: "public", scope: "none", action: "test.sign-in" }, async ({ audit }) => {
      audit({ actor: "bob", target: "bob", outcome: "ok", message: "fine" });
      throw new Error("boom");
    });
    expect((await failing(request("GET"), noParams)).status).toBe(500);
    const plain = withApi({ access: "public", scope: "none", action: "test.sign-in" }, async () => new Response(null, { status: 302 }));
    await plain(request("GET"), noParams);
    const { authContext } = await import("@/lib/auth/context");
    const entries = (await authContext()).audit.list({ action: "test.sign-in" });
    expect(entries.map((e) => [e.actor, e.target, e.outcome, e.message])).toEqual([
      ["local", "/api/x", "ok", undefined],
      ["bob", "bob", "error", "Internal error: see the server log."],
      ["ann", "ann", "refused", "no role"],
    ]);
  });
});

describe("checkAccess", () => {
  const codeOf = (fn: () => void): string => {
    try {
      fn();
      return "ok";
    } catch (err) {
      return err instanceof ApiError ? `${err.status} ${err.message}` : "other";
    }
  };

  it("lets each role do what its access allows and no more", () => {
    expect(codeOf(() => checkAccess("read", viewer))).toBe("ok");
    expect(codeOf(() => checkAccess("operate", viewer))).toBe("403 This needs the operator role; vera is a viewer.");
    expect(codeOf(() => checkAccess("operate", operator))).toBe("ok");
    expect(codeOf(() => checkAccess("administer", operator))).toBe("403 This needs the admin role; otto is an operator.");
    expect(codeOf(() => checkAccess("administer", LOCAL_ACTOR))).toBe("ok");
  });
});

describe("errorFor: the engine's words", () => {
  const engineError = (message: string, status = 403): unknown =>
    refusal(Object.assign(new Error(`(HTTP code ${status}) unexpected - ${message}`), { statusCode: status, json: { message } }), "Could not connect web to backend");

  it("withholds words that name a host interface from everyone but admins", async () => {
    const err = engineError("failed to set up bridge br-0123456789ab: device or resource busy");
    const forViewer = await errorOf(errorFor(err, viewer, ["eth0", "lo"]));
    expect(forViewer.message).not.toMatch(/br-0123456789ab/);
    expect(forViewer.message).toMatch(/withheld: it names the host's interfaces/);
    expect(forViewer.code).toBe("conflict");
    const forAdmin = await errorOf(errorFor(err, LOCAL_ACTOR, ["eth0", "lo"]));
    expect(forAdmin.message).toMatch(/br-0123456789ab/);
  });

  it("finds this host's own interface names too, and leaves other engine words alone", async () => {
    const named = engineError("cannot use ens99x0 as parent: busy", 400);
    expect((await errorOf(errorFor(named, operator, ["ens99x0"]))).message).toMatch(/withheld/);
    const plain = engineError("Address already in use", 409);
    expect((await errorOf(errorFor(plain, viewer, ["eth0"]))).message).toBe('Could not connect web to backend: the engine said "Address already in use".');
  });
});
