/**
 * The read routes' answers: the whole topology, one network's `docker
 * network inspect`, one container's network configuration. What they show
 * passes the label policy (CNMAP_LABELS_HIDE / CNMAP_LABELS_KEEP: secrets
 * and host paths are hidden by default); the server's own checks read the
 * engine's real values. A reference is resolved on the current topology with
 * the same rules as the mutations (ID, name, unique ID prefix of 4+
 * characters), then the object is inspected by its ID. The live model may be
 * a moment behind a change made elsewhere: a reference it does not know is
 * tried again on a fresh read of the engine before it is refused.
 */
import { ApiError } from "../api/errors";
import { serverConfig } from "../config";
import { refusal } from "../docker/refusals";
import { containerDetail } from "../inspect/container-detail";
import type { ContainerDetailBody, NetworkDetailBody } from "../inspect/types";
import { redactContainerDetail, redactNetworkInspect, redactTopology } from "../topology/label-policy";
import type { Topology } from "../topology/types";
import type { EngineSession } from "./engine-session";
import { resolveContainer, resolveNetwork } from "./networks";

export async function topologyOp(session: EngineSession): Promise<Topology> {
  return redactTopology(await session.topology(), serverConfig().labelPolicy);
}

/** `resolve` on the live model, and on a fresh engine read when the model does not know the reference (yet). */
export async function resolveLive<T>(session: EngineSession, resolve: (t: Topology) => T): Promise<T> {
  try {
    return resolve(await session.topology());
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "not_found") throw err;
    return resolve((await session.read({ fresh: true })).topology);
  }
}

export async function networkDetailOp(session: EngineSession, ref: string): Promise<NetworkDetailBody> {
  const n = await resolveLive(session, (t) => resolveNetwork(t, ref));
  try {
    const raw = (await session.engine.inspectNetwork(n.id)) as unknown as Record<string, unknown>;
    return { network: redactNetworkInspect(raw, serverConfig().labelPolicy) };
  } catch (err) {
    // Removed between the topology read and the inspect.
    throw refusal(err, `Could not inspect network ${n.name}`);
  }
}

export async function containerDetailOp(session: EngineSession, ref: string): Promise<ContainerDetailBody> {
  const { container } = await resolveLive(session, (t) => resolveContainer(t, ref));
  const inspected = await session.engine.inspectContainer(container.id);
  if (!inspected) throw new ApiError("not_found", `No such container: ${ref} (it was removed).`);
  return { container: redactContainerDetail(containerDetail(inspected), serverConfig().labelPolicy) };
}
