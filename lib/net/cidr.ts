/**
 * Address arithmetic for validation, on ipaddr.js (used by Express's
 * proxy-addr; dependency-free). Pure: shared by the server and the forms.
 */
import ipaddr from "ipaddr.js";

export type Family = "ipv4" | "ipv6";

export interface Cidr {
  family: Family;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
  text: string;
}

export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const t = text.trim();
  if (!ipaddr.isValid(t)) return null;
  // ipaddr.isValid accepts "1" or "0x1" style IPv4; accept only dotted quads.
  const parsed = ipaddr.parse(t);
  if (parsed.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(t)) return null;
  return parsed;
}

export function familyOf(text: string): Family | null {
  const ip = parseIp(text);
  return ip ? (ip.kind() as Family) : null;
}

export function parseCidr(text: string): Cidr | null {
  const t = text.trim();
  const slash = t.indexOf("/");
  if (slash === -1) return null;
  const ip = parseIp(t.slice(0, slash));
  if (!ip) return null;
  if (!/^\d{1,3}$/.test(t.slice(slash + 1))) return null;
  const prefix = Number(t.slice(slash + 1));
  if (prefix > (ip.kind() === "ipv4" ? 32 : 128)) return null;
  return { family: ip.kind() as Family, address: ip, prefix, text: t };
}

/** Whether `ip` lies inside `cidr` (same family). */
export function cidrContainsIp(cidr: Cidr, ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (ip.kind() !== cidr.address.kind()) return false;
  return ip.kind() === "ipv4"
    ? (ip as ipaddr.IPv4).match(cidr.address as ipaddr.IPv4, cidr.prefix)
    : (ip as ipaddr.IPv6).match(cidr.address as ipaddr.IPv6, cidr.prefix);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && cidrContainsIp(outer, inner.address);
}

/** Whether two ranges share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContainsCidr(a, b) || cidrContainsCidr(b, a);
}

/** Strips a prefix length from "172.18.0.2/16". */
export function addressPart(withPrefix: string): string {
  const slash = withPrefix.indexOf("/");
  return slash === -1 ? withPrefix : withPrefix.slice(0, slash);
}
