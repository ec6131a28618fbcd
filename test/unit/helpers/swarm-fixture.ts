/**
 * The engine JSON captured from a real swarm manager
 * (test/fixtures/engine/swarm-services.json), as the swarm transform takes
 * it. Not a test file (no `.test.ts`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EngineNetwork } from "@/lib/topology/engine-json";
import type { EngineNetworkVerbose, EngineNode, EngineService, EngineSwarmSnapshot, EngineTask } from "@/lib/topology/swarm-json";

export interface SwarmFixture {
  info: { Swarm: { NodeID: string; ControlAvailable: boolean } };
  nodes: EngineNode[];
  services: EngineService[];
  tasks: EngineTask[];
  networks: EngineNetwork[];
  /** `GET /networks/{id}?verbose=true` of the swarm networks. */
  verbose: EngineNetworkVerbose[];
}

/** A fresh, deep copy each call, so tests may mutate it. */
export function loadSwarmFixture(): SwarmFixture {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/engine/swarm-services.json", import.meta.url)), "utf8")) as SwarmFixture;
}

/** The fixture as the live model reads it (lib/server/swarm-read.ts). */
export function swarmSnapshotOf(f: SwarmFixture): EngineSwarmSnapshot {
  return { nodeId: f.info.Swarm.NodeID, manager: f.info.Swarm.ControlAvailable, nodes: f.nodes, services: f.services, tasks: f.tasks, networks: f.verbose };
}
