#!/usr/bin/env node
/**
 * `npm start`: serve the dashboard on HOST:PORT (default 127.0.0.1:3000)
 * against the engine named by DOCKER_HOST (else the default socket).
 * Builds first when there is no build or a source file is newer than it.
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_SOURCES, buildIsStale } from "./lib/build-freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
  console.error(`[cnmap] PORT must be a TCP port number, got "${port}"`);
  process.exit(2);
}

// tsconfig.json too: its paths shape the build (the benchmark leaves it out, as its own builds rewrite it).
const stale = buildIsStale(root, ".next", [...BUILD_SOURCES, "tsconfig.json"]);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (!existsSync(nextBin)) {
  console.error("[cnmap] dependencies are missing: run `npm install` first");
  process.exit(1);
}
if (stale) {
  console.log("[cnmap] building the dashboard…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`[cnmap] serving on http://${host.includes(":") ? `[${host}]` : host}:${port} against ${process.env.DOCKER_HOST || "unix:///var/run/docker.sock"}`);
const child = spawn(process.execPath, [nextBin, "start", "-H", host, "-p", port], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
