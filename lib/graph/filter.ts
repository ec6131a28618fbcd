/**
 * The canvas filter: which networks and containers to draw. Pure.
 *
 * Each list restricts when non-empty (a value in it matches); lists combine
 * with AND. Networks are kept by name (or ID), driver and "hide predefined";
 * sandboxes by state and compose project (a sandbox matches when any of its
 * containers does) and, while a network or driver restriction is set, only
 * when they have an endpoint on a kept network; endpoints only between what
 * is kept. Network values are names, so a filter survives `compose down/up`
 * (which recreates networks under new IDs); an ID (full or short) is accepted too.
 */
import { projectOf } from "../topology/describe";
import type { Network, Sandbox, Topology } from "../topology/types";

export interface CanvasFilter {
  /** Network names (or IDs, full or short). */
  networks: string[];
  drivers: string[];
  /** Compose project names (the `com.docker.compose.project` container label). */
  projects: string[];
  /** Container states: running, exited, created, paused, restarting, removing, dead. */
  states: string[];
  /** Hide Docker's own `bridge`, `host` and `none`. */
  hidePredefined: boolean;
}

export const EMPTY_FILTER: CanvasFilter = Object.freeze({
  networks: [],
  drivers: [],
  projects: [],
  states: [],
  hidePredefined: false,
}) as CanvasFilter;

export function isEmptyFilter(f: CanvasFilter): boolean {
  return f.networks.length === 0 && f.drivers.length === 0 && f.projects.length === 0 && f.states.length === 0 && !f.hidePredefined;
}

/** How many values are set (each list value counts, "hide predefined" counts one). */
export function activeFilterCount(f: CanvasFilter): number {
  return f.networks.length + f.drivers.length + f.projects.length + f.states.length + (f.hidePredefined ? 1 : 0);
}

export function sameFilter(a: CanvasFilter, b: CanvasFilter): boolean {
  const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    same(a.networks, b.networks) &&
    same(a.drivers, b.drivers) &&
    same(a.projects, b.projects) &&
    same(a.states, b.states) &&
    a.hidePredefined === b.hidePredefined
  );
}

export interface FilterOption {
  value: string;
  label: string;
  /** Containers it covers (for a driver: networks). */
  count: number;
  /** A second line, e.g. a network's driver. */
  detail?: string;
}

export interface FilterOptions {
  networks: FilterOption[];
  drivers: FilterOption[];
  projects: FilterOption[];
  states: FilterOption[];
}

type Model = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

/** Every container of the topology (owners and the containers sharing their namespace). */
export function containerCount(t: Pick<Topology, "sandboxes">): number {
  return t.sandboxes.reduce((n, s) => n + s.containers.length, 0);
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function sorted(map: Map<string, number>, label: (v: string) => string = (v) => v): FilterOption[] {
  return [...map.entries()]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** What the topology offers to filter on: its networks, drivers, compose projects and container states. */
export function filterOptions(t: Model): FilterOptions {
  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  const onNetwork = new Map<string, Set<string>>();
  for (const e of t.endpoints) {
    if (!sandboxes.has(e.sandboxId)) continue;
    const set = onNetwork.get(e.networkId) ?? new Set<string>();
    set.add(e.sandboxId);
    onNetwork.set(e.networkId, set);
  }
  const networks = t.networks
    .map((n): FilterOption => {
      let count = 0;
      for (const id of onNetwork.get(n.id) ?? []) count += sandboxes.get(id)?.containers.length ?? 0;
      return { value: n.name, label: n.name, count, detail: n.predefined ? `${n.driver} · predefined` : n.driver };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  const drivers = new Map<string, number>();
  for (const n of t.networks) bump(drivers, n.driver);
  const projects = new Map<string, number>();
  const states = new Map<string, number>();
  for (const s of t.sandboxes) {
    for (const c of s.containers) {
      const p = projectOf(c.labels);
      if (p) bump(projects, p);
      if (c.state) bump(states, c.state);
    }
  }
  return { networks, drivers: sorted(drivers), projects: sorted(projects), states: sorted(states) };
}

/** A network value names it, or gives its ID (in full or from the 12-character short ID on). */
function networkMatches(n: Network, values: ReadonlySet<string>): boolean {
  if (values.has(n.name) || values.has(n.id)) return true;
  for (const v of values) if (v.length >= 12 && n.id.startsWith(v)) return true;
  return false;
}

/**
 * The network values as names (what filterOptions offers): a value given as
 * an ID becomes the name of the network it matches; one that matches nothing
 * stays as it is. Without repeats, in order.
 */
export function networkValuesAsNames(t: Pick<Topology, "networks">, values: string[]): string[] {
  const out = values.map((v) => t.networks.find((n) => networkMatches(n, new Set([v])))?.name ?? v);
  return [...new Set(out)];
}

function keepNetwork(n: Network, f: CanvasFilter, names: ReadonlySet<string>, drivers: ReadonlySet<string>): boolean {
  if (f.hidePredefined && n.predefined) return false;
  if (names.size > 0 && !networkMatches(n, names)) return false;
  if (drivers.size > 0 && !drivers.has(n.driver)) return false;
  return true;
}

function keepSandbox(s: Sandbox, states: ReadonlySet<string>, projects: ReadonlySet<string>): boolean {
  if (states.size > 0 && !s.containers.some((c) => states.has(c.state))) return false;
  if (projects.size > 0 && !s.containers.some((c) => projects.has(projectOf(c.labels) ?? ""))) return false;
  return true;
}

/** `items` itself when `keep` drops nothing, so memoised consumers see no change. */
function keepAll<T>(items: T[], keep: (item: T) => boolean): T[] {
  const out = items.filter(keep);
  return out.length === items.length ? items : out;
}

/**
 * The topology as the canvas should draw it under `f`: the input itself when
 * the filter is empty or drops nothing; otherwise a new object with the same
 * engine, reusing every array the filter leaves whole.
 */
export function filterTopology<T extends Model>(t: T, f: CanvasFilter): T {
  if (isEmptyFilter(f)) return t;
  const names = new Set(f.networks);
  const drivers = new Set(f.drivers);
  const states = new Set(f.states);
  const projects = new Set(f.projects);

  const networks = keepAll(t.networks, (n) => keepNetwork(n, f, names, drivers));
  const keptNetworks = new Set(networks.map((n) => n.id));
  const byNetwork = names.size > 0 || drivers.size > 0;
  const attached = new Set<string>();
  if (byNetwork) for (const e of t.endpoints) if (keptNetworks.has(e.networkId)) attached.add(e.sandboxId);

  const sandboxes = keepAll(t.sandboxes, (s) => keepSandbox(s, states, projects) && (!byNetwork || attached.has(s.id)));
  const keptSandboxes = sandboxes === t.sandboxes ? null : new Set(sandboxes.map((s) => s.id));
  const endpoints = keepAll(
    t.endpoints,
    (e) => keptNetworks.has(e.networkId) && (keptSandboxes === null || keptSandboxes.has(e.sandboxId)),
  );

  if (networks === t.networks && sandboxes === t.sandboxes && endpoints === t.endpoints) return t;
  return { ...t, networks, sandboxes, endpoints };
}
