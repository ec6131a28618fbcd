/**
 * The event timeline: a bounded ring of the model events this page received,
 * newest first, with gap markers where events may have been lost; a filter;
 * each event in words; and the canvas node it links to. Pure.
 */
import { shortId } from "../topology/describe";
import { networkNodeId, sandboxNodeId } from "../graph/ids";
import type { Topology } from "../topology/types";
import type { ModelEvent } from "./model-events";

export const TIMELINE_MAX = 200;

/** The actions the filter always offers (others appear once seen). */
export const TIMELINE_ACTIONS = ["create", "connect", "disconnect", "destroy", "start", "die"] as const;

export interface EventEntry {
  kind: "event";
  /** Unique within a timeline, increasing: a stable React key. */
  seq: number;
  event: ModelEvent;
  /** When this page received it (ms, this browser's clock): what "a few seconds ago" is measured from. */
  receivedAt: number;
}

/** Events may be missing before this point (the server lost the engine, or this page lost the server). */
export interface GapEntry {
  kind: "gap";
  seq: number;
  /** Milliseconds since the epoch, when the gap was noticed. */
  at: number;
  reason: "engine" | "server";
}

export type TimelineEntry = EventEntry | GapEntry;

export interface Timeline {
  /** Newest first, at most TIMELINE_MAX. */
  entries: readonly TimelineEntry[];
  nextSeq: number;
}

export const EMPTY_TIMELINE: Timeline = { entries: [], nextSeq: 1 };

function push(t: Timeline, entry: TimelineEntry, max: number): Timeline {
  const entries = [entry, ...t.entries];
  if (entries.length > max) entries.length = max;
  return { entries, nextSeq: entry.seq + 1 };
}

/** `receivedAt`: when the page got it (defaults to the engine's time of the event, for replays and tests). */
export function addEvent(t: Timeline, event: ModelEvent, receivedAt = event.time * 1000, max = TIMELINE_MAX): Timeline {
  return push(t, { kind: "event", seq: t.nextSeq, event, receivedAt }, max);
}

/** Adds a gap marker, unless the newest entry already is one (nothing arrived in between). */
export function addGap(t: Timeline, at: number, reason: GapEntry["reason"], max = TIMELINE_MAX): Timeline {
  if (t.entries[0]?.kind === "gap") return t;
  return push(t, { kind: "gap", seq: t.nextSeq, at, reason }, max);
}

// ---- names ---------------------------------------------------------------------

/** Names by ID: the topology's first, then those carried by the timeline's own events. */
export interface NameBook {
  containers: ReadonlyMap<string, string>;
  networks: ReadonlyMap<string, string>;
}

export function nameBook(topology: Topology | undefined, entries: readonly TimelineEntry[]): NameBook {
  const containers = new Map<string, string>();
  const networks = new Map<string, string>();
  // Oldest first, so the newest name an event carried wins (a rename).
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e?.kind !== "event" || !e.event.name || (e.event.type !== "container" && e.event.type !== "network")) continue;
    (e.event.type === "container" ? containers : networks).set(e.event.id, e.event.name);
  }
  for (const n of topology?.networks ?? []) networks.set(n.id, n.name);
  for (const s of topology?.sandboxes ?? []) for (const c of s.containers) containers.set(c.id, c.name);
  return { containers, networks };
}

export { shortId } from "../topology/describe";

const containerName = (names: NameBook, id: string): string => names.containers.get(id) ?? shortId(id);
const networkName = (names: NameBook, id: string): string => names.networks.get(id) ?? shortId(id);

/** The name of the event's own object (container or network). */
export function subjectName(e: ModelEvent, names: NameBook): string {
  if (e.type === "service" || e.type === "node") return e.name ?? shortId(e.id);
  if (e.type === "network") return e.name ?? networkName(names, e.id);
  if (e.action === "rename") return e.name ?? containerName(names, e.id);
  return names.containers.get(e.id) ?? e.name ?? shortId(e.id);
}

const CONTAINER_VERBS: Record<string, string> = {
  create: "created",
  start: "started",
  restart: "restarted",
  die: "exited",
  stop: "stopped",
  kill: "killed",
  pause: "paused",
  unpause: "unpaused",
  destroy: "removed",
  update: "updated",
  oom: "ran out of memory",
};

const NETWORK_VERBS: Record<string, string> = {
  create: "created",
  destroy: "removed",
  remove: "removed",
  update: "updated",
};

/** The event in words, e.g. "web connected to front", "container web exited". */
export function describeEvent(e: ModelEvent, names: NameBook): string {
  const subject = subjectName(e, names);
  if (e.type === "service" || e.type === "node") return `${e.type} ${subject} ${NETWORK_VERBS[e.action] ?? e.action}`;
  if (e.type === "network") {
    if (e.action === "connect" || e.action === "disconnect") {
      const who = e.container ? containerName(names, e.container) : "a container";
      return e.action === "connect" ? `${who} connected to ${subject}` : `${who} disconnected from ${subject}`;
    }
    return `network ${subject} ${NETWORK_VERBS[e.action] ?? e.action}`;
  }
  if (e.action === "rename") return `container ${shortId(e.id)} renamed to ${subject}`;
  const verb = CONTAINER_VERBS[e.action.split(":")[0] ?? ""] ?? e.action;
  return `container ${subject} ${verb}`;
}

// ---- filter --------------------------------------------------------------------

export interface TimelineFilter {
  type: "all" | "container" | "network";
  /** "" for every action. */
  action: string;
  /** Matched, case-insensitively, against names and IDs. */
  text: string;
}

export const NO_FILTER: TimelineFilter = { type: "all", action: "", text: "" };

export function isFiltering(f: TimelineFilter): boolean {
  return f.type !== "all" || f.action !== "" || f.text.trim() !== "";
}

/** The names and IDs an event concerns: its object's, and the container's of a connect/disconnect. */
function searchable(e: ModelEvent, names: NameBook): string[] {
  const out = [e.id, subjectName(e, names)];
  if (e.name) out.push(e.name);
  if (e.container) out.push(e.container, containerName(names, e.container));
  return out;
}

export function matchesFilter(entry: TimelineEntry, f: TimelineFilter, names: NameBook): boolean {
  // Gap markers stay: they qualify every entry below them.
  if (entry.kind === "gap") return true;
  const e = entry.event;
  if (f.type !== "all" && e.type !== f.type) return false;
  if (f.action && e.action !== f.action) return false;
  const text = f.text.trim().toLowerCase();
  if (!text) return true;
  return searchable(e, names).some((s) => s.toLowerCase().includes(text));
}

export function filterTimeline(entries: readonly TimelineEntry[], f: TimelineFilter, names: NameBook): TimelineEntry[] {
  if (!isFiltering(f)) return [...entries];
  const kept = entries.filter((e) => matchesFilter(e, f, names));
  // Two markers in a row (the events between them filtered out) say no more than one.
  return kept.filter((e, i) => e.kind !== "gap" || kept[i - 1]?.kind !== "gap");
}

/** The actions the filter offers: the usual ones, then any other seen, alphabetically. */
export function actionsOffered(entries: readonly TimelineEntry[]): string[] {
  const base: string[] = [...TIMELINE_ACTIONS];
  const seen = new Set<string>();
  for (const e of entries) if (e.kind === "event" && !base.includes(e.event.action)) seen.add(e.event.action);
  return [...base, ...[...seen].sort()];
}

// ---- links to the graph --------------------------------------------------------

export type EntryLink =
  /** The canvas node to select and centre. */
  | { kind: "node"; nodeId: string }
  /** The object is no longer on the graph: removed (a destroy was seen), or simply absent. */
  | { kind: "gone"; destroyed: boolean };

/** The container whose sandbox a container or connect/disconnect event links to; null for other network events. */
export function linkedContainer(e: ModelEvent): string | null {
  if (e.type === "container") return e.id;
  if (e.action === "connect" || e.action === "disconnect") return e.container ?? null;
  return null;
}

/** IDs of objects whose removal the timeline has seen (containers' and networks'). */
export function destroyedIds(entries: readonly TimelineEntry[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.kind === "event" && (e.event.action === "destroy" || e.event.action === "remove")) out.add(e.event.id);
  }
  return out;
}

/**
 * Where an event links on the canvas: `net:<id>` for a network event,
 * `sbx:<owner id>` for a container event or a connect/disconnect (a container
 * that joined another's namespace links to the owner's sandbox).
 */
export function linkOf(e: ModelEvent, topology: Topology | undefined, destroyed: ReadonlySet<string>): EntryLink {
  const container = linkedContainer(e);
  if (container !== null) {
    const sandbox = topology?.sandboxes.find((s) => s.containers.some((c) => c.id === container));
    return sandbox ? { kind: "node", nodeId: sandboxNodeId(sandbox.id) } : { kind: "gone", destroyed: destroyed.has(container) };
  }
  if (e.type === "network" && (e.action === "connect" || e.action === "disconnect")) {
    // A connect/disconnect without its container: nothing to point at.
    return { kind: "gone", destroyed: false };
  }
  return topology?.networks.some((n) => n.id === e.id)
    ? { kind: "node", nodeId: networkNodeId(e.id) }
    : { kind: "gone", destroyed: destroyed.has(e.id) };
}

// ---- time ----------------------------------------------------------------------

/** "just now", "42s ago", "5 min ago", "3 h ago", "2 d ago". */
export function relativeTime(thenMs: number, nowMs: number): string {
  const s = Math.floor((nowMs - thenMs) / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** When an entry happened, in milliseconds: the engine's time for events. */
export function entryTime(entry: TimelineEntry): number {
  return entry.kind === "event" ? entry.event.time * 1000 : entry.at;
}
