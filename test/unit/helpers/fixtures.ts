/**
 * Loads the engine JSON captured by scripts/capture-fixtures.ts and builds the
 * EngineSnapshot the pure transforms take. Not a test file (no `.test.ts`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  EngineContainerSummary,
  EngineEndpointSettings,
  EngineNetwork,
  EngineSnapshot,
} from "@/lib/topology/engine-json";

/** The part of a full `GET /containers/{id}/json` the tests compare against. */
export interface RawInspect {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean };
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, EngineEndpointSettings> | null };
}

export interface EngineFixture {
  note: string;
  capturedWith: string;
  version: { Version: string; ApiVersion: string };
  info: { ServerVersion: string; Swarm: { LocalNodeState: string }; Name: string };
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
  inspects: RawInspect[];
}

export type FixtureName = "local" | "swarm";

const cache = new Map<FixtureName, string>();

/** A fresh, deep copy of a fixture each call, so tests may mutate it. */
export function loadFixture(name: FixtureName): EngineFixture {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`../../fixtures/engine/${name}.json`, import.meta.url)), "utf8");
    cache.set(name, text);
  }
  return JSON.parse(text) as EngineFixture;
}

export function snapshotOf(f: EngineFixture): EngineSnapshot {
  return {
    networks: f.networks,
    containers: f.containers,
    details: Object.fromEntries(f.inspects.map((i) => [i.Id, i])),
  };
}

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`fixture lacks ${what}`);
  return value;
}

export function rawNetwork(f: EngineFixture, name: string): EngineNetwork {
  return must(
    f.networks.find((n) => n.Name === name),
    `network ${name}`,
  );
}

export function rawContainer(f: EngineFixture, name: string): EngineContainerSummary {
  return must(
    f.containers.find((c) => c.Names[0] === `/${name}`),
    `container ${name}`,
  );
}

export function rawInspect(f: EngineFixture, name: string): RawInspect {
  return must(
    f.inspects.find((i) => i.Name === `/${name}`),
    `inspect of ${name}`,
  );
}
