/**
 * The "new network" form as plain state, and its translation into a
 * CreateNetworkBody (what POST /api/networks takes) with an error per field.
 * Pure: the form validates on every keystroke with it, the unit tests call it
 * directly. Validation is createNetworkSchema's (the server's own), plus what
 * only the browser can know: subnets that overlap networks already on the
 * engine, and the text fields' own syntax (key=value lists, MTU).
 */
import { createNetworkSchema, HOST_BINDING_IPV4_OPTION, type CreateNetworkBody } from "../api/schemas";
import { parseCidr } from "../net/cidr";
import type { Network } from "../topology/types";
import { findOverlaps } from "./overlap";

export interface IpamRow {
  subnet: string;
  gateway: string;
  ipRange: string;
  /** "host=ip" pairs, separated by commas, spaces or new lines. */
  auxAddresses: string;
}

export type Tristate = "" | "true" | "false";

export interface NetworkFormState {
  name: string;
  driver: string;
  scope: "" | "local" | "swarm" | "global";
  ipv4: boolean;
  ipv6: boolean;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  configOnly: boolean;
  configFrom: string;
  ipam: IpamRow[];
  ipamDriver: string;
  /** key=value, one per line. */
  ipamOptions: string;
  /** key=value, one per line (driver options, `--opt`). */
  options: string;
  /** key=value, one per line. */
  labels: string;
  /** Helpers for common driver options; empty means "not set". */
  bridgeName: string;
  icc: Tristate;
  masquerade: Tristate;
  hostBindingIpv4: string;
  mtu: string;
  parent: string;
  /** macvlan_mode or ipvlan_mode, by driver. */
  mode: string;
  /** Overlay only: `--opt encrypted` (IPsec between the nodes; the option's value is ""). */
  encrypted: boolean;
}

export const emptyIpamRow = (): IpamRow => ({ subnet: "", gateway: "", ipRange: "", auxAddresses: "" });

export function emptyNetworkForm(): NetworkFormState {
  return {
    name: "",
    driver: "bridge",
    scope: "",
    ipv4: true,
    ipv6: false,
    internal: false,
    attachable: false,
    ingress: false,
    configOnly: false,
    configFrom: "",
    ipam: [emptyIpamRow()],
    ipamDriver: "",
    ipamOptions: "",
    options: "",
    labels: "",
    bridgeName: "",
    icc: "",
    masquerade: "",
    hostBindingIpv4: "",
    mtu: "",
    parent: "",
    mode: "",
    encrypted: false,
  };
}

export const BRIDGE_OPTS = {
  name: "com.docker.network.bridge.name",
  icc: "com.docker.network.bridge.enable_icc",
  masquerade: "com.docker.network.bridge.enable_ip_masquerade",
  hostBindingIpv4: HOST_BINDING_IPV4_OPTION,
  mtu: "com.docker.network.driver.mtu",
} as const;

/** The overlay driver's option for IPsec between the nodes: `--opt encrypted`, which the CLI sends as "encrypted": "". */
export const OVERLAY_ENCRYPTED = "encrypted";

export const MACVLAN_MODES = ["bridge", "vepa", "passthru", "private"] as const;
export const IPVLAN_MODES = ["l2", "l3", "l3s"] as const;

export function modeOptionKey(driver: string): "macvlan_mode" | "ipvlan_mode" | null {
  if (driver === "macvlan") return "macvlan_mode";
  if (driver === "ipvlan") return "ipvlan_mode";
  return null;
}

/** Field keys: "name", "driver", "ipam.0.subnet", "ipam.0.gateway", "ipam.0.ipRange", "ipam.0.auxAddresses", "labels", … */
export type FieldErrors = Record<string, string>;

export interface FormResult {
  /** The request body (also for the live command: built even when invalid). */
  body: CreateNetworkBody;
  errors: FieldErrors;
  /** Worth saying, not blocking (e.g. a macvlan subnet overlapping a bridge's). */
  warnings: FieldErrors;
  valid: boolean;
}

/**
 * "k=v" entries separated by new lines (and, when `commas`, commas). Returns
 * the map, or the first problem in plain words.
 */
export function parseKeyValues(text: string, commas = false): { map: Record<string, string>; error?: string } {
  const map: Record<string, string> = {};
  const entries = text.split(commas ? /[\n,]/ : /\n/).map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq <= 0) return { map, error: `"${entry}" is not key=value` };
    const key = entry.slice(0, eq).trim();
    if (/\s/.test(key)) return { map, error: `the key "${key}" has a space` };
    if (key in map) return { map, error: `"${key}" is given twice` };
    map[key] = entry.slice(eq + 1).trim();
  }
  return { map };
}

function setIfMissing(errors: FieldErrors, key: string, message: string): void {
  if (!(key in errors)) errors[key] = message;
}

/** The form field a schema issue belongs to. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  if (path[0] === "ipam" && typeof path[1] === "number") {
    return path.length >= 3 ? `ipam.${path[1]}.${String(path[2])}` : `ipam.${path[1]}.subnet`;
  }
  return path.length > 0 ? String(path[0]) : "form";
}

const isBlank = (r: IpamRow): boolean => !r.subnet.trim() && !r.gateway.trim() && !r.ipRange.trim() && !r.auxAddresses.trim();

export function buildCreateBody(state: NetworkFormState, existing: readonly Network[] = []): FormResult {
  const errors: FieldErrors = {};
  const warnings: FieldErrors = {};
  const driver = state.driver.trim();

  // IPAM rows: blank ones are dropped, but the index stays the row's.
  const ipam: NonNullable<CreateNetworkBody["ipam"]> = [];
  const rowOfEntry: number[] = [];
  state.ipam.forEach((row, i) => {
    if (isBlank(row)) return;
    if (!row.subnet.trim()) {
      errors[`ipam.${i}.subnet`] = "a subnet is required for a gateway, IP range or auxiliary address";
      return;
    }
    const entry: NonNullable<CreateNetworkBody["ipam"]>[number] = { subnet: row.subnet.trim() };
    if (row.gateway.trim()) entry.gateway = row.gateway.trim();
    if (row.ipRange.trim()) entry.ipRange = row.ipRange.trim();
    if (row.auxAddresses.trim()) {
      const aux = parseKeyValues(row.auxAddresses, true);
      if (aux.error) errors[`ipam.${i}.auxAddresses`] = aux.error;
      else entry.auxAddresses = aux.map;
    }
    ipam.push(entry);
    rowOfEntry.push(i);
  });

  // Driver options: the free list, then the helpers of this driver.
  const opts = parseKeyValues(state.options);
  if (opts.error) errors.options = opts.error;
  const options: Record<string, string> = { ...opts.map };
  const helper = (key: string, value: string, field: string): void => {
    if (!value) return;
    if (key in opts.map && opts.map[key] !== value) errors[field] = `${key} is also set to "${opts.map[key]}" in the options list`;
    options[key] = value;
  };
  if (driver === "bridge") {
    helper(BRIDGE_OPTS.name, state.bridgeName.trim(), "bridgeName");
    if (state.bridgeName.trim() && state.bridgeName.trim().length > 15) errors.bridgeName = "a Linux interface name has at most 15 characters";
    helper(BRIDGE_OPTS.icc, state.icc, "icc");
    helper(BRIDGE_OPTS.masquerade, state.masquerade, "masquerade");
    helper(BRIDGE_OPTS.hostBindingIpv4, state.hostBindingIpv4.trim(), "hostBindingIpv4");
  }
  if (state.mtu.trim()) {
    const mtu = state.mtu.trim();
    if (!/^\d+$/.test(mtu) || Number(mtu) < 68 || Number(mtu) > 65535) errors.mtu = "an MTU is a whole number from 68 to 65535";
    helper(BRIDGE_OPTS.mtu, mtu, "mtu");
  }
  if (driver === "overlay" && state.encrypted) {
    if (OVERLAY_ENCRYPTED in opts.map && opts.map[OVERLAY_ENCRYPTED] !== "") errors.encrypted = `${OVERLAY_ENCRYPTED} is also set to "${opts.map[OVERLAY_ENCRYPTED]}" in the options list`;
    options[OVERLAY_ENCRYPTED] = "";
  }
  const modeKey = modeOptionKey(driver);
  if (modeKey) {
    helper("parent", state.parent.trim(), "parent");
    helper(modeKey, state.mode, "mode");
  }

  const labels = parseKeyValues(state.labels);
  if (labels.error) errors.labels = labels.error;
  const ipamOptions = parseKeyValues(state.ipamOptions);
  if (ipamOptions.error) errors.ipamOptions = ipamOptions.error;

  const body: CreateNetworkBody = { name: state.name.trim() };
  if (driver) body.driver = driver;
  if (state.scope) body.scope = state.scope;
  if (ipam.length > 0) body.ipam = ipam;
  if (!state.ipv4) body.ipv4 = false;
  if (state.ipv6) body.ipv6 = true;
  if (state.internal) body.internal = true;
  if (state.attachable) body.attachable = true;
  if (state.ingress) body.ingress = true;
  if (state.configOnly) body.configOnly = true;
  if (state.configFrom.trim()) body.configFrom = state.configFrom.trim();
  if (state.ipamDriver.trim()) body.ipamDriver = state.ipamDriver.trim();
  if (Object.keys(ipamOptions.map).length > 0) body.ipamOptions = ipamOptions.map;
  if (Object.keys(options).length > 0) body.options = options;
  if (Object.keys(labels.map).length > 0) body.labels = labels.map;

  const parsed = createNetworkSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let field = fieldOfPath(issue.path);
      // The host binding address given in its own field: the message goes there, not to the options list.
      if (issue.path[0] === "options" && issue.path[1] === HOST_BINDING_IPV4_OPTION && state.hostBindingIpv4.trim() && driver === "bridge") field = "hostBindingIpv4";
      // Map an ipam entry's index back to the form row it came from.
      const m = /^ipam\.(\d+)\.(.+)$/.exec(field);
      if (m) field = `ipam.${rowOfEntry[Number(m[1])] ?? Number(m[1])}.${m[2]}`;
      setIfMissing(errors, field, issue.message);
    }
  }

  // Overlap with networks already on the engine (the engine refuses it for
  // bridge and overlay; macvlan and ipvlan may legitimately share a LAN's subnet).
  // The server applies the same rule (lib/server/networks.ts); a config-only network holds no pool.
  const sharesLan = driver === "macvlan" || driver === "ipvlan";
  ipam.forEach((entry, k) => {
    const field = `ipam.${rowOfEntry[k]}.subnet`;
    if (state.configOnly || errors[field] || !parseCidr(entry.subnet)) return;
    const hit = findOverlaps(entry.subnet, existing)[0];
    if (!hit) return;
    const message = `${entry.subnet} overlaps ${hit.subnet} of network "${hit.network}"`;
    if (sharesLan) warnings[field] = `${message} (allowed for ${driver} only if they share the parent's LAN)`;
    else errors[field] = message;
  });

  return { body, errors, warnings, valid: Object.keys(errors).length === 0 };
}
