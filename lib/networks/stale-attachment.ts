/**
 * What Docker 20.10 leaves behind when it refuses to connect a running
 * container, and how to clear it. Pure: lib/server/networks.ts does the calls.
 *
 * The engine writes the network into the container's configuration before it
 * asks the driver for an endpoint; when that fails ("Address already in use",
 * a driver option the driver refuses...) the entry stays, without an
 * endpoint, and the container's next start fails on it.
 *
 * Clearing it (checked on Docker 20.10.24):
 * - A stopped container: `docker network disconnect --force` deletes it.
 * - A running one: disconnect first looks the network up. When it finds it,
 *   it wants the container's live endpoint and fails ("is not connected to
 *   network"), with or without force, by name or by ID. Only when the lookup
 *   fails and force is set does it delete the configuration entry, by the
 *   name it was given. A lookup by name fails when two networks bear that
 *   name, and Docker 20.10 lets a second one be created (CheckDuplicate
 *   false). So: create a config-only network of the same name (no driver, no
 *   addresses, nothing for a container to join), force-disconnect by the
 *   name, remove it again. The container's running network stack is not
 *   touched; for that moment the name is ambiguous to other clients.
 * - Rejected: connecting again without a fixed address replaces the entry
 *   with a real endpoint that a plain disconnect then removes, but the
 *   container's /etc/resolv.conf switches to the embedded DNS server and its
 *   own line leaves /etc/hosts, and stay so until it restarts.
 * - Newer engines refuse a second network of one name; there the entry
 *   stays and the message says how to clear it.
 */
import type { EngineNetworkCreate } from "../docker/engine";
import type { EngineContainerDetail } from "../topology/engine-json";

/** The label on the stand-in network, naming the container it clears. */
export const DECOY_LABEL = "cnmap.clears-stale-attachment";

/** Whether the container's configuration names the network without an endpoint on it. */
export function hasStaleEntry(detail: EngineContainerDetail | null, networkName: string): boolean {
  const entry = detail?.NetworkSettings?.Networks?.[networkName];
  return entry !== undefined && entry !== null && !entry.EndpointID;
}

/** The config-only network that makes `networkName` ambiguous for a moment. */
export function decoyNetwork(networkName: string, containerId: string): EngineNetworkCreate {
  return { Name: networkName, CheckDuplicate: false, ConfigOnly: true, Labels: { [DECOY_LABEL]: containerId } };
}

/** How to clear the entry by hand, when cnmap could not. */
export function staleEntryAdvice(networkName: string, containerName: string): string {
  return (
    `The engine kept ${networkName} in ${containerName}'s configuration anyway, which will stop it from starting again; ` +
    `to clear it: docker stop ${containerName} && docker network disconnect --force ${networkName} ${containerName}`
  );
}

/** The stand-in network could not be removed: until it is, its name means two networks. */
export function decoyLeftAdvice(networkName: string, decoyId: string): string {
  return (
    `cnmap could not remove the config-only network it created to clear that (ID ${decoyId}, label ${DECOY_LABEL}); ` +
    `until it is removed, "${networkName}" names two networks: docker network rm ${decoyId}`
  );
}
