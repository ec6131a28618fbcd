/**
 * A topology snapshot from the engine: a constant number of calls in
 * parallel (networks, containers with all=1, info for the swarm state), plus
 * inspects only for containers the cache cannot vouch for. The version is
 * asked once per connection: it cannot change unless the engine restarts,
 * which drops the event stream and starts a new generation.
 */
import { serverConfig } from "../config";
import { ContainerDetailCache } from "../docker/container-cache";
import { engineInfo, engineVersion, inspectContainer, listContainers, listNetworks, type EngineVersion } from "../docker/engine";
import { eventHub } from "../events/hub";
import { localUplinkMtu } from "../net/uplink";
import { buildTopology } from "../topology/build";
import type { EngineContainerSummary, EngineNetwork } from "../topology/engine-json";
import type { Topology } from "../topology/types";

const globalForCache = globalThis as typeof globalThis & { __cnmapDetailCache?: ContainerDetailCache };

export function detailCache(): ContainerDetailCache {
  if (!globalForCache.__cnmapDetailCache) {
    const hub = eventHub();
    const cache = new ContainerDetailCache(inspectContainer, hub);
    hub.onInvalidate((ids) => cache.invalidate(ids));
    globalForCache.__cnmapDetailCache = cache;
  }
  return globalForCache.__cnmapDetailCache;
}

const globalForVersion = globalThis as typeof globalThis & { __cnmapVersion?: { generation: number; version: EngineVersion } };

/** The engine's version, cached while the event stream shows the same engine process is there. */
async function versionForGeneration(): Promise<EngineVersion> {
  const hub = eventHub();
  const cached = globalForVersion.__cnmapVersion;
  if (cached && hub.isLive() && cached.generation === hub.currentGeneration()) return cached.version;
  const generation = hub.currentGeneration();
  const version = await engineVersion();
  if (hub.isLive() && generation === hub.currentGeneration()) globalForVersion.__cnmapVersion = { generation, version };
  return version;
}

/** One read of the engine: the topology, and the raw lists it was built from (for checks that need engine fields). */
export interface EngineRead {
  topology: Topology;
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
}

export async function getTopology(): Promise<Topology> {
  return (await readEngine()).topology;
}

/** How long the uplink's MTU is trusted: it changes rarely, and no engine event says when. */
const UPLINK_TTL_MS = 60_000;
const globalForUplink = globalThis as typeof globalThis & { __cnmapUplink?: { at: number; address: string; hostMtu?: number } };

/** The host uplink's MTU, read from /proc and /sys at most once a minute rather than on every snapshot. */
function uplink(engineAddress: string): { hostMtu?: number } {
  const now = Date.now();
  let cached = globalForUplink.__cnmapUplink;
  if (!cached || cached.address !== engineAddress || now - cached.at > UPLINK_TTL_MS) {
    cached = { at: now, address: engineAddress, hostMtu: localUplinkMtu(engineAddress) };
    globalForUplink.__cnmapUplink = cached;
  }
  return cached.hostMtu === undefined ? {} : { hostMtu: cached.hostMtu };
}

export async function readEngine(): Promise<EngineRead> {
  eventHub().ensureStarted();
  const [networks, containers, version, info] = await Promise.all([
    listNetworks(),
    listContainers(),
    versionForGeneration(),
    engineInfo(),
  ]);
  const details = await detailCache().resolve(containers);
  const topology: Topology = {
    engine: {
      host: serverConfig().engineAddress,
      version: version.Version,
      apiVersion: version.ApiVersion,
      swarm: info.Swarm?.LocalNodeState ?? "inactive",
      ...uplink(serverConfig().engineAddress),
    },
    ...buildTopology({ networks, containers, details }),
  };
  return { topology, networks, containers };
}
