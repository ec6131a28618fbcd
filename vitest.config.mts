import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
// Server modules say `import "server-only"`; outside Next's server bundle that marker throws, so tests get its empty twin.
const alias = { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/unit/setup.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/api/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The tests share one engine and one server: run files one at a time.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // On a real two-node swarm (scripts/swarm-up.sh): scripts/test-all.sh's
          // swarm phase, or `npm run test:swarm`. Alone, the global setup makes
          // the swarm and takes it down.
          name: "swarm",
          include: ["test/swarm/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/swarm/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
