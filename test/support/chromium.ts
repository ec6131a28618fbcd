/**
 * Debian's Chromium for Playwright (scripts/ensure-chromium.sh installs it; no
 * browser download is possible here): the e2e tests (playwright.config.ts)
 * and the benchmark (scripts/bench) launch it alike.
 */
export const CHROMIUM_PATH = process.env.CNMAP_CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
