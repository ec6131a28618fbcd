/**
 * How the canvas draws the graph, beyond the filter: grouping and focus,
 * kept in the URL (`group`, `focus`) so a link opens the same view. Pure.
 *
 * - `group`: "none" (each sandbox), "network" (a network's sandboxes folded
 *   into one cluster), "project" (a compose project's). Absent means "auto":
 *   by network past GROUP_AUTO_FROM sandboxes, where a node per sandbox is a
 *   carpet no one can read at fit-to-view; each sandbox below.
 * - `focus`: a canvas node ID; only it and its neighbours are drawn.
 */
import type { GroupBy } from "./group";

export const GROUP_PARAM = "group";
export const FOCUS_PARAM = "focus";
/** `?linux=1`: the Linux layer (veth pairs, bridges, NAT rules) drawn over the graph. */
export const LINUX_PARAM = "linux";
/** Past this many sandboxes the canvas groups by network unless told otherwise. */
export const GROUP_AUTO_FROM = 300;

export type GroupChoice = GroupBy | "auto";

const CHOICES: readonly GroupChoice[] = ["auto", "none", "network", "project"];

export function parseGroup(raw: string | null): GroupChoice {
  return CHOICES.find((c) => c === raw) ?? "auto";
}

/** The grouping drawn for a choice, on a graph of `sandboxCount` sandboxes. */
export function resolveGroup(choice: GroupChoice, sandboxCount: number): GroupBy {
  if (choice !== "auto") return choice;
  return sandboxCount > GROUP_AUTO_FROM ? "network" : "none";
}

/** A focus value that could name a canvas node (the canvas ignores one it does not draw). */
export function parseFocus(raw: string | null): string | null {
  return raw && /^(net|sbx|svc|cluster|host):[\w:.-]{1,200}$/.test(raw) ? raw : null;
}

export function parseLinux(raw: string | null): boolean {
  return raw === "1";
}

/** Under this zoom a large graph is drawn with compact nodes and no edge labels (components/graph/canvas/use-detail). */
export const DETAIL_ZOOM = 0.45;
/** A small graph costs little to draw in full: its labels stay down to this zoom, to be found and clicked even if small. */
export const SMALL_DETAIL_ZOOM = 0.2;
/** Up to this many nodes a graph is small. */
export const SMALL_GRAPH = 150;

export type Detail = "full" | "compact";

/** How much of each node and edge the canvas draws at `zoom` with `nodeCount` nodes. */
export function detailAt(zoom: number, nodeCount: number): Detail {
  return zoom < (nodeCount > SMALL_GRAPH ? DETAIL_ZOOM : SMALL_DETAIL_ZOOM) ? "compact" : "full";
}
