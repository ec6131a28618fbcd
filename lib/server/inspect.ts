/**
 * The read-only detail routes: one network's `docker network inspect`, one
 * container's network configuration. A reference is resolved on the current
 * topology with the same rules as the mutations (ID, name, unique ID prefix
 * of 4+ characters), then the object is inspected by its ID.
 */
import { ApiError } from "../api/errors";
import { refusal } from "../docker/refusals";
import { containerDetail } from "../inspect/container-detail";
import type { ContainerDetailBody, NetworkDetailBody } from "../inspect/types";
import { resolveContainer, resolveNetwork } from "./networks";
import type { EngineSession } from "./engine-session";

export async function networkDetailOp(session: EngineSession, ref: string): Promise<NetworkDetailBody> {
  const n = resolveNetwork(await session.topology(), ref);
  try {
    return { network: (await session.engine.inspectNetwork(n.id)) as unknown as Record<string, unknown> };
  } catch (err) {
    // Removed between the topology read and the inspect.
    throw refusal(err, `Could not inspect network ${n.name}`);
  }
}

export async function containerDetailOp(session: EngineSession, ref: string): Promise<ContainerDetailBody> {
  const { container } = resolveContainer(await session.topology(), ref);
  const inspected = await session.engine.inspectContainer(container.id);
  if (!inspected) throw new ApiError("not_found", `No such container: ${ref} (it was removed).`);
  return { container: containerDetail(inspected) };
}
