/**
 * The fixed addresses (`--ip`, `--ip6`) the engine would refuse on a
 * network, worked out before it sees the request. Docker 20.10, refusing a
 * connect of a running container, keeps the network in the container's
 * configuration anyway, and the container then cannot start again; so every
 * refusal has to come from here. Pure.
 *
 * What the engine does, checked on Docker 20.10.24 (API 1.41) with the
 * default IPAM driver; the allocator (libnetwork ipam) keeps one bit per
 * address of the subnet:
 *
 * - The subnet's first address (its network address) is taken, in IPv4 and
 *   in IPv6 alike; in IPv4 so is the last (broadcast) one.
 * - A network created without `--gateway` still has one: at creation the
 *   allocator hands the bridge the first free address of the `--ip-range`,
 *   or of the subnet when there is none. 10.0.0.0/24 gets 10.0.0.1;
 *   with `--ip-range 10.0.0.128/25` it gets 10.0.0.128; with
 *   `--ip-range 10.0.0.0/25`, 10.0.0.1 (.0 is taken). IPv6 alike (fd00::/64
 *   gets fd00::1). `docker network inspect` does not show it; a running
 *   container's endpoint reports it as its Gateway. Auxiliary addresses are
 *   reserved after the gateway, so they never move it (one on that address
 *   makes the create fail).
 * - Auxiliary addresses (`--aux-address`) are taken, inside the ip-range or
 *   not: connect refuses them as "Address already in use".
 * - An address inside the subnet but outside `--ip-range` is accepted (run
 *   and connect), and the container restarts with it: the range only limits
 *   the addresses the engine picks itself. So it is not refused here.
 * - Before Docker 28.0 (API 1.48, moby/moby#49223) the allocator counts an
 *   IPv6 subnet's addresses in a 64-bit integer: the last address of a /64
 *   cannot be taken ("bit does not belong to the sequence"), and on a subnet
 *   larger than /64 only an address's last 64 bits count, so fd00:0:0:1::5
 *   on fd00::/56 is given as fd00::5, or refused when that is in use.
 */
import type ipaddr from "ipaddr.js";
import { addressPart, cidrBounds, cidrContainsIp, ipText, ipValue, parseCidr, parseIp, type Cidr, type Family } from "../net/cidr";
import type { IpamConfig, Network } from "../topology/types";

/** Someone on the network who holds an address. */
export interface AddressHolder {
  /** The address, with or without a prefix length. */
  address: string;
  /** Who holds it: a container or sandbox name. */
  name: string;
  /** A live endpoint, or a container's fixed address that the engine keeps for it while it is stopped. */
  kind: "endpoint" | "fixed";
  /** For "fixed": the container's state (exited, created...). */
  state?: string;
}

export interface FixedAddressContext {
  network: Pick<Network, "name" | "ipv6" | "ipam" | "ipamDriver">;
  /** Gateways the engine reported for this network's endpoints (the container list's Gateway and IPv6Gateway). */
  reportedGateways: readonly string[];
  holders: readonly AddressHolder[];
  /** The engine's API version, e.g. "1.41". */
  apiVersion: string;
}

export interface AddressRefusal {
  code: "invalid_input" | "conflict";
  message: string;
}

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

const familyName = (f: Family): string => (f === "ipv4" ? "IPv4" : "IPv6");

function apiBelow(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a < major || (a === major && b < minor);
}

/** Whether the network's addresses are handed out by Docker's own allocator, whose rules this module knows. */
export function defaultIpam(driver: string): boolean {
  return driver === "" || driver === "default";
}

/**
 * The address Docker's allocator gave the gateway of a network created
 * without one: the first free address of the ip-range, or of the subnet.
 * Null when the configuration cannot be read or leaves no address.
 */
export function implicitGateway(config: IpamConfig): string | null {
  const subnet = parseCidr(config.subnet);
  if (!subnet) return null;
  const range = config.ipRange ? parseCidr(config.ipRange) : null;
  const pool = range && range.family === subnet.family && cidrContainsIp(subnet, range.address) ? range : subnet;
  const whole = cidrBounds(subnet);
  const { first, last } = cidrBounds(pool);
  let candidate = first;
  if (candidate === whole.first) candidate += BigInt(1);
  if (candidate > last || (subnet.family === "ipv4" && candidate === whole.last)) return null;
  return ipText(candidate, subnet.family);
}

const LOW_64 = (BigInt(1) << BigInt(64)) - BigInt(1);

/** Before Docker 28.0: an IPv6 address the allocator cannot give as asked. */
function truncatedIpv6(subnet: Cidr, ip: Ip, address: string, apiVersion: string): AddressRefusal | null {
  if (subnet.family !== "ipv6" || subnet.prefix > 64 || !apiBelow(apiVersion, 1, 48)) return null;
  const value = ipValue(ip);
  const base = cidrBounds(subnet).first;
  if ((value & ~LOW_64) !== base) {
    const given = ipText(base | (value & LOW_64), "ipv6");
    return {
      code: "invalid_input",
      message:
        `${address} is outside the first /64 of ${subnet.text}: this engine (API ${apiVersion}, before Docker 28.0) keeps only an IPv6 address's last 64 bits, ` +
        `so it would give ${given} instead.`,
    };
  }
  if ((value & LOW_64) === LOW_64) {
    return {
      code: "invalid_input",
      message: `${address} is the last address of a /64, which this engine (API ${apiVersion}, before Docker 28.0) cannot hand out.`,
    };
  }
  return null;
}

/**
 * Why the engine would refuse `address` as a fixed address on the network,
 * or would keep it from a container that holds it; null when it may be given.
 */
export function fixedAddressRefusal(ctx: FixedAddressContext, address: string, family: Family): AddressRefusal | null {
  const n = ctx.network;
  const ip = parseIp(address);
  if (!ip || ip.kind() !== family) return { code: "invalid_input", message: `${address} is not an ${familyName(family)} address.` };
  if (family === "ipv6" && !n.ipv6) return { code: "conflict", message: `${n.name} does not have IPv6 enabled.` };
  const subnets = n.ipam
    .map((c) => ({ c, cidr: parseCidr(c.subnet) }))
    .filter((x): x is { c: IpamConfig; cidr: Cidr } => x.cidr !== null && x.cidr.family === family);
  if (subnets.length === 0) {
    return { code: "conflict", message: `${n.name} has no ${familyName(family)} subnet, so no fixed address can be given on it.` };
  }
  const inside = subnets.find((x) => cidrContainsIp(x.cidr, ip));
  if (!inside) {
    return { code: "invalid_input", message: `${address} is outside ${n.name}'s subnets (${subnets.map((x) => x.c.subnet).join(", ")}).` };
  }
  const { c, cidr } = inside;

  const value = ipValue(ip);
  const same = (other: string | undefined): boolean => {
    const p = other ? parseIp(addressPart(other)) : null;
    return p !== null && p.kind() === family && ipValue(p) === value;
  };

  // Another IPAM driver keeps its own books: only what holds for any IPv4 subnet is assumed of it.
  const defaults = defaultIpam(n.ipamDriver);
  const truncated = defaults ? truncatedIpv6(cidr, ip, address, ctx.apiVersion) : null;
  if (truncated) return truncated;
  const { first, last } = cidrBounds(cidr);
  const hasEnds = defaults || (family === "ipv4" && cidr.prefix < 31);
  if (hasEnds && value === first) {
    return { code: "invalid_input", message: `${address} is the network address of ${c.subnet}; no container can have it.` };
  }
  if (hasEnds && family === "ipv4" && value === last) {
    return { code: "invalid_input", message: `${address} is the broadcast address of ${c.subnet}; no container can have it.` };
  }

  if (same(c.gateway)) return { code: "conflict", message: `${address} is ${n.name}'s gateway.` };
  const reported = ctx.reportedGateways.filter((g) => {
    const p = parseIp(addressPart(g));
    return p !== null && cidrContainsIp(cidr, p);
  });
  if (reported.some(same)) return { code: "conflict", message: `${address} is ${n.name}'s gateway (its endpoints report it as such).` };
  if (defaults && !c.gateway && reported.length === 0 && same(implicitGateway(c) ?? undefined)) {
    return {
      code: "conflict",
      message:
        `${address} is ${n.name}'s gateway: created without --gateway, the network gave the first address of its ` +
        `${c.ipRange ? `ip-range ${c.ipRange}` : `subnet ${c.subnet}`} to the gateway, though docker network inspect does not show it.`,
    };
  }
  for (const [host, aux] of Object.entries(c.auxAddresses ?? {})) {
    if (same(aux)) return { code: "conflict", message: `${address} is reserved on ${n.name} as an auxiliary address (${host}).` };
  }

  for (const h of ctx.holders) {
    if (!same(h.address)) continue;
    return h.kind === "endpoint"
      ? { code: "conflict", message: `${address} is already in use on ${n.name} by ${h.name}.` }
      : { code: "conflict", message: `${address} is reserved on ${n.name} by ${h.name} (its fixed address, kept while it is ${h.state ?? "stopped"}).` };
  }
  return null;
}
