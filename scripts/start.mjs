#!/usr/bin/env node
/**
 * `npm start`: serve the dashboard on HOST:PORT (default 127.0.0.1:3000)
 * against the engine named by DOCKER_HOST (else the default socket).
 * Builds first when there is no build or a source file is newer than it.
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
  console.error(`[cnmap] PORT must be a TCP port number, got "${port}"`);
  process.exit(2);
}

const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!existsSync(nextBin)) {
  console.error("[cnmap] dependencies are missing: run `npm install` first");
  process.exit(1);
}
if (built === 0 || sources > built) {
  console.log("[cnmap] building the dashboard…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`[cnmap] serving on http://${host.includes(":") ? `[${host}]` : host}:${port} against ${process.env.DOCKER_HOST || "unix:///var/run/docker.sock"}`);
const child = spawn(process.execPath, [nextBin, "start", "-H", host, "-p", port], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
