/**
 * End-to-end tests: Debian's Chromium against the built app (`next build`
 * must have run into CNMAP_DIST_DIR, default .next) and the real engine.
 * Two servers: 3220 talks to the engine, 3221 to an engine address that does
 * not exist (for the "engine unavailable" page).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./test/support/chromium";

const LIVE_URL = "http://127.0.0.1:3220";
const UNREACHABLE_URL = "http://127.0.0.1:3221";
const MISSING_ENGINE = "unix:///tmp/cnmap-no-such-engine.sock";

const NEXT_START = "node node_modules/next/dist/bin/next start -H 127.0.0.1 -p";
const env: Record<string, string> = {
  // Accounts and the audit trail of the test servers, never the project's ./data.
  CNMAP_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "cnmap-e2e-")),
  ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>),
  CNMAP_DIST_DIR: process.env.CNMAP_DIST_DIR ?? ".next",
  // The labs run on the test image: no registry can be reached, and cnmap never pulls.
  CNMAP_LAB_IMAGE: process.env.CNMAP_TEST_IMAGE ?? "cnmap-test-busybox:latest",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME || "test-results/e2e-results.json" }],
  ],
  // The swarm specs need the two-node swarm of scripts/swarm-up.sh, so they
  // run on their own in scripts/test-all.sh's swarm phase.
  projects: [
    { name: "main", testIgnore: "**/swarm/**" },
    { name: "swarm", testMatch: "**/swarm/**/*.spec.ts" },
  ],
  use: {
    baseURL: LIVE_URL,
    viewport: { width: 1600, height: 900 },
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium (scripts/ensure-chromium.sh installs it); no browser download.
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: [
    {
      command: `${NEXT_START} 3220`,
      url: `${LIVE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env,
    },
    {
      command: `${NEXT_START} 3221`,
      url: `${UNREACHABLE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...env, DOCKER_HOST: MISSING_ENGINE },
    },
  ],
});
