/**
 * Find objects on the canvas by what people type: a container's name, ID or
 * image; a network's name, ID or subnet; an endpoint's address, MAC or
 * network alias. Pure.
 *
 * Matching is case-insensitive; a hit ranks by how it matched (the whole
 * value, then its start, then anywhere inside), then by field (names before
 * IDs, IDs before images and subnets), then by kind and label. IDs match by
 * prefix only, from 3 characters. Address hits select the endpoint; a
 * container selects its sandbox (a container sharing another's namespace
 * selects that one).
 */
import { addressPart } from "../net/cidr";
import type { Selection } from "../selection";
import { sandboxName, shortId } from "../topology/describe";
import type { Endpoint, Network, Sandbox, Topology } from "../topology/types";

export type SearchHitKind = "container" | "network" | "ip" | "alias" | "mac";

export interface SearchHit {
  selection: Selection;
  kind: SearchHitKind;
  /** What matched, as shown: a name, an address, an alias. */
  label: string;
  /** Where it is, e.g. "web on app-net". */
  detail: string;
}

export type SearchModel = Pick<Topology, "networks" | "sandboxes" | "endpoints">;

/** How a value matched: lower is better. */
export const MatchLevel = { exact: 0, prefix: 1, substring: 2 } as const;
type Level = (typeof MatchLevel)[keyof typeof MatchLevel];

/** An ID is matched by prefix only, and only from this many characters. */
export const MIN_ID_PREFIX = 3;

const KIND_ORDER: Record<SearchHitKind, number> = { container: 0, network: 1, ip: 2, alias: 3, mac: 4 };

/** Where a value sits: names rank before IDs, IDs before images and subnets. */
const FIELD = { name: 0, address: 0, id: 1, other: 2 } as const;

interface Scored {
  hit: SearchHit;
  level: Level;
  field: number;
}

/** How `value` matches the (lower-case, trimmed) query, or null. */
export function matchLevel(value: string, q: string, substring = true): Level | null {
  if (q === "" || value === "") return null;
  const v = value.toLowerCase();
  if (v === q) return MatchLevel.exact;
  if (v.startsWith(q)) return MatchLevel.prefix;
  if (substring && v.includes(q)) return MatchLevel.substring;
  return null;
}

function idLevel(id: string, q: string): Level | null {
  if (q.length < MIN_ID_PREFIX || !/^[0-9a-z]+$/.test(q)) return null;
  const v = id.toLowerCase();
  if (v === q || shortId(v) === q) return MatchLevel.exact;
  return v.startsWith(q) ? MatchLevel.prefix : null;
}

/** The best of several (level, field) matches, or null when none matched. */
function best(...candidates: [Level | null, number][]): { level: Level; field: number } | null {
  let out: { level: Level; field: number } | null = null;
  for (const [level, field] of candidates) {
    if (level === null) continue;
    if (!out || level < out.level || (level === out.level && field < out.field)) out = { level, field };
  }
  return out;
}

function stateText(s: Sandbox, index: number): string {
  const c = s.containers[index];
  if (!c) return "";
  const parts = [c.image, c.state].filter((x) => x !== "");
  if (index > 0) parts.push(`in ${sandboxName(s)}'s namespace`);
  return parts.join(" · ");
}

function containerHits(t: SearchModel, q: string, out: Scored[]): void {
  for (const s of t.sandboxes) {
    s.containers.forEach((c, i) => {
      const m = best([matchLevel(c.name, q), FIELD.name], [idLevel(c.id, q), FIELD.id], [matchLevel(c.image, q), FIELD.other]);
      if (!m) return;
      out.push({ ...m, hit: { selection: { kind: "sandbox", id: s.id }, kind: "container", label: c.name, detail: stateText(s, i) } });
    });
  }
}

function networkDetail(n: Network): string {
  return [n.driver, ...n.ipam.map((c) => c.subnet)].filter((x) => x !== "").join(" · ");
}

function networkHits(t: SearchModel, q: string, out: Scored[]): void {
  for (const n of t.networks) {
    const m = best(
      [matchLevel(n.name, q), FIELD.name],
      [idLevel(n.id, q), FIELD.id],
      ...n.ipam.map((c): [Level | null, number] => [matchLevel(c.subnet, q), FIELD.other]),
    );
    if (!m) continue;
    out.push({ ...m, hit: { selection: { kind: "network", id: n.id }, kind: "network", label: n.name, detail: networkDetail(n) } });
  }
}

/** "web on app-net": the owner's name and the network's. */
function where(e: Endpoint, sandboxes: Map<string, Sandbox>, networks: Map<string, Network>): string {
  const s = sandboxes.get(e.sandboxId);
  const name = s ? sandboxName(s) : shortId(e.sandboxId);
  return `${name} on ${networks.get(e.networkId)?.name ?? shortId(e.networkId)}`;
}

/** Names Docker adds as aliases on its own (the container's name, its short ID): found as the container already. */
function ownNames(s: Sandbox | undefined): Set<string> {
  const names = new Set<string>();
  for (const c of s?.containers ?? []) {
    names.add(c.name.toLowerCase());
    names.add(shortId(c.id).toLowerCase());
  }
  return names;
}

function normalMac(text: string): string {
  return text.toLowerCase().replace(/-/g, ":");
}

function endpointHits(t: SearchModel, q: string, out: Scored[]): void {
  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  const networks = new Map(t.networks.map((n) => [n.id, n]));
  for (const e of t.endpoints) {
    const selection: Selection = { kind: "endpoint", networkId: e.networkId, sandboxId: e.sandboxId };
    const place = (): string => where(e, sandboxes, networks);
    for (const cidr of [e.ipv4, e.ipv6]) {
      if (cidr === "") continue;
      const address = addressPart(cidr);
      // "172.18.0.3" and "172.18.0.3/16" both match exactly.
      const m = best([matchLevel(address, q), FIELD.address], [cidr.toLowerCase() === q ? MatchLevel.exact : null, FIELD.address]);
      if (m) out.push({ ...m, hit: { selection, kind: "ip", label: address, detail: place() } });
    }
    if (e.mac !== "") {
      const level = matchLevel(e.mac, normalMac(q));
      if (level !== null) out.push({ level, field: FIELD.other, hit: { selection, kind: "mac", label: e.mac, detail: place() } });
    }
    const own = ownNames(sandboxes.get(e.sandboxId));
    for (const alias of new Set(e.aliases)) {
      if (own.has(alias.toLowerCase())) continue;
      const level = matchLevel(alias, q);
      if (level !== null) out.push({ level, field: FIELD.name, hit: { selection, kind: "alias", label: alias, detail: `alias of ${place()}` } });
    }
  }
}

/** The hits for `query`, best first, at most `limit`. */
export function searchTopology(t: SearchModel, query: string, limit = 20): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === "" || limit <= 0) return [];
  const scored: Scored[] = [];
  containerHits(t, q, scored);
  networkHits(t, q, scored);
  endpointHits(t, q, scored);
  scored.sort(
    (a, b) =>
      a.level - b.level ||
      a.field - b.field ||
      KIND_ORDER[a.hit.kind] - KIND_ORDER[b.hit.kind] ||
      a.hit.label.localeCompare(b.hit.label) ||
      a.hit.detail.localeCompare(b.hit.detail),
  );
  return scored.slice(0, limit).map((s) => s.hit);
}
