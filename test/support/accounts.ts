/**
 * Accounts for the auth API tests: sign-in through the real API, returning
 * the session cookie, and a token's expiry set in the past. Users and tokens
 * are made with the real CLI (users-cli.ts).
 */
import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { post } from "./mutate";

export { addUser, usersCli } from "./users-cli";

/** Signs in and returns the `Cookie` header value of the new session. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await post(base, "/api/session", { username, password });
  expect(res.status, res.text).toBe(200);
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const session = cookies.find((c) => c.startsWith("cnmap.session_token="));
  expect(session, cookies.join(" | ")).toBeDefined();
  return (session ?? "").split(";")[0] ?? "";
}

/** Sets a token's expiry in the past, straight in the database (no waiting for a clock). */
export function expireToken(dataDir: string, tokenName: string): void {
  const db = new Database(path.join(dataDir, "cnmap.db"));
  try {
    const changed = db.prepare(`UPDATE cnmap_token SET expires_at = '2000-01-01T00:00:00.000Z' WHERE name = ?`).run(tokenName).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}
