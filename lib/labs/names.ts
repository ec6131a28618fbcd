/**
 * How lab objects are named and marked. Pure.
 *
 * Every engine object a lab makes is named `cnmap-lab-<lab>-<short>` (a
 * prefix no one else's objects are likely to use) and carries the label
 * `cnmap.lab=<lab>`; a host link is named `cnlab-<short>` (Linux allows 15
 * characters) and carries `cnmap.lab=<lab>` as its alias (`ip link set X
 * alias`). A reset removes exactly what carries the label; a name that is
 * taken by an object without it stops the lab.
 */
import type { LabId, NetworkRef } from "./types";

export const LAB_LABEL = "cnmap.lab";
export const OBJECT_PREFIX = "cnmap-lab-";
export const LINK_PREFIX = "cnlab-";

/** The engine name of a lab container or network. */
export function objectName(lab: LabId, short: string): string {
  return `${OBJECT_PREFIX}${lab}-${short}`;
}

/** The engine name of a network reference: the lab's own, or Docker's `bridge`. */
export function networkName(lab: LabId, ref: NetworkRef): string {
  return "lab" in ref ? objectName(lab, ref.lab) : ref.predefined;
}

/** The label every object of the lab carries, as `docker --label` takes it. */
export function labLabel(lab: LabId): string {
  return `${LAB_LABEL}=${lab}`;
}

/** Whether an engine object's labels say it is this lab's. */
export function isLabs(lab: LabId, labels: Record<string, string> | null | undefined): boolean {
  return labels?.[LAB_LABEL] === lab;
}

/** The veth pair the macvlan lab makes when no host interface was picked: the parent end and its peer. */
export const VETH = { parent: `${LINK_PREFIX}mv0`, peer: `${LINK_PREFIX}mv1` } as const;

/** A Linux interface name: 1-15 characters, none of them '/', ':' or white space, not "." or "..". */
export const IFNAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,15}$/;
