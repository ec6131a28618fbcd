/**
 * Accounts for the auth tests: users and tokens made with the real CLI
 * (`npm run users`) in a test server's data folder, and sign-in through the
 * real API, returning the session cookie.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { post } from "./mutate";

const ROOT = path.resolve(__dirname, "..", "..");

/** `npm run users -- ARGS` against `dataDir`; the password, if any, on standard input. */
export function usersCli(dataDir: string, args: string[], password?: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "users.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CNMAP_DATA_DIR: dataDir },
    input: password === undefined ? "" : `${password}\n`,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  }).trim();
}

export function addUser(dataDir: string, name: string, role: string, engine?: string): string {
  const password = `${name}-secret-password`;
  usersCli(dataDir, ["add", name, "--role", role, ...(engine ? ["--engine", engine] : []), "--password-stdin"], password);
  return password;
}

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
