/**
 * Who may manage what concerns every engine (people, and the engines
 * themselves): a global admin, signed in, or the local person of
 * single-user mode. An admin on one engine manages that engine's networks,
 * not people or the engine list; a token, made for scripts, manages neither.
 */
import "server-only";
import { ApiError } from "../api/errors";
import type { Actor } from "../api/with-api";
import type { AuthContext } from "./context";

/** Refuses (403) anyone but a signed-in global admin or the local person; `what` names the task ("Managing people"). */
export function requireGlobalAdmin(ctx: AuthContext, actor: Actor, what: string): void {
  if (actor.kind === "local") return;
  if (actor.kind === "token") throw new ApiError("forbidden", `${what} is for a signed-in admin, not a token.`);
  const user = actor.userId ? ctx.accounts.byId(actor.userId) : null;
  if (user?.role !== "admin") throw new ApiError("forbidden", `${what} needs the admin role on every engine (a global admin).`);
}
