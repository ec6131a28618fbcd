/**
 * Versioned patches between two topologies. Pure; used on both sides:
 * the server's live model (lib/server/live-model.ts) diffs each new state
 * against the last and sends the patch on the event stream; the browser
 * applies it to the topology it holds, if it holds exactly the version the
 * patch starts from, and fetches the whole topology again otherwise.
 *
 * Networks and sandboxes are keyed by ID, endpoints by sandbox and network
 * (a sandbox has at most one endpoint on a network; its engine ID is "" while
 * the container is stopped). Changed objects are sent whole: a patch says
 * which objects changed, not which fields.
 */
import { compareEndpoints, compareNetworks, compareSandboxes } from "./build";
import { compareServices, compareTasks } from "./swarm";
import type { Endpoint, EngineInfo, Network, Sandbox, SwarmService, SwarmState, SwarmTask, Topology } from "./types";

/** Which model a topology is a state of, and which state: `epoch` changes when the server's model is made anew. */
export interface LiveStamp {
  epoch: string;
  version: number;
}

export interface ListPatch<T> {
  /** Added or changed, whole. */
  put: T[];
  /** Keys of the removed ones. */
  del: string[];
}

export interface TopologyPatch {
  epoch: string;
  /** The version this patch applies to. */
  from: number;
  /** The version it makes. */
  to: number;
  engine?: EngineInfo;
  networks?: ListPatch<Network>;
  sandboxes?: ListPatch<Sandbox>;
  endpoints?: ListPatch<Endpoint>;
  /** The swarm as it is now (null: no longer in one); absent when unchanged. */
  swarm?: SwarmState | null;
  services?: ListPatch<SwarmService>;
  tasks?: ListPatch<SwarmTask>;
}

export function endpointKey(e: Pick<Endpoint, "sandboxId" | "networkId">): string {
  return `${e.sandboxId}/${e.networkId}`;
}

const networkKey = (n: Network): string => n.id;
const sandboxKey = (s: Sandbox): string => s.id;
const byId = (x: { id: string }): string => x.id;

/**
 * Same JSON value, compared in place: the model compares every object of a
 * 1,000-sandbox topology on each change, and serialising both sides cost
 * twice the time and all the garbage. Keys compare as a set, so their order
 * does not matter; `undefined` members count as absent, as in JSON.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    count++;
    if (!sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) count--;
  return count === 0;
}

const same = sameJson;

function diffList<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): ListPatch<T> | undefined {
  const old = new Map(before.map((t) => [key(t), t] as const));
  const put: T[] = [];
  for (const t of after) {
    const k = key(t);
    const was = old.get(k);
    old.delete(k);
    if (was === undefined || !same(was, t)) put.push(t);
  }
  const del = [...old.keys()];
  return put.length > 0 || del.length > 0 ? { put, del } : undefined;
}

/** The patch from `before` to `after`, or null when nothing differs. `engine` is compared without the live stamp. */
export function diffTopology(before: Topology, after: Topology, stamp: { epoch: string; from: number; to: number }): TopologyPatch | null {
  const patch: TopologyPatch = { ...stamp };
  if (!same(before.engine, after.engine)) patch.engine = after.engine;
  const networks = diffList(before.networks, after.networks, networkKey);
  const sandboxes = diffList(before.sandboxes, after.sandboxes, sandboxKey);
  const endpoints = diffList(before.endpoints, after.endpoints, endpointKey);
  const services = diffList(before.services, after.services, byId);
  const tasks = diffList(before.tasks, after.tasks, byId);
  if (networks) patch.networks = networks;
  if (sandboxes) patch.sandboxes = sandboxes;
  if (endpoints) patch.endpoints = endpoints;
  if (!same(before.swarm, after.swarm)) patch.swarm = after.swarm;
  if (services) patch.services = services;
  if (tasks) patch.tasks = tasks;
  return patch.engine || networks || sandboxes || endpoints || patch.swarm !== undefined || services || tasks ? patch : null;
}

/** Unchanged objects keep their identity (structural sharing): a renderer memoised on them does not redraw them. */
function applyList<T>(list: readonly T[], change: ListPatch<T> | undefined, key: (t: T) => string, compare: (a: T, b: T) => number): T[] {
  if (!change) return list as T[];
  const byKey = new Map(list.map((t) => [key(t), t] as const));
  for (const k of change.del) byKey.delete(k);
  for (const t of change.put) byKey.set(key(t), t);
  return [...byKey.values()].sort(compare);
}

/** `t` with `patch` applied (no check of versions: see applyLivePatch). */
export function applyPatch(t: Topology, patch: TopologyPatch): Topology {
  return {
    ...t,
    engine: patch.engine ?? t.engine,
    networks: applyList(t.networks, patch.networks, networkKey, compareNetworks),
    sandboxes: applyList(t.sandboxes, patch.sandboxes, sandboxKey, compareSandboxes),
    endpoints: applyList(t.endpoints, patch.endpoints, endpointKey, compareEndpoints),
    swarm: patch.swarm !== undefined ? patch.swarm : t.swarm,
    services: applyList(t.services, patch.services, byId, compareServices),
    tasks: applyList(t.tasks, patch.tasks, byId, compareTasks),
    live: { epoch: patch.epoch, version: patch.to },
  };
}

export type LivePatchResult =
  | { kind: "applied"; topology: Topology }
  /** The topology held is as new as the patch or newer (a fetch overtook it): nothing to do. */
  | { kind: "stale" }
  /** A version was missed, or the model was made anew: fetch the whole topology. */
  | { kind: "gap" };

/** What a browser holding `current` does with `patch`. */
export function applyLivePatch(current: Topology | undefined, patch: TopologyPatch): LivePatchResult {
  const live = current?.live;
  if (!current || !live || live.epoch !== patch.epoch) return { kind: "gap" };
  if (live.version >= patch.to) return { kind: "stale" };
  if (live.version !== patch.from) return { kind: "gap" };
  return { kind: "applied", topology: applyPatch(current, patch) };
}

/**
 * `next` (a topology fetched whole) sharing every network, sandbox and
 * endpoint that has not changed since `previous`: the same objects, so the
 * canvas redraws only what changed even after a full fetch. The live stamp
 * is `next`'s.
 */
export function shareTopology(previous: Topology | undefined, next: Topology): Topology {
  if (!previous) return next;
  const patch = diffTopology(previous, next, { epoch: "", from: 0, to: 0 });
  if (!patch && previous.live?.epoch === next.live?.epoch && previous.live?.version === next.live?.version) return previous;
  // applyPatch stamps the patch's (made-up) version: the stamp is the fetched topology's, or none.
  const { live: _stamp, ...shared } = patch ? applyPatch(previous, patch) : previous;
  return next.live ? { ...shared, live: next.live } : shared;
}
