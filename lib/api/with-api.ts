/**
 * The one door every route handler goes through. A route declares what it
 * needs (read, operate or administer) and gets the engine session and the
 * actor; the door checks, in the handler itself (never middleware alone,
 * which has been bypassed repeatedly):
 * - the Host header, on every request (DNS rebinding);
 * - same origin, on every request that is not a GET or HEAD;
 * - read-only mode, for everything beyond reading;
 * - the actor's role against the access the route needs;
 * then runs the handler and maps what it throws to the error vocabulary.
 *
 * Actors: today cnmap serves one person, "local", with every right (the
 * header says "local, no sign-in"); signed-in users and API tokens will be
 * resolved here too, and the audit record written here.
 */
import "server-only";
import os from "node:os";
import { serverConfig } from "../config";
import { mentionsHostInterface } from "../docker/refusals";
import type { EngineSession } from "../server/engine-session";
import { engineSession } from "../server/engines";
import { log } from "../server/log";
import { ApiError, errorResponse } from "./errors";
import { checkHost, checkSameOrigin } from "./guard";

export type Access = "read" | "operate" | "administer";
export type Role = "viewer" | "operator" | "admin";

export interface Actor {
  kind: "local";
  name: string;
  role: Role;
}

/** The single-user actor: cnmap on loopback with no accounts. */
export const LOCAL_ACTOR: Actor = { kind: "local", name: "local", role: "admin" };

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
/** The least role each access needs. */
export const ACCESS_ROLE: Record<Access, Role> = { read: "viewer", operate: "operator", administer: "admin" };

export interface ApiContext<P> {
  request: Request;
  /** Path parameters as the router decoded them (validate before use: lib/api/params.ts). */
  params: P;
  session: EngineSession;
  actor: Actor;
}

export interface RouteContext<P> {
  params: Promise<P>;
}

/** Next passes the route context to dynamic routes only. */
export type RouteHandler<P> = (request: Request, route?: RouteContext<P>) => Promise<Response>;

/** Only what the door itself counts (for /api/health). */
interface DoorStats {
  clientGone: number;
}
const globalForDoor = globalThis as typeof globalThis & { __cnmapDoor?: DoorStats };

export function doorStats(): DoorStats {
  globalForDoor.__cnmapDoor ??= { clientGone: 0 };
  return globalForDoor.__cnmapDoor;
}

export function checkAccess(request: Request, access: Access, actor: Actor): void {
  checkHost(request);
  if (request.method !== "GET" && request.method !== "HEAD") checkSameOrigin(request);
  if (access !== "read" && serverConfig().readOnly) {
    throw new ApiError("forbidden", "cnmap runs read-only (CNMAP_READ_ONLY): changes are disabled.");
  }
  if (RANK[actor.role] < RANK[ACCESS_ROLE[access]]) {
    throw new ApiError("forbidden", `This needs the ${ACCESS_ROLE[access]} role; ${actor.name} is ${/^[aeiou]/.test(actor.role) ? "an" : "a"} ${actor.role}.`);
  }
}

/** Whether an error only means the client went away mid-request (an aborted upload, a closed tab). */
export function isClientGone(request: Request, err: unknown): boolean {
  if (request.signal.aborted) return true;
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  return e.name === "AbortError" || e.code === "ECONNRESET" || e.code === "ERR_STREAM_PREMATURE_CLOSE" || (typeof e.message === "string" && /^(aborted|terminated)$/i.test(e.message));
}

function hostInterfaceNames(): string[] {
  return Object.keys(os.networkInterfaces());
}

/** The error answer for this actor: the engine's own words naming the host's interfaces are for admins only. */
export function errorFor(err: unknown, actor: Actor, interfaces: readonly string[] = hostInterfaceNames()): Response {
  if (err instanceof ApiError && err.engineWords && actor.role !== "admin" && mentionsHostInterface(err.engineWords, interfaces)) {
    log.debug(`engine message withheld from ${actor.name}: ${err.engineWords}`);
    const withheld = err.message.replace(err.engineWords, "(withheld: it names the host's interfaces; an admin can see it)");
    return errorResponse(new ApiError(err.code, withheld));
  }
  return errorResponse(err);
}

export function withApi<P extends object = Record<string, never>>(
  options: { access: Access },
  handler: (ctx: ApiContext<P>) => Promise<Response>,
): RouteHandler<P> {
  return async (request, route) => {
    const actor = LOCAL_ACTOR;
    try {
      checkAccess(request, options.access, actor);
      const params = ((await route?.params) ?? {}) as P;
      const engine = (params as { engine?: unknown }).engine;
      const session = engineSession(typeof engine === "string" ? engine : undefined);
      return await handler({ request, params, session, actor });
    } catch (err) {
      if (isClientGone(request, err)) {
        doorStats().clientGone += 1;
        log.debug(`${request.method} ${new URL(request.url).pathname}: the client went away before the answer`);
        return new Response(null, { status: 499 });
      }
      return errorFor(err, actor);
    }
  };
}
