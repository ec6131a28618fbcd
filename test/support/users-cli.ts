/** `npm run users` for the tests (API and e2e): users and tokens made with the real CLI in a server's data folder. */
import { execFileSync } from "node:child_process";
import path from "node:path";

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

/** Adds a user with a made-up password, which it returns. */
export function addUser(dataDir: string, name: string, role: string, engine?: string): string {
  const password = `${name}-secret-password`;
  usersCli(dataDir, ["add", name, "--role", role, ...(engine ? ["--engine", engine] : []), "--password-stdin"], password);
  return password;
}
