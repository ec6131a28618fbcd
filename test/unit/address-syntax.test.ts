/**
 * Addresses are accepted only as written the one way every reader agrees on:
 * ipaddr.js, Go's net.ParseIP in the engine, and inet_aton in the tools read
 * the other forms differently (or refuse them).
 */
import { describe, expect, it } from "vitest";
import { connectSchema, createNetworkSchema } from "@/lib/api/schemas";
import { isDottedQuad, isLinkLocal, parseCidr, parseIp } from "@/lib/net/cidr";
import { buildCreateBody, emptyNetworkForm } from "@/lib/networks/form";

const NOT_CANONICAL_V4 = [
  "0xa.0xe7.0.3", // hex: inet_aton reads 10.231.0.3
  "010.0.0.1", // octal: inet_aton reads 8.0.0.1, ipaddr.js too
  "10.0.0.01",
  "00.0.0.0",
  "10.1", // short: 10.0.0.1
  "10.1.2",
  "167772161", // one number: 10.0.0.1
  "0x0a000001",
  "1.2.3.4.",
  " 1.2.3.4",
  "1.2.3.4 ",
  "1.2.3.4\n",
  "256.1.1.1",
  "1.2.3",
  "",
];

describe("parseIp", () => {
  it.each(["0.0.0.0", "1.2.3.4", "10.231.0.3", "172.20.0.10", "255.255.255.255", "100.64.0.0"])("takes the dotted quad %s", (s) => {
    expect(isDottedQuad(s)).toBe(true);
    expect(parseIp(s)?.toString()).toBe(s);
  });

  it.each(NOT_CANONICAL_V4)("refuses %j", (s) => {
    expect(isDottedQuad(s)).toBe(false);
    expect(parseIp(s)).toBeNull();
  });

  it.each(["::1", "::", "fd00::2", "FD00:CAFE::1", "fe80::1", "2001:db8:0:0:0:0:0:1", "0001:db8::1", "::ffff:10.231.0.3", "64:ff9b::192.0.2.1"])(
    "takes the IPv6 address %s",
    (s) => {
      expect(parseIp(s)?.kind()).toBe("ipv6");
    },
  );

  it.each([
    "fe80::1%eth0", // a zone: the engine refuses it
    "fe80::1%25eth0",
    "::ffff:0xa.0xe7.0.3", // a hex IPv4 part: ipaddr.js reads ::ffff:10.231.0.3
    "::ffff:010.0.0.1", // ipaddr.js reads 10.0.0.1 here, inet_aton 8.0.0.1
    "::ffff:10.1",
    "::ffff:1.2.3.4.5",
    "[::1]",
    " ::1",
    "1::2::3",
    "00001::1",
    "1:2:3:4:5:6:7:8:9",
    "1.2.3.4::",
  ])("refuses %j", (s) => {
    expect(parseIp(s)).toBeNull();
  });
});

describe("parseCidr", () => {
  it("takes an address as parseIp does, and a prefix length without leading zeros", () => {
    expect(parseCidr("10.0.0.0/8")).toMatchObject({ family: "ipv4", prefix: 8, text: "10.0.0.0/8" });
    expect(parseCidr("0.0.0.0/0")?.prefix).toBe(0);
    expect(parseCidr("fd00::/64")).toMatchObject({ family: "ipv6", prefix: 64 });
    expect(parseCidr("::ffff:10.0.0.0/104")?.family).toBe("ipv6");
  });

  it.each(["010.0.0.0/8", "0xa.0.0.0/8", "10.1/16", "167772160/8", "10.0.0.0/08", "10.0.0.0/008", "fd00::/064", "fe80::%eth0/64", "::ffff:0xa.0.0.0/104", " 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0.0/ 8", "10.0.0.0/"])(
    "refuses %j",
    (s) => {
      expect(parseCidr(s)).toBeNull();
    },
  );
});

describe("isLinkLocal", () => {
  it("judges only addresses parseIp takes", () => {
    expect(isLinkLocal("169.254.1.2")).toBe(true);
    expect(isLinkLocal("fe80::2")).toBe(true);
    expect(isLinkLocal("fe80::2%eth0")).toBe(false);
    expect(isLinkLocal("169.254.258")).toBe(false); // inet_aton: 169.254.1.2
    expect(isLinkLocal("0xa9.0xfe.1.2")).toBe(false);
    expect(isLinkLocal("0251.0376.1.2")).toBe(false);
  });
});

describe("request schemas refuse the other forms", () => {
  const subnet = "10.231.0.0/16";
  const ipam = (extra: Record<string, unknown>) => createNetworkSchema.safeParse({ name: "n", ipam: [{ subnet, ...extra }] });

  it("IPAM: subnet, gateway, IP range, auxiliary addresses", () => {
    expect(ipam({ gateway: "10.231.0.1", ipRange: "10.231.1.0/24", auxAddresses: { r: "10.231.0.2" } }).success).toBe(true);
    expect(createNetworkSchema.safeParse({ name: "n", ipam: [{ subnet: "012.231.0.0/16" }] }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: "n", ipam: [{ subnet: "10.231/16" }] }).success).toBe(false);
    expect(ipam({ gateway: "0xa.0xe7.0.1" }).success).toBe(false);
    expect(ipam({ gateway: "10.231.1" }).success).toBe(false);
    expect(ipam({ gateway: " 10.231.0.1" }).success).toBe(false);
    expect(ipam({ ipRange: "10.231.01.0/24" }).success).toBe(false);
    expect(ipam({ auxAddresses: { r: "167963650" } }).success).toBe(false);
    expect(ipam({ auxAddresses: { r: "::ffff:0xa.0xe7.0.2" } }).success).toBe(false);
    const r = ipam({ gateway: "0xa.0xe7.0.1" });
    expect(r.success ? "" : r.error.issues[0]?.message).toMatch(/not an IP address: IPv4 as four decimal numbers 0-255 without leading zeros/);
  });

  it("connect: fixed addresses and link-local addresses", () => {
    const ok = (extra: Record<string, unknown>) => connectSchema.safeParse({ container: "c", ...extra }).success;
    expect(ok({ ipv4: "10.231.0.9", ipv6: "fd00::9", linkLocalIps: ["169.254.1.2", "fe80::9"] })).toBe(true);
    expect(ok({ ipv4: "10.231.9" })).toBe(false);
    expect(ok({ ipv4: "0xa.0xe7.0.9" })).toBe(false);
    expect(ok({ ipv4: "010.231.0.9" })).toBe(false);
    expect(ok({ ipv6: "fe80::9%eth0" })).toBe(false);
    expect(ok({ ipv6: "::ffff:0xa.0.0.9" })).toBe(false);
    expect(ok({ linkLocalIps: ["169.254.258"] })).toBe(false);
    expect(ok({ linkLocalIps: ["fe80::9%eth0"] })).toBe(false);
  });

  it("the bridge's host binding address is an IPv4 address", () => {
    const opts = (v: string) => createNetworkSchema.safeParse({ name: "n", options: { "com.docker.network.bridge.host_binding_ipv4": v } });
    expect(opts("127.0.0.1").success).toBe(true);
    expect(opts("0.0.0.0").success).toBe(true);
    for (const bad of ["127.1", "0x7f.0.0.1", "0177.0.0.1", "localhost", "::1", ""]) expect(opts(bad).success, bad).toBe(false);
  });

  it("the network form shows a bad host binding address on its own field", () => {
    const r = buildCreateBody({ ...emptyNetworkForm(), name: "n", hostBindingIpv4: "127.1" });
    expect(r.valid).toBe(false);
    expect(r.errors.hostBindingIpv4).toMatch(/127\.1 is not an IPv4 address/);
    const listed = buildCreateBody({ ...emptyNetworkForm(), name: "n", options: "com.docker.network.bridge.host_binding_ipv4=0x7f.0.0.1" });
    expect(listed.errors.options).toMatch(/not an IPv4 address/);
  });
});
