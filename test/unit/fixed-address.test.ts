import { describe, expect, it } from "vitest";
import { cidrBounds, ipText, parseCidr } from "@/lib/net/cidr";
import { fixedAddressRefusal, implicitGateway, type FixedAddressContext } from "@/lib/networks/fixed-address";
import type { IpamConfig } from "@/lib/topology/types";
import { must } from "./helpers/fixtures";
import { network } from "./helpers/topology";

/** A context on Docker 20.10 (API 1.41), nobody on the network. */
function ctx(ipam: IpamConfig[], patch: Partial<FixedAddressContext> & { ipv6?: boolean; ipamDriver?: string } = {}): FixedAddressContext {
  const { ipv6 = ipam.some((c) => c.subnet.includes(":")), ipamDriver = "default", ...rest } = patch;
  return { network: network("app", { ipam, ipv6, ipamDriver }), reportedGateways: [], holders: [], apiVersion: "1.41", ...rest };
}

const refusal = (c: FixedAddressContext, address: string): string | null => {
  const r = fixedAddressRefusal(c, address, address.includes(":") ? "ipv6" : "ipv4");
  return r ? `${r.code}: ${r.message}` : null;
};

describe("address arithmetic", () => {
  it("gives a range's first and last address, in both families", () => {
    const v4 = cidrBounds(must(parseCidr("10.1.2.77/24"), "v4"));
    expect([ipText(v4.first, "ipv4"), ipText(v4.last, "ipv4")]).toEqual(["10.1.2.0", "10.1.2.255"]);
    const v6 = cidrBounds(must(parseCidr("fd00:dead:beef:1::/64"), "v6"));
    expect([ipText(v6.first, "ipv6"), ipText(v6.last, "ipv6")]).toEqual(["fd00:dead:beef:1::", "fd00:dead:beef:1:ffff:ffff:ffff:ffff"]);
    const host = cidrBounds(must(parseCidr("10.0.0.5/32"), "host"));
    expect(host.first).toBe(host.last);
  });
});

describe("the gateway Docker picks when the network was created without one", () => {
  // Each case as Docker 20.10.24 placed it (docker run, then docker inspect ...Networks.X.Gateway).
  it.each([
    [{ subnet: "10.231.5.0/24" }, "10.231.5.1"],
    [{ subnet: "10.231.6.0/24", ipRange: "10.231.6.128/25" }, "10.231.6.128"],
    [{ subnet: "10.231.12.0/24", ipRange: "10.231.12.64/26" }, "10.231.12.64"],
    [{ subnet: "10.231.11.0/24", ipRange: "10.231.11.0/25" }, "10.231.11.1"],
    [{ subnet: "10.231.7.0/24", auxAddresses: { a: "10.231.7.2", b: "10.231.7.3" } }, "10.231.7.1"],
    [{ subnet: "10.231.13.0/24", ipRange: "10.231.13.200/29", auxAddresses: { x: "10.231.13.201" } }, "10.231.13.200"],
    [{ subnet: "fd00:dead:beef:1::/64" }, "fd00:dead:beef:1::1"],
    [{ subnet: "fd00:dead:beef:3::/80" }, "fd00:dead:beef:3::1"],
    [{ subnet: "fd00:dead:beef:2::/64", ipRange: "fd00:dead:beef:2:0:1::/96" }, "fd00:dead:beef:2:0:1::"],
    [{ subnet: "fd00:dead:be00::/56" }, "fd00:dead:be00::1"],
  ] as [IpamConfig, string][])("%o gets %s", (config, gateway) => {
    expect(implicitGateway(config)).toBe(gateway);
  });
  it("has none to give on a range that holds no free address", () => {
    expect(implicitGateway({ subnet: "10.0.0.0/31" })).toBeNull();
    expect(implicitGateway({ subnet: "10.0.0.0/24", ipRange: "10.0.0.255/32" })).toBeNull();
    expect(implicitGateway({ subnet: "not a subnet" })).toBeNull();
  });
  it("ignores an ip-range of the other family or outside the subnet, as the subnet's own first address is then used", () => {
    expect(implicitGateway({ subnet: "10.0.0.0/24", ipRange: "10.9.0.0/25" })).toBe("10.0.0.1");
  });
});

describe("fixed addresses the engine refuses", () => {
  it("refuses the implicit gateway of a subnet-only network, which network inspect does not show", () => {
    expect(refusal(ctx([{ subnet: "10.231.5.0/24" }]), "10.231.5.1")).toMatch(/^conflict: 10\.231\.5\.1 is app's gateway: .*first address of its subnet 10\.231\.5\.0\/24/);
    expect(refusal(ctx([{ subnet: "10.231.5.0/24" }]), "10.231.5.2")).toBeNull();
  });
  it("puts the implicit gateway at the start of the ip-range, and accepts the rest of the subnet outside the range", () => {
    const c = ctx([{ subnet: "10.231.6.0/24", ipRange: "10.231.6.128/25" }]);
    expect(refusal(c, "10.231.6.128")).toMatch(/^conflict: .*gateway: .*ip-range 10\.231\.6\.128\/25/);
    // The engine takes these (docker run --ip and network connect --ip both do, and the container restarts).
    expect(refusal(c, "10.231.6.1")).toBeNull();
    expect(refusal(c, "10.231.6.10")).toBeNull();
  });
  it("refuses an explicit gateway and does not invent another", () => {
    const c = ctx([{ subnet: "10.1.0.0/24", gateway: "10.1.0.254" }]);
    expect(refusal(c, "10.1.0.254")).toBe("conflict: 10.1.0.254 is app's gateway.");
    expect(refusal(c, "10.1.0.1")).toBeNull();
  });
  it("believes the gateway the endpoints report over its own guess", () => {
    const c = ctx([{ subnet: "10.1.0.0/24" }], { reportedGateways: ["10.1.0.77", "fd00::1"] });
    expect(refusal(c, "10.1.0.77")).toMatch(/^conflict: .*gateway \(its endpoints report it as such\)/);
    expect(refusal(c, "10.1.0.1")).toBeNull();
  });
  it("reads a reported gateway for another IPAM driver too, and guesses none for it", () => {
    const plugin = ctx([{ subnet: "10.1.0.0/24" }], { ipamDriver: "acme/ipam" });
    expect(refusal(plugin, "10.1.0.1")).toBeNull();
    expect(refusal({ ...plugin, reportedGateways: ["10.1.0.9"] }, "10.1.0.9")).toMatch(/gateway/);
    // An IPv4 subnet's network and broadcast addresses are off limits whoever allocates.
    expect(refusal(plugin, "10.1.0.0")).toMatch(/^invalid_input: .*network address/);
    expect(refusal(plugin, "10.1.0.255")).toMatch(/^invalid_input: .*broadcast address/);
  });
  it("refuses auxiliary addresses, inside the ip-range or not", () => {
    const c = ctx([{ subnet: "10.2.0.0/24", ipRange: "10.2.0.128/25", auxAddresses: { router: "10.2.0.5", nas: "10.2.0.130" } }]);
    expect(refusal(c, "10.2.0.5")).toBe("conflict: 10.2.0.5 is reserved on app as an auxiliary address (router).");
    expect(refusal(c, "10.2.0.130")).toMatch(/auxiliary address \(nas\)/);
  });
  it("refuses the network address in IPv6 as well, but IPv6 has no broadcast address", () => {
    const c = ctx([{ subnet: "10.3.0.0/24" }, { subnet: "fd00:1::/80" }]);
    expect(refusal(c, "fd00:1::")).toMatch(/^invalid_input: fd00:1:: is the network address of fd00:1::\/80/);
    expect(refusal(c, "fd00:1::1")).toMatch(/^conflict: .*gateway/);
    expect(refusal(c, "fd00:1::ffff:ffff:ffff")).toBeNull();
    expect(refusal(c, "10.3.0.255")).toMatch(/broadcast/);
  });
  it("refuses what the allocator before Docker 28 cannot hand out on a /64 or larger IPv6 subnet", () => {
    const c64 = ctx([{ subnet: "fd00:dead:beef:1::/64" }]);
    expect(refusal(c64, "fd00:dead:beef:1:ffff:ffff:ffff:ffff")).toMatch(/^invalid_input: .*last address of a \/64/);
    expect(refusal(c64, "fd00:dead:beef:1:ffff:ffff:ffff:fffe")).toBeNull();
    const c56 = ctx([{ subnet: "fd00:dead:be00::/56" }]);
    expect(refusal(c56, "fd00:dead:be00:1::5")).toMatch(/^invalid_input: .*outside the first \/64 .*would give fd00:dead:be00::5 instead/);
    expect(refusal(c56, "fd00:dead:be00:3::")).toMatch(/would give fd00:dead:be00:: instead/);
    expect(refusal(c56, "fd00:dead:be00::5")).toBeNull();
    // Docker 28.0 (API 1.48) counts them all.
    expect(refusal({ ...c56, apiVersion: "1.48" }, "fd00:dead:be00:1::5")).toBeNull();
    expect(refusal({ ...c64, apiVersion: "1.48" }, "fd00:dead:beef:1:ffff:ffff:ffff:ffff")).toBeNull();
  });
  it("refuses addresses held by endpoints and fixed addresses kept for stopped containers", () => {
    const c = ctx([{ subnet: "10.4.0.0/24" }], {
      holders: [
        { address: "10.4.0.2/24", name: "web", kind: "endpoint" },
        { address: "10.4.0.50", name: "db", kind: "fixed", state: "exited" },
      ],
    });
    expect(refusal(c, "10.4.0.2")).toBe("conflict: 10.4.0.2 is already in use on app by web.");
    expect(refusal(c, "10.4.0.50")).toBe("conflict: 10.4.0.50 is reserved on app by db (its fixed address, kept while it is exited).");
    expect(refusal(c, "10.4.0.51")).toBeNull();
  });
  it("keeps the earlier answers: family, IPv6 switched off, no subnet, outside the subnets", () => {
    expect(fixedAddressRefusal(ctx([{ subnet: "10.5.0.0/24" }]), "fd00::5", "ipv4")?.message).toBe("fd00::5 is not an IPv4 address.");
    expect(refusal(ctx([{ subnet: "10.5.0.0/24" }, { subnet: "fd00:5::/64" }], { ipv6: false }), "fd00:5::5")).toBe("conflict: app does not have IPv6 enabled.");
    expect(refusal(ctx([{ subnet: "10.5.0.0/24" }], { ipv6: true }), "fd00:5::5")).toMatch(/has no IPv6 subnet/);
    expect(refusal(ctx([{ subnet: "10.5.0.0/24" }]), "10.6.0.5")).toBe("invalid_input: 10.6.0.5 is outside app's subnets (10.5.0.0/24).");
  });
});
