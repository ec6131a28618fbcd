/**
 * Signing in and out through better-auth's server API, with cnmap's rules
 * around it: one answer for "no such user" and "wrong password", attempts
 * limited per user name and per client, and each attempt audited.
 */
import "server-only";
import { ApiError } from "../api/errors";
import type { AuthContext } from "./context";

/** The one message for every failed sign-in: it must not tell a wrong name from a wrong password. */
export const SIGN_IN_FAILED = "Wrong user name or password.";

export interface SignInResult {
  username: string;
  /** Set-Cookie headers of the new session. */
  headers: Headers;
}

export async function signIn(ctx: AuthContext, request: Request, client: string, username: string, password: string): Promise<SignInResult> {
  const name = username.trim().toLowerCase().slice(0, 64);
  const wait = ctx.signIns.retryAfter(name, client);
  const audit = (outcome: "ok" | "refused", message?: string): void => {
    ctx.audit.record({ actor: name || "(empty)", engine: "", action: "sign-in", target: name, command: "", outcome, client, ...(message ? { message } : {}) });
  };
  if (wait > 0) {
    audit("refused", `too many attempts; retry after ${wait} s`);
    throw new ApiError("busy", `Too many sign-in attempts; try again in ${wait} s.`);
  }
  try {
    const { headers, response } = await ctx.auth.api.signInUsername({
      body: { username: name, password },
      headers: request.headers,
      returnHeaders: true,
    });
    if (!response?.user) throw new Error("no user");
    audit("ok");
    return { username: name, headers };
  } catch {
    ctx.signIns.failed(name, client);
    audit("refused", SIGN_IN_FAILED);
    throw new ApiError("unauthorized", SIGN_IN_FAILED);
  }
}

export async function signOut(ctx: AuthContext, request: Request): Promise<Headers> {
  const { headers } = await ctx.auth.api.signOut({ headers: request.headers, returnHeaders: true });
  return headers;
}
