/**
 * Starts two dashboards for the API tests: one against the real engine
 * (CNMAP_API_URL) and one against a socket that does not exist
 * (CNMAP_API_DOWN_URL); and a second engine for the multi-engine tests
 * (CNMAP_ENGINE2_HOST when scripts/test-all.sh started it, else started here
 * and stopped afterwards). The engine and the build are scripts/test-all.sh's job.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import "vitest";
import type { TestProject } from "vitest/node";
import { freePort, startServer, type RunningServer } from "../support/server";

const SCRIPTS = path.resolve(__dirname, "..", "..", "scripts");
let startedEngine2 = false;

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
  let engine2 = process.env.CNMAP_ENGINE2_HOST;
  if (!engine2) {
    engine2 = execFileSync("bash", [path.join(SCRIPTS, "engine2-up.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    startedEngine2 = true;
  }
  project.provide("engine2Host", engine2);
  project.provide("apiUrl", live.url);
  project.provide("apiDownUrl", down.url);
  project.provide("missingSocket", MISSING_SOCKET);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  if (startedEngine2) execFileSync("bash", [path.join(SCRIPTS, "engine2-down.sh")], { stdio: "inherit" });
}

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    apiDownUrl: string;
    missingSocket: string;
    /** DOCKER_HOST of the second engine (scripts/engine2-up.sh). */
    engine2Host: string;
  }
}
