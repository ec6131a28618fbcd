/**
 * Starts two dashboards for the API tests: one against the real engine
 * (CNMAP_API_URL) and one against a socket that does not exist
 * (CNMAP_API_DOWN_URL). The engine and the build are scripts/test-all.sh's job.
 */
import "vitest";
import type { TestProject } from "vitest/node";
import { freePort, startServer, type RunningServer } from "../support/server";

export const MISSING_SOCKET = "unix:///tmp/cnmap-no-such-engine.sock";

let servers: RunningServer[] = [];

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
