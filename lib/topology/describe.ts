/**
 * Facts derived from a network's configuration that the UI states in words.
 * Pure functions over the topology model.
 */
import type { Endpoint, Network, Sandbox } from "./types";

/** The 12-character short ID the docker CLI shows (and Docker registers as a name on user-defined networks). */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** An endpoint's aliases without the one Docker adds itself on user-defined networks (its container's short ID): noise on a label or in a report. */
export function visibleAliases(e: Pick<Endpoint, "aliases" | "containerId">): string[] {
  return e.aliases.filter((a) => a !== shortId(e.containerId));
}

/** The name people know a sandbox by: its owner container's name. */
export function sandboxName(s: Sandbox): string {
  return s.containers[0]?.name ?? shortId(s.id);
}

/** A container that is up (running, paused or restarting), as opposed to created, exited or dead. */
export function isUp(state: string): boolean {
  return state === "running" || state === "paused" || state === "restarting";
}

export const BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
export const DEFAULT_BRIDGE_OPTION = "com.docker.network.bridge.default_bridge";
export const ICC_OPTION = "com.docker.network.bridge.enable_icc";
/** The label docker compose puts on every container of a project. */
export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

/** The compose project a container belongs to, or null. */
/** What the read routes show in place of a label value they hide (lib/topology/label-policy.ts). */
export const HIDDEN_VALUE = "(hidden)";

/** Whether a value is the placeholder of a hidden one: unknown, never to be used as a value. */
export function isHiddenValue(value: string | undefined): boolean {
  return value === HIDDEN_VALUE;
}

export function projectOf(labels: Record<string, string>): string | null {
  const p = labels[COMPOSE_PROJECT_LABEL];
  return p && !isHiddenValue(p) ? p : null;
}

/** Docker's default `bridge` network (docker0): no DNS between its containers. */
export function isDefaultBridge(n: Network): boolean {
  return n.driver === "bridge" && (n.options[DEFAULT_BRIDGE_OPTION] === "true" || (n.predefined && n.name === "bridge"));
}

/**
 * The Linux bridge device of a bridge network: the name option when set,
 * else Docker's `br-<first 12 characters of the ID>`.
 */
export function bridgeDevice(n: Network): string | null {
  if (n.driver !== "bridge") return null;
  return n.options[BRIDGE_NAME_OPTION] || `br-${n.id.slice(0, 12)}`;
}

/** Whether containers on this network can resolve each other by name through Docker's embedded DNS. */
export function hasContainerDns(n: Network): boolean {
  if (isDefaultBridge(n)) return false;
  return n.driver !== "host" && n.driver !== "null";
}

/** Short flags for display: internal, attachable, ingress, IPv6, ICC off, config-only. */
export function networkFlags(n: Network): string[] {
  const flags: string[] = [];
  if (n.internal) flags.push("internal");
  if (n.attachable) flags.push("attachable");
  if (n.ingress) flags.push("ingress");
  if (n.ipv6) flags.push("IPv6");
  if (n.options[ICC_OPTION] === "false") flags.push("ICC off");
  if (n.configOnly) flags.push("config-only");
  return flags;
}
