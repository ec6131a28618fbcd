/**
 * Small lookups over the topology shared by the insight computations. Pure.
 */
import { addressPart } from "../net/cidr";
import type { Endpoint, Network, Sandbox, Topology } from "../topology/types";

/**
 * What the insights read: the topology without the engine facts (what
 * buildTopology returns). The swarm's part is optional: a model without it is
 * an engine outside a swarm (or a worker, which lists no services).
 */
export type TopologyModel = Pick<Topology, "networks" | "sandboxes" | "endpoints"> & Partial<Pick<Topology, "swarm" | "services" | "tasks">>;

export { sandboxName } from "../topology/describe";

/** The owner container's state ("running", "exited", "created", ...), or "" when unknown. */
export function sandboxState(s: Sandbox): string {
  return s.containers[0]?.state ?? "";
}

export function isRunning(s: Sandbox): boolean {
  return sandboxState(s) === "running";
}

export function findSandbox(t: TopologyModel, id: string): Sandbox | undefined {
  return t.sandboxes.find((s) => s.id === id);
}

export function networkIndex(t: TopologyModel): Map<string, Network> {
  return new Map(t.networks.map((n) => [n.id, n]));
}

export function endpointsOf(t: TopologyModel, sandboxId: string): Endpoint[] {
  return t.endpoints.filter((e) => e.sandboxId === sandboxId);
}

/** The endpoint's addresses without prefix lengths, IPv4 first. */
export function endpointAddresses(e: Endpoint): string[] {
  return [e.ipv4, e.ipv6].filter((a) => a !== "").map(addressPart);
}

export function isHostMode(s: Sandbox): boolean {
  return s.networkMode === "host";
}

export function isNoneMode(s: Sandbox): boolean {
  return s.networkMode === "none";
}

export const MTU_OPTION = "com.docker.network.driver.mtu";
