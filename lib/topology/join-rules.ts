/**
 * Whether a sandbox may join a network, and if not, why, in plain words.
 * Pure; the canvas uses it to explain a drop target and the server uses the
 * same rules to refuse a connect before the engine sees it.
 */
import { joinedContainerRef } from "./build";
import { sandboxName } from "./describe";
import type { Network, Sandbox, SwarmService, Topology } from "./types";

export type JoinVerdict = { ok: true } | { ok: false; reason: string };

export function canJoin(sandbox: Sandbox, network: Network, t: Pick<Topology, "endpoints">): JoinVerdict {
  const name = sandboxName(sandbox);
  const mode = sandbox.networkMode;
  if (network.driver === "host" || network.driver === "null") {
    return { ok: false, reason: `${network.name} is chosen when a container is created (--network ${network.name}); it cannot be joined later` };
  }
  if (joinedContainerRef(mode) !== null) {
    return { ok: false, reason: `${name} shares another container's namespace; connect that container instead` };
  }
  if (mode === "host") return { ok: false, reason: `${name} uses the host's network stack (--network host) and cannot join other networks` };
  if (mode === "none") return { ok: false, reason: `${name} has networking disabled (--network none) and cannot join networks` };
  if (t.endpoints.some((e) => e.sandboxId === sandbox.id && e.networkId === network.id)) {
    return { ok: false, reason: `${name} is already connected to ${network.name}` };
  }
  if (network.configOnly) return { ok: false, reason: `${network.name} is a config-only network: it holds configuration, not containers` };
  if (network.ingress) return { ok: false, reason: `${network.name} is the swarm's ingress network: only services' published ports use it` };
  if (network.scope === "swarm" && !network.attachable) {
    return { ok: false, reason: `${network.name} is a swarm network that is not attachable (create it with --attachable)` };
  }
  return { ok: true };
}

/** What the service rules read of a service: the topology's service will do, and so will one the server built from `docker service inspect`. */
export type AttachableService = Pick<SwarmService, "id" | "name" | "networks">;

/** What the service rules read of a network. */
export type ServiceNetworkSide = Pick<Network, "id" | "name" | "driver" | "scope" | "ingress" | "configOnly">;

/**
 * Whether a service may be attached to a network (`docker service update
 * --network-add`), and if not, why, in plain words. Pure; the canvas uses it
 * for a service dragged onto a network, and the server refuses with the same
 * words before the engine is asked.
 */
export function canAttachService(service: AttachableService, network: ServiceNetworkSide): JoinVerdict {
  if (network.ingress) {
    return { ok: false, reason: `${network.name} is the swarm's ingress network: services reach it by publishing ports (--publish), not with --network-add` };
  }
  if (network.configOnly) return { ok: false, reason: `${network.name} is a config-only network: it holds configuration, not services` };
  if (network.scope !== "swarm") {
    return {
      ok: false,
      reason: `${network.name} is a ${network.scope || "local"}-scope ${network.driver} network; a service can join only swarm-scope networks (an overlay: docker network create --driver overlay)`,
    };
  }
  if (service.networks.includes(network.id)) return { ok: false, reason: `service ${service.name} is already attached to ${network.name}` };
  return { ok: true };
}

/** Whether a service's network can be taken away (`docker service update --network-rm`), and if not, why. */
export function canDetachService(service: AttachableService, network: Pick<Network, "id" | "name">): JoinVerdict {
  if (!service.networks.includes(network.id)) return { ok: false, reason: `service ${service.name} is not attached to ${network.name}` };
  return { ok: true };
}
