import { describe, expect, it } from "vitest";
import { createNetworkCommand } from "@/lib/commands/docker-cli";
import { attachedContainers } from "@/lib/networks/attached";
import { buildCreateBody, emptyNetworkForm, parseKeyValues, type NetworkFormState } from "@/lib/networks/form";
import { findOverlaps } from "@/lib/networks/overlap";
import { buildPruneBody, splitLabelFilters } from "@/lib/networks/prune";
import type { Network, Topology } from "@/lib/topology/types";
import { network } from "./helpers/topology";

function net(name: string, subnets: string[], extra: Partial<Network> = {}): Network {
  return network(name, { id: `${name}-id`, ipam: subnets.map((subnet) => ({ subnet })), ...extra });
}

function form(patch: Partial<NetworkFormState>): NetworkFormState {
  return { ...emptyNetworkForm(), ...patch };
}

describe("buildCreateBody", () => {
  it("turns a full form into the body and the command", () => {
    const r = buildCreateBody(
      form({
        name: "front",
        ipv6: true,
        internal: true,
        attachable: true,
        ipam: [
          { subnet: "10.200.1.0/24", gateway: "10.200.1.1", ipRange: "10.200.1.128/25", auxAddresses: "router=10.200.1.2, printer=10.200.1.3" },
          { subnet: "10.200.2.0/24", gateway: "", ipRange: "", auxAddresses: "" },
          { subnet: "fd00:1::/64", gateway: "fd00:1::1", ipRange: "", auxAddresses: "" },
          { subnet: "", gateway: "", ipRange: "", auxAddresses: "" },
        ],
        labels: "cnmap.test=unit\nteam=net",
        options: "foo=bar",
        bridgeName: "br-front",
        icc: "false",
        masquerade: "true",
        hostBindingIpv4: "127.0.0.1",
        mtu: "1400",
        ipamOptions: "a=b",
        scope: "local",
      }),
    );
    expect(r.errors).toEqual({});
    expect(r.valid).toBe(true);
    expect(r.body).toEqual({
      name: "front",
      driver: "bridge",
      scope: "local",
      ipv6: true,
      internal: true,
      attachable: true,
      ipam: [
        { subnet: "10.200.1.0/24", gateway: "10.200.1.1", ipRange: "10.200.1.128/25", auxAddresses: { router: "10.200.1.2", printer: "10.200.1.3" } },
        { subnet: "10.200.2.0/24" },
        { subnet: "fd00:1::/64", gateway: "fd00:1::1" },
      ],
      ipamOptions: { a: "b" },
      options: {
        foo: "bar",
        "com.docker.network.bridge.name": "br-front",
        "com.docker.network.bridge.enable_icc": "false",
        "com.docker.network.bridge.enable_ip_masquerade": "true",
        "com.docker.network.bridge.host_binding_ipv4": "127.0.0.1",
        "com.docker.network.driver.mtu": "1400",
      },
      labels: { "cnmap.test": "unit", team: "net" },
    });
    expect(createNetworkCommand(r.body)).toContain("--subnet 10.200.1.0/24 --gateway 10.200.1.1 --ip-range 10.200.1.128/25");
  });

  it("leaves out what is not set", () => {
    const r = buildCreateBody(form({ name: "plain" }));
    expect(r.body).toEqual({ name: "plain", driver: "bridge" });
    expect(r.valid).toBe(true);
  });

  it("puts macvlan helpers in options, and ignores bridge helpers for it", () => {
    const r = buildCreateBody(form({ name: "lan", driver: "macvlan", parent: "eth0", mode: "bridge", bridgeName: "ignored" }));
    expect(r.body.options).toEqual({ parent: "eth0", macvlan_mode: "bridge" });
    const v = buildCreateBody(form({ name: "lan", driver: "ipvlan", parent: "eth0", mode: "l3" }));
    expect(v.body.options).toEqual({ parent: "eth0", ipvlan_mode: "l3" });
  });

  it("marks the field of each schema error", () => {
    const r = buildCreateBody(
      form({
        name: "-bad",
        ipam: [
          { subnet: "", gateway: "", ipRange: "", auxAddresses: "" },
          { subnet: "10.1.0.0/24", gateway: "10.2.0.1", ipRange: "10.1.1.0/25", auxAddresses: "x=10.9.0.1" },
          { subnet: "10.1.0.0/16", gateway: "", ipRange: "", auxAddresses: "" },
          { subnet: "10.3.0.0/33", gateway: "", ipRange: "", auxAddresses: "" },
          { subnet: "fd00::/64", gateway: "", ipRange: "", auxAddresses: "" },
        ],
      }),
    );
    expect(r.valid).toBe(false);
    expect(r.errors.name).toMatch(/starting with a letter or digit/);
    expect(r.errors["ipam.1.gateway"]).toBe("gateway 10.2.0.1 is outside 10.1.0.0/24");
    expect(r.errors["ipam.1.ipRange"]).toMatch(/not inside/);
    expect(r.errors["ipam.1.auxAddresses"]).toMatch(/outside/);
    expect(r.errors["ipam.2.subnet"]).toMatch(/overlaps 10.1.0.0\/24/);
    expect(r.errors["ipam.3.subnet"]).toMatch(/not a CIDR/);
    expect(r.errors["ipam.4.subnet"]).toMatch(/IPv6 enabled/);
    expect(r.errors["ipam.0.subnet"]).toBeUndefined();
  });

  it("needs a subnet for a gateway, and says so on the subnet", () => {
    const r = buildCreateBody(form({ name: "n", ipam: [{ subnet: "", gateway: "10.0.0.1", ipRange: "", auxAddresses: "" }] }));
    expect(r.errors["ipam.0.subnet"]).toMatch(/subnet is required/);
  });

  it("refuses a subnet overlapping an existing network, but only warns for macvlan", () => {
    const existing = [net("demo", ["172.30.0.0/16"]), net("cfg", ["10.50.0.0/24"], { configOnly: true })];
    const row = { subnet: "172.30.5.0/24", gateway: "", ipRange: "", auxAddresses: "" };
    const r = buildCreateBody(form({ name: "n", ipam: [row] }), existing);
    expect(r.errors["ipam.0.subnet"]).toBe('172.30.5.0/24 overlaps 172.30.0.0/16 of network "demo"');
    const m = buildCreateBody(form({ name: "n", driver: "macvlan", ipam: [row] }), existing);
    expect(m.valid).toBe(true);
    expect(m.warnings["ipam.0.subnet"]).toMatch(/overlaps/);
    const c = buildCreateBody(form({ name: "n", ipam: [{ ...row, subnet: "10.50.0.0/25" }] }), existing);
    expect(c.valid).toBe(true);
  });

  it("checks the text fields' own syntax", () => {
    const r = buildCreateBody(form({ name: "n", labels: "novalue", options: "a=1\na=2", mtu: "12", bridgeName: "a-very-long-bridge-name" }));
    expect(r.errors.labels).toMatch(/not key=value/);
    expect(r.errors.options).toMatch(/twice/);
    expect(r.errors.mtu).toMatch(/68 to 65535/);
    expect(r.errors.bridgeName).toMatch(/15 characters/);
  });

  it("flags a helper that contradicts the options list", () => {
    const r = buildCreateBody(form({ name: "n", options: "com.docker.network.driver.mtu=1500", mtu: "1400" }));
    expect(r.errors.mtu).toMatch(/also set/);
  });

  it("IPv4 off, config-from and ingress rules come from the schema", () => {
    expect(buildCreateBody(form({ name: "n", ipv4: false })).errors.ipv4).toMatch(/IPv4 or IPv6/);
    expect(buildCreateBody(form({ name: "n", ipv4: false, ipv6: true })).body.ipv4).toBe(false);
    expect(buildCreateBody(form({ name: "n", configFrom: "cfg", internal: true })).errors.configFrom).toMatch(/comes from that network/);
    expect(buildCreateBody(form({ name: "n", ingress: true })).errors.ingress).toMatch(/overlay/);
    expect(buildCreateBody(form({ name: "n", driver: "overlay", ingress: true })).valid).toBe(true);
  });
});

describe("parseKeyValues", () => {
  it("reads lines, or commas when asked", () => {
    expect(parseKeyValues("a=1\n\n b = 2 \nc=")).toEqual({ map: { a: "1", b: "2", c: "" } });
    expect(parseKeyValues("a=1, b=2", true)).toEqual({ map: { a: "1", b: "2" } });
    expect(parseKeyValues("=x").error).toMatch(/not key=value/);
  });
});

describe("findOverlaps", () => {
  it("finds every overlapping subnet, across families only where they match", () => {
    const nets = [net("a", ["10.0.0.0/8", "fd00::/48"]), net("b", ["192.168.1.0/24"])];
    expect(findOverlaps("10.1.2.0/24", nets)).toEqual([{ network: "a", subnet: "10.0.0.0/8" }]);
    expect(findOverlaps("192.168.0.0/16", nets)).toEqual([{ network: "b", subnet: "192.168.1.0/24" }]);
    expect(findOverlaps("fd00:0:0:1::/64", nets)).toEqual([{ network: "a", subnet: "fd00::/48" }]);
    expect(findOverlaps("172.16.0.0/12", nets)).toEqual([]);
    expect(findOverlaps("not a cidr", nets)).toEqual([]);
  });
});

describe("attachedContainers", () => {
  it("lists containers on the network, running ones first", () => {
    const t: Pick<Topology, "sandboxes" | "endpoints"> = {
      sandboxes: [
        { id: "c1", networkMode: "n", ports: [], containers: [{ id: "c1", name: "web", image: "i", state: "running", status: "", labels: {} }] },
        { id: "c2", networkMode: "n", ports: [], containers: [{ id: "c2", name: "old", image: "i", state: "exited", status: "", labels: {} }] },
      ],
      endpoints: [
        { id: "", networkId: "n1", sandboxId: "c2", containerId: "c2", ipv4: "", ipv6: "", mac: "", aliases: [], active: false },
        { id: "e1", networkId: "n1", sandboxId: "c1", containerId: "c1", ipv4: "", ipv6: "", mac: "", aliases: [], active: true },
        { id: "e2", networkId: "n2", sandboxId: "c1", containerId: "c1", ipv4: "", ipv6: "", mac: "", aliases: [], active: true },
      ],
    };
    expect(attachedContainers(t, "n1")).toEqual([
      { name: "web", state: "running", active: true },
      { name: "old", state: "exited", active: false },
    ]);
    expect(attachedContainers(t, "n3")).toEqual([]);
  });
});

describe("buildPruneBody", () => {
  it("splits label filters and checks them with the schema", () => {
    expect(splitLabelFilters(" a=1, b\n!c ")).toEqual(["a=1", "b", "!c"]);
    expect(buildPruneBody({ labels: "cnmap.test=ui2", until: "24h" }, true)).toEqual({
      body: { dryRun: true, labels: ["cnmap.test=ui2"], until: "24h" },
      errors: {},
    });
    expect(buildPruneBody({ labels: "", until: "" }, false).body).toEqual({ dryRun: false });
    const bad = buildPruneBody({ labels: "ok !=b", until: "yesterday" }, true);
    expect(bad.errors.labels).toMatch(/^"!=b": a label filter/);
    expect(bad.errors.until).toMatch(/a duration/);
  });
});
