/**
 * A service's networks, edited in its spec the way `docker service update
 * --network-add / --network-rm` does (docker/cli, cli/command/service/update.go,
 * updateNetworks): the deprecated top-level `Spec.Networks` is moved into
 * `Spec.TaskTemplate.Networks` (and cleared), a network already attached is
 * refused, and the list is sorted by target. Everything else in the spec is
 * left exactly as the engine returned it. Pure.
 */
import type { EngineNetworkAttachmentConfig, EngineServiceSpec } from "../docker/engine";

/** The network being added or removed, already resolved on the engine. */
export interface SpecNetwork {
  id: string;
  name: string;
}

export type SpecEdit = { ok: true; spec: EngineServiceSpec } | { ok: false; code: "conflict"; reason: string };

/** The networks a service's tasks join: TaskTemplate.Networks, or the deprecated Spec.Networks when that is all there is. */
export function serviceAttachments(spec: EngineServiceSpec): EngineNetworkAttachmentConfig[] {
  const current = spec.TaskTemplate?.Networks ?? [];
  return current.length > 0 ? current : (spec.Networks ?? []);
}

/** The engine stores a network's ID as the target; a spec written by hand may hold its name. */
function targets(a: EngineNetworkAttachmentConfig, n: SpecNetwork): boolean {
  return a.Target === n.id || a.Target === n.name;
}

export function isAttached(spec: EngineServiceSpec, n: SpecNetwork): boolean {
  return serviceAttachments(spec).some((a) => targets(a, n));
}

function withNetworks(spec: EngineServiceSpec, networks: EngineNetworkAttachmentConfig[]): EngineServiceSpec {
  const next: EngineServiceSpec = structuredClone(spec);
  // As the CLI does: the deprecated field goes, its entries now live in the task template.
  delete next.Networks;
  next.TaskTemplate = { ...(next.TaskTemplate ?? {}), Networks: [...networks].sort((a, b) => (a.Target < b.Target ? -1 : a.Target > b.Target ? 1 : 0)) };
  return next;
}

/** `--network-add name=N,alias=A...`: the spec with N added, or why not. */
export function specWithNetworkAdded(spec: EngineServiceSpec, n: SpecNetwork, aliases: readonly string[] = []): SpecEdit {
  if (isAttached(spec, n)) return { ok: false, code: "conflict", reason: `service ${spec.Name} is already attached to network ${n.name}` };
  const added: EngineNetworkAttachmentConfig = { Target: n.id, ...(aliases.length > 0 ? { Aliases: [...aliases] } : {}) };
  return { ok: true, spec: withNetworks(spec, [...serviceAttachments(spec).map((a) => structuredClone(a)), added]) };
}

/** `--network-rm N`: the spec without N, or why not. */
export function specWithNetworkRemoved(spec: EngineServiceSpec, n: SpecNetwork): SpecEdit {
  if (!isAttached(spec, n)) return { ok: false, code: "conflict", reason: `service ${spec.Name} is not attached to network ${n.name}` };
  return { ok: true, spec: withNetworks(spec, serviceAttachments(spec).filter((a) => !targets(a, n)).map((a) => structuredClone(a))) };
}
