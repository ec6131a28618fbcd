import { describe, expect, it } from "vitest";
import { buildTopology, toNetwork } from "@/lib/topology/build";
import { bridgeDevice, hasContainerDns, isDefaultBridge, networkFlags } from "@/lib/topology/describe";
import type { Network } from "@/lib/topology/types";
import { loadFixture, snapshotOf } from "./helpers/fixtures";
import { networkNamed } from "./helpers/topology";

const swarm = buildTopology(snapshotOf(loadFixture("swarm")));
const local = buildTopology(snapshotOf(loadFixture("local")));

const net = (name: string): Network => networkNamed(swarm, name);

describe("isDefaultBridge", () => {
  it("is true for Docker's bridge network only", () => {
    expect(swarm.networks.filter(isDefaultBridge).map((n) => n.name)).toEqual(["bridge"]);
    expect(local.networks.filter(isDefaultBridge).map((n) => n.name)).toEqual(["bridge"]);
  });

  it("recognises the default_bridge option on a renamed default bridge", () => {
    const n = toNetwork({
      Id: "x",
      Name: "docker0-renamed",
      Driver: "bridge",
      Scope: "local",
      Options: { "com.docker.network.bridge.default_bridge": "true" },
    });
    expect(isDefaultBridge(n)).toBe(true);
    expect(isDefaultBridge({ ...n, options: {} })).toBe(false);
  });
});

describe("bridgeDevice", () => {
  it("names the Linux bridge of every bridge network of the fixture", () => {
    expect(bridgeDevice(net("bridge"))).toBe("docker0");
    expect(bridgeDevice(net("fx-front"))).toBe("br-c91524921829");
    expect(bridgeDevice(net("fx-back"))).toBe("br-0d388794b561");
    expect(bridgeDevice(net("fx-noicc"))).toBe("cnmapnoicc0");
    expect(bridgeDevice(net("docker_gwbridge"))).toBe("docker_gwbridge");
  });

  it("is null for non-bridge drivers", () => {
    for (const name of ["host", "none", "ingress", "fx-overlay", "fx-macvlan", "fx-ipvlan"]) {
      expect(bridgeDevice(net(name)), name).toBeNull();
    }
  });
});

describe("hasContainerDns", () => {
  it("is false on the default bridge, host and none; true on user-defined networks", () => {
    const dns = Object.fromEntries(swarm.networks.map((n) => [n.name, hasContainerDns(n)]));
    expect(dns).toEqual({
      bridge: false,
      host: false,
      none: false,
      "docker_gwbridge": true,
      "fx-back": true,
      "fx-front": true,
      "fx-ipvlan": true,
      "fx-macvlan": true,
      "fx-noicc": true,
      "fx-overlay": true,
      "fx-v6": true,
      ingress: true,
    });
  });
});

describe("networkFlags", () => {
  it("flags each fixture network as the engine configured it", () => {
    const flags = Object.fromEntries(swarm.networks.map((n) => [n.name, networkFlags(n)]));
    expect(flags).toEqual({
      bridge: [],
      host: [],
      none: [],
      "docker_gwbridge": ["ICC off"],
      "fx-back": ["internal"],
      "fx-front": [],
      "fx-ipvlan": [],
      "fx-macvlan": [],
      "fx-noicc": ["ICC off"],
      "fx-overlay": ["attachable"],
      "fx-v6": ["IPv6"],
      ingress: ["ingress"],
    });
  });

  it("lists every flag in a fixed order", () => {
    const n = toNetwork({
      Id: "x",
      Name: "all",
      Driver: "bridge",
      Scope: "local",
      Internal: true,
      Attachable: true,
      Ingress: true,
      EnableIPv6: true,
      ConfigOnly: true,
      Options: { "com.docker.network.bridge.enable_icc": "false" },
    });
    expect(networkFlags(n)).toEqual(["internal", "attachable", "ingress", "IPv6", "ICC off", "config-only"]);
  });

  it("does not flag ICC when it is explicitly on", () => {
    expect(net("bridge").options["com.docker.network.bridge.enable_icc"]).toBe("true");
    expect(networkFlags(net("bridge"))).not.toContain("ICC off");
  });
});
