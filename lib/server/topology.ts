/**
 * A topology snapshot from the engine: a constant number of list calls
 * (networks, containers with all=1, version, info) in parallel, plus inspects
 * only for containers the cache cannot vouch for.
 */
import { serverConfig } from "../config";
import { ContainerDetailCache } from "../docker/container-cache";
import { engineInfo, engineVersion, inspectContainer, listContainers, listNetworks } from "../docker/engine";
import { eventHub } from "../events/hub";
import { buildTopology } from "../topology/build";
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

export async function getTopology(): Promise<Topology> {
  eventHub().ensureStarted();
  const [networks, containers, version, info] = await Promise.all([
    listNetworks(),
    listContainers(),
    engineVersion(),
    engineInfo(),
  ]);
  const details = await detailCache().resolve(containers);
  return {
    engine: {
      host: serverConfig().engineAddress,
      version: version.Version,
      apiVersion: version.ApiVersion,
      swarm: info.Swarm?.LocalNodeState ?? "inactive",
    },
    ...buildTopology({ networks, containers, details }),
  };
}
