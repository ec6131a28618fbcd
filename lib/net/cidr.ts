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

/** One decimal number 0-255 without leading zeros. */
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/**
 * An IPv4 address as every reader takes it the same way: four decimal
 * numbers 0-255, no leading zeros. Not "10.1", "167772161", "0xa.0xe7.0.3"
 * or "010.0.0.1": inet_aton (busybox's tools, the C library) reads those as
 * addresses in short, hex or octal forms, Go's net.ParseIP (the engine)
 * refuses them, and ipaddr.js reads some differently again.
 */
export function isDottedQuad(text: string): boolean {
  return DOTTED_QUAD.test(text);
}

/**
 * An IPv6 address in hex groups, an embedded IPv4 part (`::ffff:10.0.0.1`)
 * only as a dotted quad, and no zone (`%eth0`): the engine refuses zones,
 * and ipaddr.js would read a hex or octal IPv4 part.
 */
function isPlainIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(":")) return false;
  if (text.includes(".") && !isDottedQuad(text.slice(text.lastIndexOf(":") + 1))) return false;
  return ipaddr.IPv6.isValid(text);
}

/**
 * An IP address written exactly (no spaces around it): a dotted quad
 * (isDottedQuad) or a plain IPv6 address (no zone). Anything another parser
 * could read as a different address is refused, so what is checked here is
 * what the engine and the tools get.
 */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (isDottedQuad(text)) return ipaddr.IPv4.parse(text);
  if (isPlainIpv6(text)) return ipaddr.IPv6.parse(text);
  return null;
}

export function familyOf(text: string): Family | null {
  const ip = parseIp(text);
  return ip ? (ip.kind() as Family) : null;
}

/** An address (as parseIp takes it), "/", and a prefix length without leading zeros. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf("/");
  if (slash === -1) return null;
  const ip = parseIp(text.slice(0, slash));
  if (!ip) return null;
  if (!/^(0|[1-9]\d{0,2})$/.test(text.slice(slash + 1))) return null;
  const prefix = Number(text.slice(slash + 1));
  if (prefix > (ip.kind() === "ipv4" ? 32 : 128)) return null;
  return { family: ip.kind() as Family, address: ip, prefix, text };
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

/** Whether the range is given by its network address (no host bits set), as Docker's pools are. */
export function hasNoHostBits(c: Cidr): boolean {
  const bytes = c.address.toByteArray();
  for (let bit = c.prefix; bit < bytes.length * 8; bit++) {
    if (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) return false;
  }
  return true;
}

const LINK_LOCAL = [parseCidr("169.254.0.0/16"), parseCidr("fe80::/10")].filter((c): c is Cidr => c !== null);

export function isLinkLocal(text: string): boolean {
  const ip = parseIp(text);
  return ip !== null && LINK_LOCAL.some((c) => cidrContainsIp(c, ip));
}

/** For IPv4: the range's network and broadcast addresses, which no endpoint may take. */
export function reservedIpv4(c: Cidr): { network: string; broadcast: string } | null {
  if (c.family !== "ipv4" || c.prefix >= 31) return null;
  const bytes = c.address.toByteArray();
  const value = ((bytes[0] ?? 0) << 24 >>> 0) + ((bytes[1] ?? 0) << 16) + ((bytes[2] ?? 0) << 8) + (bytes[3] ?? 0);
  const size = 2 ** (32 - c.prefix);
  const network = value - (value % size);
  const broadcast = network + size - 1;
  const dotted = (v: number): string => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
  return { network: dotted(network), broadcast: dotted(broadcast) };
}

/** An address as an unsigned integer (32 bits for IPv4, 128 for IPv6). */
export function ipValue(ip: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let v = BigInt(0);
  for (const byte of ip.toByteArray()) v = (v << BigInt(8)) | BigInt(byte);
  return v;
}

/** The address of an unsigned integer, in its usual text (IPv6 compressed). */
export function ipText(value: bigint, family: Family): string {
  const length = family === "ipv4" ? 4 : 16;
  const bytes: number[] = [];
  let v = value;
  for (let i = 0; i < length; i++) {
    bytes.unshift(Number(v & BigInt(255)));
    v >>= BigInt(8);
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** The first (network) and last address of a range, as integers. */
export function cidrBounds(c: Cidr): { first: bigint; last: bigint } {
  const bits = BigInt(c.family === "ipv4" ? 32 : 128);
  const hostBits = bits - BigInt(c.prefix);
  const size = BigInt(1) << hostBits;
  const first = (ipValue(c.address) >> hostBits) << hostBits;
  return { first, last: first + size - BigInt(1) };
}

/** A host address as it is written before `:port`: IPv6 in brackets, "*" when the engine gave none. */
export function hostAddress(ip: string): string {
  if (ip === "") return "*";
  return ip.includes(":") ? `[${ip}]` : ip;
}

/** A host address a published port binds to every interface with: none given, 0.0.0.0 or ::. */
export function isAllInterfaces(hostIp: string): boolean {
  return hostIp === "" || hostIp === "0.0.0.0" || hostIp === "::";
}

/** A loopback host address (127.0.0.0/8 or ::1): reachable from the host itself only. */
export function isLoopbackHost(hostIp: string): boolean {
  return hostIp.startsWith("127.") || hostIp === "::1";
}
