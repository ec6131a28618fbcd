/**
 * The swarm tests' setup: one dashboard against the main engine (the swarm's
 * manager), and the two-node swarm's coordinates (CNMAP_SWARM_* from
 * scripts/swarm-up.sh). scripts/test-all.sh and scripts/test-swarm.sh make the
 * swarm and export them; when they are absent (the project run alone), the
 * swarm is made here and taken down at teardown.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import "vitest";
import type { TestProject } from "vitest/node";
import { freePort, startServer, type RunningServer } from "../support/server";
import { swarmEnvFrom, type SwarmEnv } from "../support/swarm-env";

const SCRIPTS = path.resolve(__dirname, "..", "..", "scripts");
let madeSwarm = false;
let server: RunningServer | undefined;

function swarmDown(): void {
  execFileSync("bash", [path.join(SCRIPTS, "swarm-down.sh")], { stdio: "inherit" });
}

export async function setup(project: TestProject): Promise<void> {
  let swarm = swarmEnvFrom(process.env);
  if (!swarm) {
    const out = execFileSync("bash", [path.join(SCRIPTS, "swarm-up.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    madeSwarm = true;
    const vars = Object.fromEntries(
      out.split("\n").flatMap((l) => {
        const m = /^(CNMAP_SWARM_[A-Z0-9_]+)=(.*)$/.exec(l.trim());
        return m ? [[m[1], m[2]]] : [];
      }),
    );
    swarm = swarmEnvFrom(vars);
    if (!swarm) {
      swarmDown();
      throw new Error(`scripts/swarm-up.sh printed no CNMAP_SWARM_* lines:\n${out}`);
    }
  }
  try {
    const port = process.env.CNMAP_API_PORT ? Number(process.env.CNMAP_API_PORT) : await freePort();
    server = await startServer(port);
  } catch (err) {
    if (madeSwarm) swarmDown();
    throw err;
  }
  project.provide("apiUrl", server.url);
  project.provide("swarm", swarm);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (madeSwarm) swarmDown();
}

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    /** The two-node swarm of scripts/swarm-up.sh. */
    swarm: SwarmEnv;
  }
}
