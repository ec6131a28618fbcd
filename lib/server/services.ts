/**
 * A swarm service's networks: `docker service update --network-add` and
 * `--network-rm`. Like the network operations (lib/server/networks.ts) each
 * runs in the session's mutation queue, checks the engine's current state
 * first, and refuses in plain words what the engine would refuse or take
 * badly (a local network, the ingress network, a network already attached).
 * The spec sent to the engine is the one just inspected, with only its
 * networks changed (lib/services/network-spec.ts), at the inspected version:
 * nothing of it comes from the request.
 */
import "server-only";
import { ApiError } from "../api/errors";
import type { ServiceNetworkAddBody } from "../api/schemas";
import type { EngineServiceInspect } from "../docker/engine";
import { refusal } from "../docker/refusals";
import { serviceAttachments, specWithNetworkAdded, specWithNetworkRemoved, type SpecEdit } from "../services/network-spec";
import { canAttachService, canDetachService, type AttachableService } from "../topology/join-rules";
import type { Network, Topology } from "../topology/types";
import type { EngineSession } from "./engine-session";
import { resolveNetwork } from "./networks";

/** What a service network change touched, resolved (for the answer, the audit record and the announcement). */
export interface ServiceNetworkChange {
  service: { id: string; name: string };
  network: Network;
  /** The aliases the service has on the network (an add), as sent. */
  aliases: string[];
}

function requireSwarm(t: Topology): void {
  if (t.engine.swarm !== "active") {
    throw new ApiError(
      "conflict",
      `This engine is not in a swarm (its swarm state is "${t.engine.swarm}"): services exist only in swarm mode. Run docker swarm init, or point cnmap at a swarm manager.`,
    );
  }
}

async function inspectService(session: EngineSession, ref: string): Promise<EngineServiceInspect> {
  let found: EngineServiceInspect | null;
  try {
    found = await session.engine.inspectService(ref);
  } catch (err) {
    throw refusal(err, `Could not read service ${ref}`);
  }
  if (!found) throw new ApiError("not_found", `No such service: ${ref}.`);
  return found;
}

/** The service as the join rules see it: its networks by ID (a target written as a name is resolved against the engine's networks). */
export function attachableService(s: EngineServiceInspect, t: Pick<Topology, "networks">): AttachableService {
  const ids = serviceAttachments(s.Spec).map((a) => t.networks.find((n) => n.id === a.Target || n.name === a.Target)?.id ?? a.Target);
  return { id: s.ID, name: s.Spec.Name, networks: ids };
}

async function send(session: EngineSession, s: EngineServiceInspect, edit: SpecEdit, what: string): Promise<void> {
  if (!edit.ok) throw new ApiError(edit.code, `${edit.reason}.`);
  try {
    await session.engine.updateService(s.ID, s.Version.Index, edit.spec);
  } catch (err) {
    throw refusal(err, what);
  }
}

export function serviceNetworkAddOp(session: EngineSession, serviceRef: string, body: ServiceNetworkAddBody): Promise<ServiceNetworkChange> {
  return session.mutate(() => add(session, serviceRef, body));
}

async function add(session: EngineSession, serviceRef: string, body: ServiceNetworkAddBody): Promise<ServiceNetworkChange> {
  const t = (await session.read({ fresh: true })).topology;
  requireSwarm(t);
  const s = await inspectService(session, serviceRef);
  const n = resolveNetwork(t, body.network);
  const verdict = canAttachService(attachableService(s, t), n);
  if (!verdict.ok) throw new ApiError("conflict", `${verdict.reason}.`);
  const aliases = body.aliases ?? [];
  await send(session, s, specWithNetworkAdded(s.Spec, n, aliases), `Could not attach service ${s.Spec.Name} to ${n.name}`);
  return { service: { id: s.ID, name: s.Spec.Name }, network: n, aliases };
}

export function serviceNetworkRmOp(session: EngineSession, serviceRef: string, networkRef: string): Promise<ServiceNetworkChange> {
  return session.mutate(() => remove(session, serviceRef, networkRef));
}

async function remove(session: EngineSession, serviceRef: string, networkRef: string): Promise<ServiceNetworkChange> {
  const t = (await session.read({ fresh: true })).topology;
  requireSwarm(t);
  const s = await inspectService(session, serviceRef);
  const n = resolveNetwork(t, networkRef);
  const verdict = canDetachService(attachableService(s, t), n);
  if (!verdict.ok) throw new ApiError("conflict", `${verdict.reason}.`);
  await send(session, s, specWithNetworkRemoved(s.Spec, n), `Could not detach service ${s.Spec.Name} from ${n.name}`);
  return { service: { id: s.ID, name: s.Spec.Name }, network: n, aliases: [] };
}
