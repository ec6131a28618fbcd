/**
 * The one door every route handler goes through. A route declares what it
 * needs (public, read, operate or administer) and gets the engine session
 * and the actor; the door checks, in the handler itself (never middleware
 * alone, which has been bypassed repeatedly):
 * - the Host header, on every request (DNS rebinding);
 * - same origin, on every request that is not a GET or HEAD;
 * - who is asking: a bearer token, else a session cookie, else, on a route
 *   about one engine, a presentation link's cookie (viewer on that engine
 *   only, reading only); with no account at all, "local" (single-user mode on
 *   loopback). No valid credentials: 401;
 * - the actor's role on the engine (an engine they have no role on does not
 *   exist for them: 404) against the access the route needs, and read-only mode;
 * then runs the handler, maps what it throws to the error vocabulary, and
 * writes the audit record of every change and probe, allowed or refused.
 */
import "server-only";
import os from "node:os";
import type { UserRecord } from "../auth/accounts";
import type { AuditOutcome } from "../auth/audit";
import type { Attribution } from "../events/attribution";
import { authContext, type AuthContext } from "../auth/context";
import { signInRequired } from "../auth/context-open";
import { cookieValue } from "../auth/cookies";
import { LINK_COOKIE } from "../auth/present-links";
import { ACCESS_ROLE, lesserRole, roleAllows, type Access, type Role } from "../auth/roles";
import { serverConfig } from "../config";
import { mentionsHostInterface } from "../docker/refusals";
import type { EngineRegistry } from "../server/engine-registry";
import type { EngineSession } from "../server/engine-session";
import { engineRegistry } from "../server/engines";
import { log } from "../server/log";
import { ApiError, errorResponse } from "./errors";
import { checkHost, checkSameOrigin } from "./guard";

export type { Access, Role };
export { ACCESS_ROLE };

export interface Actor {
  /** local: single-user mode; user: a session cookie; token: an API token; link: a presentation link's cookie. */
  kind: "local" | "user" | "token" | "link";
  /** The user name (`user/token-name` for a token; "local"; `link:<label>` for a presentation link). */
  name: string;
  userId?: string;
  /** The role on the engine of the request (a presentation link: viewer). */
  role: Role;
  /** A presentation link: its ID, its one engine and the saved view it opens. */
  link?: { id: string; engine: string; view: string | null };
  /** Aborted when the credentials end while the request runs (a presentation link revoked): streams end with it. */
  ends?: AbortSignal;
}

/** The single-user actor: cnmap on loopback with no accounts. */
export const LOCAL_ACTOR: Actor = { kind: "local", name: "local", role: "admin" };

export interface ApiContext<P> {
  request: Request;
  /** Path parameters as the router decoded them (validate before use: lib/api/params.ts). */
  params: P;
  session: EngineSession;
  /** Every engine cnmap serves (for the routes that list, add and remove engines). */
  engines: EngineRegistry;
  /** Null only on public routes, for a caller who has not signed in. */
  actor: Actor;
  /** Accounts, sessions and the audit trail. */
  auth: AuthContext;
  /** The client's address. */
  client: string;
  /** What the audit record of this request names: its target and the equivalent docker command (and, where only the handler knows them, who, how it ended, and the engine of a route about one but not scoped to it). */
  audit(details: AuditDetails): void;
  /** A change to tell everyone watching this engine about, with the actor's name, once the request has succeeded. */
  announce(change: Omit<Attribution, "actor" | "at" | "text"> & { text: (actor: string) => string }): void;
}

export interface AuditDetails {
  target?: string;
  command?: string;
  /** Who, where the door cannot tell (an OIDC callback: the person is known only once the provider has answered). */
  actor?: string;
  /** How it ended, where the status does not say (an OIDC callback answers a refusal with a redirect). */
  outcome?: AuditOutcome;
  message?: string;
  /** The engine, for a route about one engine that is not scoped to it (adding and removing engines). */
  engine?: string;
}

export interface PublicContext<P> extends Omit<ApiContext<P>, "actor"> {
  actor: Actor | null;
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

/** Host and origin, for every route. */
export function checkRequest(request: Request): void {
  checkHost(request);
  if (request.method !== "GET" && request.method !== "HEAD") checkSameOrigin(request);
}

/** Read-only mode and the role, for a known actor. */
export function checkAccess(access: Access, actor: Actor): void {
  if (access !== "read" && serverConfig().readOnly) {
    throw new ApiError("forbidden", "cnmap runs read-only (CNMAP_READ_ONLY): changes are disabled.");
  }
  if (!roleAllows(actor.role, access)) {
    throw new ApiError("forbidden", `This needs the ${ACCESS_ROLE[access]} role; ${actor.name} is ${/^[aeiou]/.test(actor.role) ? "an" : "a"} ${actor.role}.`);
  }
}

/** The caller's address: the socket's, as Next passes it on (x-forwarded-for is set by Next itself, not trusted from clients beyond it). */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return (forwarded?.split(",")[0] ?? "").trim() || "unknown";
}

/**
 * Who is asking, and with which role on `engineId`. Null when sign-in is on
 * (accounts exist, or OIDC is configured) and the request carries no valid credentials. A token's role is capped by
 * its owner's current role on the engine.
 */
export async function resolveActor(ctx: AuthContext, request: Request, engineId: string | null, linkHolders = engineId !== null): Promise<Actor | null> {
  if (!signInRequired(ctx)) return LOCAL_ACTOR;
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m?.[1]) throw new ApiError("unauthorized", "The Authorization header must be `Bearer <token>`.");
    const owner = ctx.accounts.verifyToken(m[1]);
    if ("refused" in owner) throw new ApiError("unauthorized", `The API token is not valid: ${owner.refused}.`);
    const role = roleFor(ctx, owner.user, engineId);
    return { kind: "token", name: `${owner.user.username}/${owner.token.name}`, userId: owner.user.id, role: lesserRole(owner.token.role, role) };
  }
  const found = await ctx.auth.api.getSession({ headers: request.headers });
  const user = found ? ctx.accounts.byId(found.user.id) : null;
  if (user) return { kind: "user", name: user.username, userId: user.id, role: roleFor(ctx, user, engineId) };
  return linkHolders ? linkActor(ctx, request, engineId) : null;
}

/**
 * A presentation link's holder: a viewer on the link's engine, on the routes
 * about that one engine (and the engine list, which shows them that engine
 * alone); nobody anywhere else (routes about no engine, such as people,
 * tokens or the audit trail, do not know the cookie). Another engine does not
 * exist for them (404); a revoked or unknown link is 401.
 */
function linkActor(ctx: AuthContext, request: Request, engineId: string | null): Actor | null {
  const token = cookieValue(request.headers.get("cookie"), LINK_COOKIE);
  if (token === null) return null;
  const link = ctx.links.verify(token);
  if ("refused" in link) throw new ApiError("unauthorized", `This presentation link no longer opens cnmap: ${link.refused}.`);
  if (engineId !== null && link.engine !== engineId) throw new ApiError("not_found", `No such engine: ${engineId}.`);
  return { kind: "link", name: `link:${link.label}`, role: "viewer", link: { id: link.id, engine: link.engine, view: link.view }, ends: ctx.links.ended(link.id) };
}

/** The role on an engine (none: the engine does not exist for them), or the best role anywhere for what concerns no engine. */
function roleFor(ctx: AuthContext, user: UserRecord, engineId: string | null): Role {
  const role = engineId === null ? ctx.accounts.bestRole(user) : ctx.accounts.roleOn(user, engineId);
  if (role) return role;
  if (engineId === null) throw new ApiError("forbidden", `${user.username} has no role on any engine; an admin can give one with \`npm run users\`.`);
  throw new ApiError("not_found", `No such engine: ${engineId}.`);
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
export function errorFor(err: unknown, actor: Actor | null, interfaces: readonly string[] = hostInterfaceNames()): Response {
  if (err instanceof ApiError && err.engineWords && actor?.role !== "admin" && mentionsHostInterface(err.engineWords, interfaces)) {
    log.debug(`engine message withheld from ${actor?.name ?? "an anonymous caller"}: ${err.engineWords}`);
    const withheld = err.message.replace(err.engineWords, "(withheld: it names the host's interfaces; an admin can see it)");
    return errorResponse(new ApiError(err.code, withheld));
  }
  return errorResponse(err);
}

function outcomeOf(status: number): AuditOutcome {
  return status < 400 ? "ok" : status < 500 || status === 503 ? "refused" : "error";
}

async function messageOf(res: Response): Promise<string | undefined> {
  if (res.status < 400) return undefined;
  try {
    const body = (await res.clone().json()) as { error?: { message?: string } };
    return body.error?.message;
  } catch {
    return undefined;
  }
}

interface RouteOptions {
  access: Access | "public";
  /** The audited action (connect, network.create, probe...): every request to a route that has one is recorded. */
  action?: string;
  /** "none" for routes about no single engine (sessions, tokens, the audit trail, the engine list): the actor's best role counts. */
  scope?: "engine" | "none";
  /** On a route about no engine: a presentation link's holder is known too (the engine list, which shows them their one engine). */
  linkHolders?: boolean;
}

export function withApi<P extends object = Record<string, never>>(options: RouteOptions & { access: "public" }, handler: (ctx: PublicContext<P>) => Promise<Response>): RouteHandler<P>;
export function withApi<P extends object = Record<string, never>>(options: RouteOptions & { access: Access }, handler: (ctx: ApiContext<P>) => Promise<Response>): RouteHandler<P>;
export function withApi<P extends object>(
  options: RouteOptions,
  handler: ((ctx: PublicContext<P>) => Promise<Response>) | ((ctx: ApiContext<P>) => Promise<Response>),
): RouteHandler<P> {
  // Past the checks below, a route that is not public always has an actor: its handler's ApiContext holds.
  const run = handler as (ctx: PublicContext<P>) => Promise<Response>;
  return async (request, route) => {
    let actor: Actor | null = null;
    let auth: AuthContext | null = null;
    let engineId = "";
    const details: AuditDetails = {};
    let change: Parameters<ApiContext<P>["announce"]>[0] | null = null;
    let session: EngineSession | null = null;
    const client = clientAddress(request);
    let res: Response;
    try {
      // First, so that a request refused by the checks below (another origin, a foreign Host) is audited too.
      auth = await authContext();
      checkRequest(request);
      const params = ((await route?.params) ?? {}) as P;
      const engineParam = (params as { engine?: unknown }).engine;
      const engines = await engineRegistry();
      session = engines.get(typeof engineParam === "string" ? engineParam : undefined);
      const scoped = options.scope !== "none";
      engineId = scoped ? session.id : "";
      actor = await resolveActor(auth, request, scoped ? session.id : null, scoped || options.linkHolders === true);
      if (options.access !== "public") {
        if (!actor) throw new ApiError("unauthorized", "Sign in first (a session cookie), or send an API token as `Authorization: Bearer <token>`.");
        if (actor.kind === "link" && options.access !== "read") throw new ApiError("forbidden", "A presentation link only shows the engine: it changes nothing.");
        checkAccess(options.access, actor);
      }
      res = await run({
        request,
        params,
        session,
        engines,
        actor,
        auth,
        client,
        audit: (d) => Object.assign(details, d),
        announce: (c) => {
          change = c;
        },
      });
    } catch (err) {
      if (isClientGone(request, err)) {
        doorStats().clientGone += 1;
        log.debug(`${request.method} ${new URL(request.url).pathname}: the client went away before the answer`);
        return new Response(null, { status: 499 });
      }
      res = errorFor(err, actor);
    }
    const announced = change as Parameters<ApiContext<P>["announce"]>[0] | null;
    if (announced && session && res.status < 400) {
      const name = actor?.name.split("/")[0] ?? "someone";
      const { text, ...ids } = announced;
      session.hub.announce({ ...ids, actor: name, text: text(name), at: Date.now() });
    }
    if (options.action && auth) {
      try {
        const message = res.status >= 400 ? ((await messageOf(res)) ?? details.message ?? `HTTP ${res.status}`) : details.message;
        auth.audit.record({
          actor: details.actor ?? actor?.name ?? "(not signed in)",
          engine: details.engine ?? engineId,
          action: options.action,
          target: details.target ?? new URL(request.url).pathname,
          command: details.command ?? "",
          // A handler's own outcome counts only for an answer that is not an error itself.
          outcome: details.outcome !== undefined && res.status < 400 ? details.outcome : outcomeOf(res.status),
          ...(message !== undefined ? { message } : {}),
          client,
        });
      } catch (err) {
        log.error("could not write the audit record", err);
      }
    }
    return res;
  };
}
