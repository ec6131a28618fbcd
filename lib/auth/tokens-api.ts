/** The token routes' work: a signed-in user's own API tokens. */
import "server-only";
import { z } from "zod";
import { ApiError } from "../api/errors";
import type { Actor } from "../api/with-api";
import { AccountError, type UserRecord } from "./accounts";
import type { AuthContext } from "./context";
import { parseDuration, ROLES } from "./roles";

export const newTokenSchema = z
  .object({
    name: z.string().min(1).max(64),
    role: z.enum(ROLES).optional(),
    /** "30d", "12h", "45m" or seconds; at most a year. None: the token does not expire. */
    expires: z.string().max(16).optional(),
  })
  .strict();

/** The user behind a session or token; tokens are for accounts, not for single-user mode. */
export function ownerOf(ctx: AuthContext, actor: Actor): UserRecord {
  if (actor.kind === "local" || !actor.userId) {
    throw new ApiError("conflict", "cnmap has no accounts, so there is nothing to make a token for: create the first admin with `npm run users -- add NAME --role admin --password-stdin`.");
  }
  if (actor.kind === "token") throw new ApiError("forbidden", "Tokens are managed by a signed-in person, not with another token.");
  const user = ctx.accounts.byId(actor.userId);
  if (!user) throw new ApiError("unauthorized", "The account no longer exists.");
  return user;
}

export function expirySeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDuration(text);
  if (seconds === null || seconds > 366 * 86_400) throw new ApiError("invalid_input", `expires: "${text}" is not a duration of at most a year (30d, 12h, 45m).`);
  return seconds;
}

export function accountError(err: unknown): unknown {
  return err instanceof AccountError ? new ApiError("invalid_input", err.message) : err;
}
