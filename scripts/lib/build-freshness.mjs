/**
 * Whether a Next.js build is older than the sources it was built from:
 * `npm start` and the benchmark build only when it is (or when there is none).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What a build is made from. */
export const BUILD_SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "postcss.config.mjs"];

/** The newest modification time of a file, or of anything under a folder (0 when missing). */
export function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when `root/distDir` holds no build, or one older than any of `sources` (relative to root). */
export function buildIsStale(root, distDir, sources = BUILD_SOURCES) {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  return statSync(buildId).mtimeMs < Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
}
