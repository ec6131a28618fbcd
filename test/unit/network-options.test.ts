import { describe, expect, it } from "vitest";
import { EXPLAINED_OPTIONS, explainOption, networkNotes, optionRows, parseGoBool } from "@/lib/insights/network-options";
import { buildTopology } from "@/lib/topology/build";
import type { Network } from "@/lib/topology/types";
import { loadFixture, snapshotOf } from "./helpers/fixtures";
import { network, networkNamed } from "./helpers/topology";

const swarm = buildTopology(snapshotOf(loadFixture("swarm")));

const net = (name: string): Network => networkNamed(swarm, name);

describe("parseGoBool", () => {
  it("reads booleans as Go's strconv.ParseBool does", () => {
    for (const t of ["1", "t", "T", "TRUE", "true", "True"]) expect(parseGoBool(t), t).toBe(true);
    for (const f of ["0", "f", "F", "FALSE", "false", "False"]) expect(parseGoBool(f), f).toBe(false);
    for (const x of ["", "yes", "tRuE", " true"]) expect(parseGoBool(x), x).toBeNull();
  });
});

describe("explainOption", () => {
  it("says containers cannot talk to each other when ICC is off", () => {
    const off = explainOption("com.docker.network.bridge.enable_icc", "false");
    expect(off).toMatch(/cannot talk to each other/);
    expect(explainOption("com.docker.network.bridge.enable_icc", "true")).toMatch(/can talk to each other/);
    expect(explainOption("com.docker.network.bridge.enable_icc", "0")).toBe(off);
  });

  it("says so when a boolean option holds something else", () => {
    expect(explainOption("com.docker.network.bridge.enable_icc", "maybe")).toMatch(/"maybe" is not a boolean/);
  });

  it("explains masquerading both ways", () => {
    expect(explainOption("com.docker.network.bridge.enable_ip_masquerade", "true")).toMatch(/host's address/);
    expect(explainOption("com.docker.network.bridge.enable_ip_masquerade", "false")).toMatch(/own address.*route back/);
  });

  it("names the host address published ports bind to by default", () => {
    expect(explainOption("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0")).toMatch(/every host interface/);
    expect(explainOption("com.docker.network.bridge.host_binding_ipv4", "127.0.0.1")).toMatch(/listen on 127\.0\.0\.1 only/);
  });

  it("names the bridge device and the MTU", () => {
    expect(explainOption("com.docker.network.bridge.name", "docker0")).toMatch(/Linux bridge device on the host is docker0/);
    expect(explainOption("com.docker.network.driver.mtu", "1450")).toMatch(/MTU of 1450 bytes/);
    expect(explainOption("com.docker.network.driver.mtu", "0")).toMatch(/default of 1500/);
  });

  it("explains the default bridge, the interface prefix and the IPv4/IPv6 switches", () => {
    expect(explainOption("com.docker.network.bridge.default_bridge", "true")).toMatch(/no name resolution/);
    expect(explainOption("com.docker.network.container_iface_prefix", "cnm")).toMatch(/cnm0, cnm1/);
    expect(explainOption("com.docker.network.enable_ipv6", "true")).toMatch(/IPv6 is enabled/);
    expect(explainOption("com.docker.network.enable_ipv4", "false")).toMatch(/IPv6 addresses only/);
  });

  it("explains each bridge gateway mode", () => {
    const key = "com.docker.network.bridge.gateway_mode_ipv4";
    expect(explainOption(key, "nat")).toMatch(/^IPv4: .*masqueraded/);
    expect(explainOption(key, "routed")).toMatch(/no NAT/);
    expect(explainOption(key, "nat-unprotected")).toMatch(/every port/);
    expect(explainOption(key, "isolated")).toMatch(/only each other/);
    expect(explainOption("com.docker.network.bridge.gateway_mode_ipv6", "routed")).toMatch(/^IPv6: /);
  });

  it("explains overlay options: the VXLAN IDs and encryption (present means on)", () => {
    expect(explainOption("com.docker.network.driver.overlay.vxlanid_list", "4097")).toMatch(/VXLAN.*identifier 4097\.$/);
    expect(explainOption("com.docker.network.driver.overlay.vxlanid_list", "4097,4098")).toMatch(/identifiers 4097, 4098, one per subnet/);
    expect(explainOption("encrypted", "")).toMatch(/IPsec/);
  });

  it("explains macvlan and ipvlan options, and VLAN parents", () => {
    expect(explainOption("parent", "eth0")).toMatch(/host interface eth0/);
    expect(explainOption("parent", "eth0.10")).toMatch(/VLAN 10 on eth0/);
    expect(explainOption("macvlan_mode", "bridge")).toMatch(/the default/);
    expect(explainOption("macvlan_mode", "private")).toMatch(/cannot talk to each other/);
    expect(explainOption("ipvlan_mode", "l2")).toMatch(/MAC address/);
    expect(explainOption("ipvlan_mode", "l3")).toMatch(/routes/);
    expect(explainOption("ipvlan_flag", "private")).toMatch(/cannot talk/);
  });

  it("returns null for options it does not know", () => {
    expect(explainOption("com.example.whatever", "1")).toBeNull();
    expect(explainOption("toString", "x")).toBeNull();
  });

  it("covers every option of the captured engine's networks", () => {
    const keys = new Set(swarm.networks.flatMap((n) => Object.keys(n.options)));
    for (const k of keys) expect(EXPLAINED_OPTIONS, k).toContain(k);
  });
});

describe("optionRows", () => {
  it("sorts the options by key and explains each", () => {
    const rows = optionRows(net("fx-noicc").options);
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ["com.docker.network.bridge.enable_icc", "false"],
      ["com.docker.network.bridge.name", "cnmapnoicc0"],
    ]);
    expect(rows.every((r) => r.explanation !== null)).toBe(true);
    expect(optionRows({ "x.unknown": "1" })).toEqual([{ key: "x.unknown", value: "1", explanation: null }]);
  });
});

describe("networkNotes", () => {
  it("states the default bridge's lack of name resolution", () => {
    expect(networkNotes(net("bridge")).map((n) => n.flag)).toEqual(["default bridge"]);
  });

  it("states host and none", () => {
    expect(networkNotes(net("host")).map((n) => n.flag)).toEqual(["host"]);
    expect(networkNotes(net("none")).map((n) => n.flag)).toEqual(["none"]);
  });

  it("states the ingress network and attachable overlays", () => {
    expect(networkNotes(net("ingress")).map((n) => n.flag)).toContain("ingress");
    const overlay = net("fx-overlay");
    expect(networkNotes(overlay).map((n) => n.flag)).toEqual(overlay.attachable ? ["attachable"] : []);
  });

  it("states internal, IPv6 and config-only/config-from in that order", () => {
    const n = network("x", { internal: true, ipv6: true, configOnly: true, configFrom: "" });
    expect(networkNotes(n).map((x) => x.flag)).toEqual(["internal", "IPv6", "config-only"]);
    expect(networkNotes(network("y", { configFrom: "tmpl" }))[0]?.text).toMatch(/config-only network tmpl/);
    expect(networkNotes(network("plain"))).toEqual([]);
  });
});
