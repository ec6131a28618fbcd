/**
 * Starts two dashboards for the API tests: one against the real engine
 * (CNMAP_API_URL) and one against a socket that does not exist
 * (CNMAP_API_DOWN_URL). The engine and the build are scripts/test-all.sh's job.
 */
import { createServer } from "node:net";
import "vitest";
import type { TestProject } from "vitest/node";
import { startServer, type RunningServer } from "../support/server";

export const MISSING_SOCKET = "unix:///tmp/cnmap-no-such-engine.sock";

let servers: RunningServer[] = [];

/** A TCP port nobody listens on right now, so that parallel runs (and a fixed port taken by another dashboard) cannot collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  const fixed = process.env.CNMAP_API_PORT ? Number(process.env.CNMAP_API_PORT) : undefined;
  const livePort = fixed ?? (await freePort());
  let downPort = fixed !== undefined ? fixed + 1 : await freePort();
  while (downPort === livePort) downPort = await freePort();
  const [live, down] = await Promise.all([
    startServer(livePort),
    startServer(downPort, { DOCKER_HOST: MISSING_SOCKET }),
  ]);
  servers = [live, down];
  project.provide("apiUrl", live.url);
  project.provide("apiDownUrl", down.url);
  project.provide("missingSocket", MISSING_SOCKET);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
}

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    apiDownUrl: string;
    missingSocket: string;
  }
}
