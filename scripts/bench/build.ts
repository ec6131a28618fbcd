/** The dashboard build the benchmark serves, and the port it serves it on. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { buildIsStale } from "../lib/build-freshness.mjs";
import { log } from "./report";

/** Builds into `distDir` when there is no build there, or it is older than the sources (or `rebuild`). */
export function ensureBuild(root: string, distDir: string, rebuild: boolean): void {
  if (!rebuild && !buildIsStale(root, distDir)) {
    log(`using the build in ${distDir}`);
    return;
  }
  log(`building the dashboard into ${distDir} (next build) ...`);
  // next build adds its folder's types to tsconfig.json's include: put back what it found.
  const tsconfigPath = path.join(root, "tsconfig.json");
  const tsconfigBefore = readFileSync(tsconfigPath, "utf8");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    env: { ...process.env, CNMAP_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  restoreTsconfig(tsconfigPath, tsconfigBefore, distDir);
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

function restoreTsconfig(file: string, before: string, distDir: string): void {
  const after = readFileSync(file, "utf8");
  if (after === before) return;
  const parsed = JSON.parse(after) as { include?: string[] };
  const wasIncluded = new Set((JSON.parse(before) as { include?: string[] }).include ?? []);
  parsed.include = parsed.include?.filter((p) => !p.startsWith(`${distDir}/`) || wasIncluded.has(p));
  // Only our folder's entries were added: restore the file byte for byte; else keep the others' changes.
  writeFileSync(file, isDeepStrictEqual(parsed, JSON.parse(before)) ? before : `${JSON.stringify(parsed, null, 2)}\n`);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}
