/**
 * Which engine events change the network model, and the small JSON message
 * cnmap sends to browsers for each. Pure.
 */
import type { EngineContainerSummary } from "../topology/engine-json";

export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  scope?: string;
  time?: number;
  timeNano?: number | string;
}

export interface ModelEvent {
  /** "service" and "node": a swarm manager's events (create, update, remove). */
  type: "container" | "network" | "service" | "node";
  action: string;
  /** The object's ID: the container's, or the network's. */
  id: string;
  /** Seconds since the epoch (the engine's `time`; `timeNano` exceeds safe integers). */
  time: number;
  /** The container's or network's name, when the engine gave it. */
  name?: string;
  /** For network connect/disconnect: the container's ID. */
  container?: string;
}

const CONTAINER_ACTIONS = new Set([
  "create", "start", "restart", "die", "stop", "kill", "pause", "unpause", "rename", "destroy", "update", "oom",
]);

/** The model event for an engine event, or null when it changes nothing cnmap draws (exec, attach, health...). */
export function toModelEvent(e: EngineEvent): ModelEvent | null {
  const id = e.Actor?.ID;
  const action = e.Action ?? "";
  if (!id || typeof e.time !== "number") return null;
  const attrs = e.Actor?.Attributes ?? {};
  if (e.Type === "network") {
    const out: ModelEvent = { type: "network", action, id, time: e.time };
    if (attrs.name) out.name = attrs.name;
    if (attrs.container) out.container = attrs.container;
    return out;
  }
  if (e.Type === "service" || e.Type === "node") {
    const out: ModelEvent = { type: e.Type, action, id, time: e.time };
    if (attrs.name) out.name = attrs.name;
    return out;
  }
  if (e.Type === "container" && CONTAINER_ACTIONS.has(action.split(":")[0] ?? "")) {
    const out: ModelEvent = { type: "container", action, id, time: e.time };
    if (attrs.name) out.name = attrs.name;
    return out;
  }
  return null;
}

/** The containers whose cached inspect an event makes stale. */
export function containersTouched(e: ModelEvent): string[] {
  if (e.type === "container") return [e.id];
  if (e.type !== "network") return [];
  return e.container ? [e.container] : [];
}

/**
 * Whether a container's list entry shows what `event` says happened to it.
 * Docker 20.10 can send an event before its container list shows the change
 * (seen: a `network connect` whose container, listed right after the event,
 * still had only its old network), so the live model lists such a container
 * again until it does. True when the event says nothing checkable.
 */
export function listShows(event: ModelEvent, entry: EngineContainerSummary | undefined): boolean {
  if (event.type === "service" || event.type === "node") return true;
  if (event.type === "network") {
    if (event.action !== "connect" && event.action !== "disconnect") return true;
    // A container that never ran lists its networks by name, with an empty NetworkID.
    const on = Object.entries(entry?.NetworkSettings?.Networks ?? {}).some(([name, ep]) => ep.NetworkID === event.id || (event.name !== undefined && name === event.name));
    return event.action === "connect" ? entry === undefined || on : !on;
  }
  const action = event.action.split(":")[0] ?? "";
  if (action === "destroy") return entry === undefined;
  if (entry === undefined) return true; // gone since: nothing more to wait for
  switch (action) {
    case "start":
    case "restart":
    case "unpause":
      return entry.State === "running";
    case "pause":
      return entry.State === "paused";
    case "die":
    case "stop":
      return entry.State !== "running";
    case "rename":
      return event.name === undefined || entry.Names[0] === `/${event.name}`;
    default:
      return true;
  }
}
