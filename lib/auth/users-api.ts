/** The user routes' work: managing accounts is for global admins (an admin on one engine manages that engine, not people). */
import "server-only";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { ENGINE_ID } from "../engines/config";
import type { EngineRegistry } from "../server/engine-registry";
import type { Actor } from "../api/with-api";
import { AccountError, type UserRecord } from "./accounts";
import { requireGlobalAdmin as requireAdminOfAll } from "./global-admin";
import type { AuthContext } from "./context";
import { ROLES } from "./roles";

export const newUserSchema = z
  .object({
    username: z.string().min(2).max(64),
    password: z.string().min(10, "at least 10 characters").max(256),
    role: z.enum(ROLES),
    engine: z.string().regex(ENGINE_ID, "an engine ID").optional(),
  })
  .strict();

/** A role to set, or null to take one away; on one engine, or (no engine) the global role. */
export const roleSchema = z
  .object({
    role: z.enum(ROLES).nullable(),
    engine: z.string().regex(ENGINE_ID, "an engine ID").optional(),
  })
  .strict();

/** Refuses anyone but a signed-in global admin (or the local person of single-user mode). */
export function requireGlobalAdmin(ctx: AuthContext, actor: Actor): void {
  requireAdminOfAll(ctx, actor, "Managing people");
}

/** Refuses a role on an engine cnmap does not serve (a typo would otherwise grant nothing, silently). */
export function requireKnownEngine(engines: EngineRegistry, engine: string | undefined): void {
  if (engine !== undefined && !engines.list().some((s) => s.id === engine)) throw new ApiError("invalid_input", `No such engine: ${engine}.`);
}

export interface UserSummary extends UserRecord {
  tokens: number;
}

export function summaries(ctx: AuthContext): UserSummary[] {
  return ctx.accounts.list().map((u) => ({ ...u, tokens: ctx.accounts.listTokens(u.id).filter((t) => !t.revokedAt).length }));
}

export function userNamed(ctx: AuthContext, name: string): UserRecord {
  const user = ctx.accounts.byName(name.slice(0, 64));
  if (!user) throw new ApiError("not_found", `No such user: ${name.slice(0, 64)}.`);
  return user;
}

export function accountRefusal(err: unknown): unknown {
  return err instanceof AccountError ? new ApiError(/exists already/.test(err.message) ? "conflict" : "invalid_input", err.message) : err;
}
