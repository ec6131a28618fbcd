/**
 * Who made a change through cnmap: the server announces it to everyone
 * watching that engine, and the timeline and the graph name the person. Pure.
 */

export interface Attribution {
  /** The audited action: network.connect, network.disconnect, network.create, network.remove, network.prune. */
  action: string;
  actor: string;
  /** Engine IDs of what it touched (a network, a container), to match the engine's own events. */
  networkId?: string;
  containerId?: string;
  /** In words: "alice connected web to backend". */
  text: string;
  /** Milliseconds since the epoch, on the server. */
  at: number;
}

/** How far apart an engine event and cnmap's announcement of the same change may be. */
export const ATTRIBUTION_WINDOW_MS = 10_000;

const EVENT_ACTION: Record<string, string> = {
  "network.connect": "connect",
  "network.disconnect": "disconnect",
  "network.create": "create",
  "network.remove": "destroy",
};

/** Whether an engine event (network type) is the change an attribution announced. */
export function attributes(a: Attribution, e: { type: string; action: string; id: string; container?: string; time: number }): boolean {
  if (e.type !== "network" || EVENT_ACTION[a.action] !== e.action) return false;
  if (a.networkId && a.networkId !== e.id) return false;
  if (a.containerId && e.container && a.containerId !== e.container) return false;
  return Math.abs(e.time * 1000 - a.at) <= ATTRIBUTION_WINDOW_MS;
}

/** Whether an engine event is a change cnmap could have made (so it is either someone's through cnmap, or made outside it). */
export function isAttributable(e: { type: string; action: string }): boolean {
  return e.type === "network" && Object.values(EVENT_ACTION).includes(e.action);
}

/** The announcement of this engine event's change, if cnmap made it. */
export function attributionFor(list: readonly Attribution[], e: { type: string; action: string; id: string; container?: string; time: number }): Attribution | undefined {
  return list.find((a) => attributes(a, e));
}

/** The stream's JSON is the server's, but check the shape before keeping it. */
export function isAttribution(v: unknown): v is Attribution {
  if (typeof v !== "object" || v === null) return false;
  const a = v as Record<string, unknown>;
  return typeof a.action === "string" && typeof a.actor === "string" && typeof a.text === "string" && typeof a.at === "number";
}

/** Recent announcements kept by a page. */
export const ATTRIBUTIONS_KEPT = 100;
