/**
 * Per-container cache of the inspect details the container list lacks (on
 * Docker 20.10 the list reports no aliases), so that a topology snapshot in
 * steady state makes no per-container call.
 *
 * An entry is reused only when all of these hold:
 *  - the event stream is live and has been since the entry was made (same
 *    generation): otherwise a change may have gone unseen;
 *  - no event has touched the container since;
 *  - the container's list entry still has the same fingerprint (state and
 *    network attachments). This catches what emits no event, such as
 *    connecting a stopped container to a network.
 */
import type { EngineContainerDetail, EngineContainerSummary } from "../topology/engine-json";

export type Inspect = (id: string) => Promise<EngineContainerDetail | null>;

export interface Liveness {
  isLive(): boolean;
  currentGeneration(): number;
}

interface Entry {
  fingerprint: string;
  generation: number;
  detail: EngineContainerDetail | null;
}

/** What of a list entry, when changed, may mean the inspect details changed too. */
export function fingerprint(c: EngineContainerSummary): string {
  const nets = Object.entries(c.NetworkSettings?.Networks ?? {})
    .map(([name, ep]) => `${name}=${ep.NetworkID ?? ""}/${ep.EndpointID ?? ""}/${ep.IPAddress ?? ""}/${ep.MacAddress ?? ""}`)
    .sort()
    .join(",");
  return `${c.State}|${c.HostConfig?.NetworkMode ?? ""}|${nets}`;
}

/** Keeps only what cnmap uses, so the cache stays small. */
function slim(detail: EngineContainerDetail): EngineContainerDetail {
  const networks: Record<string, { Aliases: string[] | null }> = {};
  for (const [name, ep] of Object.entries(detail.NetworkSettings?.Networks ?? {})) {
    networks[name] = { Aliases: ep.Aliases ?? null };
  }
  return { Id: detail.Id, NetworkSettings: { Networks: networks } };
}

const CONCURRENCY = 8;

export class ContainerDetailCache {
  private readonly entries = new Map<string, Entry>();
  /** Inspects made since creation (for tests and the benchmark). */
  inspects = 0;

  constructor(
    private readonly inspect: Inspect,
    private readonly liveness: Liveness,
  ) {}

  invalidate(ids: string[] | "all"): void {
    if (ids === "all") this.entries.clear();
    else for (const id of ids) this.entries.delete(id);
  }

  /** Details for every listed container, inspecting only those not validly cached. */
  async resolve(containers: EngineContainerSummary[]): Promise<Record<string, EngineContainerDetail | undefined>> {
    const live = this.liveness.isLive();
    const generation = this.liveness.currentGeneration();
    const out: Record<string, EngineContainerDetail | undefined> = {};
    const todo: { id: string; fp: string }[] = [];
    for (const c of containers) {
      const fp = fingerprint(c);
      const hit = this.entries.get(c.Id);
      if (live && hit && hit.fingerprint === fp && hit.generation === generation) {
        out[c.Id] = hit.detail ?? undefined;
      } else {
        todo.push({ id: c.Id, fp });
      }
    }
    for (let i = 0; i < todo.length; i += CONCURRENCY) {
      const batch = todo.slice(i, i + CONCURRENCY);
      const details = await Promise.all(batch.map((t) => this.inspect(t.id)));
      this.inspects += batch.length;
      batch.forEach((t, k) => {
        const raw = details[k] ?? null;
        const detail = raw ? slim(raw) : null;
        out[t.id] = detail ?? undefined;
        if (live) this.entries.set(t.id, { fingerprint: t.fp, generation, detail });
      });
    }
    // Forget containers that are gone.
    if (this.entries.size > containers.length) {
      const present = new Set(containers.map((c) => c.Id));
      for (const id of this.entries.keys()) if (!present.has(id)) this.entries.delete(id);
    }
    return out;
  }
}
