import { describe, expect, it } from "vitest";
import {
  buildTopology,
  containerName,
  isPredefinedNetwork,
  joinedContainerRef,
  toNetwork,
} from "@/lib/topology/build";
import type { EngineContainerSummary, EngineNetwork, EngineSnapshot } from "@/lib/topology/engine-json";
import type { Endpoint, IpamConfig, Network, Sandbox, Topology } from "@/lib/topology/types";
import {
  loadFixture,
  must,
  rawContainer,
  rawInspect,
  rawNetwork,
  snapshotOf,
  type EngineFixture,
  type FixtureName,
} from "./helpers/fixtures";
import { networkNamed } from "./helpers/topology";

type Model = Omit<Topology, "engine">;

function build(name: FixtureName): { f: EngineFixture; t: Model } {
  const f = loadFixture(name);
  return { f, t: buildTopology(snapshotOf(f)) };
}

const net = networkNamed;

function sandboxOf(t: Model, containerName: string): Sandbox {
  return must(
    t.sandboxes.find((s) => s.containers.some((c) => c.name === containerName)),
    `sandbox holding ${containerName}`,
  );
}

function endpointsOf(t: Model, containerId: string): Endpoint[] {
  return t.endpoints.filter((e) => e.containerId === containerId);
}

function endpoint(t: Model, containerId: string, networkId: string): Endpoint {
  return must(
    t.endpoints.find((e) => e.containerId === containerId && e.networkId === networkId),
    `endpoint ${containerId} on ${networkId}`,
  );
}

describe("buildTopology on the local fixture", () => {
  const { f, t } = build("local");
  const id = (name: string): string => rawContainer(f, name).Id;
  const netId = (name: string): string => rawNetwork(f, name).Id;

  it("lists every network once, predefined first, then by name", () => {
    expect(t.networks.map((n) => n.name)).toEqual([
      "bridge",
      "host",
      "none",
      "fx-back",
      "fx-front",
      "fx-noicc",
      "fx-v6",
    ]);
    expect(t.networks.filter((n) => n.predefined).map((n) => n.name)).toEqual(["bridge", "host", "none"]);
  });

  it("models the default bridge", () => {
    const bridge = net(t, "bridge");
    expect(bridge).toMatchObject({
      id: "30b8ae72217cfb4f09a0bf20b8911b07349c045f9ed3f3311badcd604228fcfe",
      driver: "bridge",
      scope: "local",
      predefined: true,
      internal: false,
      ipv6: false,
      ipam: [{ subnet: "172.17.0.0/16" }],
      ipamDriver: "default",
      configOnly: false,
      configFrom: "",
    });
    expect(bridge.options["com.docker.network.bridge.name"]).toBe("docker0");
    expect(bridge.options["com.docker.network.bridge.default_bridge"]).toBe("true");
    expect(bridge.labels).toEqual({});
    // No gateway in the engine's IPAM config: the key must be absent, not "".
    expect(bridge.ipam[0]).not.toHaveProperty("gateway");
  });

  it("models host and none (driver null) as predefined with no IPAM", () => {
    expect(net(t, "host")).toMatchObject({ driver: "host", predefined: true, ipam: [] });
    expect(net(t, "none")).toMatchObject({ driver: "null", predefined: true, ipam: [] });
  });

  it("models user bridges with their subnet, gateway, labels", () => {
    expect(net(t, "fx-front")).toMatchObject({
      id: "c91524921829e9022deae1f0d2f98ecbdf328243fa08df1081066708b5f57800",
      driver: "bridge",
      predefined: false,
      internal: false,
      ipam: [{ subnet: "172.31.10.0/24", gateway: "172.31.10.1" }],
      labels: { "cnmap.fixture": "1" },
      options: {},
    });
  });

  it("models an internal network with an ip-range", () => {
    const back = net(t, "fx-back");
    expect(back.internal).toBe(true);
    expect(back.ipam).toEqual([{ subnet: "172.31.11.0/24", ipRange: "172.31.11.128/25" }]);
  });

  it("models an IPv6 network with both subnets", () => {
    const v6 = net(t, "fx-v6");
    expect(v6.ipv6).toBe(true);
    expect(v6.ipam).toEqual([{ subnet: "172.31.12.0/24" }, { subnet: "fd00:c0de::/64" }]);
  });

  it("keeps the ICC and bridge-name options of fx-noicc", () => {
    const noicc = net(t, "fx-noicc");
    expect(noicc.options).toEqual({
      "com.docker.network.bridge.enable_icc": "false",
      "com.docker.network.bridge.name": "cnmapnoicc0",
    });
    expect(noicc.ipam).toEqual([{ subnet: "172.18.0.0/16", gateway: "172.18.0.1" }]);
  });

  it("has one sandbox per namespace owner, in name order", () => {
    expect(t.sandboxes.map((s) => s.containers[0]?.name)).toEqual([
      "fx-created",
      "fx-db",
      "fx-default",
      "fx-host",
      "fx-noicc-a",
      "fx-none",
      "fx-stopped",
      "fx-stopped-default",
      "fx-v6c",
      "fx-web",
    ]);
    for (const s of t.sandboxes) expect(s.id).toBe(s.containers[0]?.id);
  });

  it("puts every listed container in exactly one sandbox", () => {
    const all = t.sandboxes.flatMap((s) => s.containers.map((c) => c.id)).sort();
    expect(all).toEqual(f.containers.map((c) => c.Id).sort());
  });

  it("models the default-bridge container with its IP and published ports", () => {
    const s = sandboxOf(t, "fx-default");
    expect(s.networkMode).toBe("default");
    expect(s.ports).toEqual([
      { hostIp: "0.0.0.0", hostPort: 8089, containerPort: 80, protocol: "tcp" },
      { hostIp: "::", hostPort: 8089, containerPort: 80, protocol: "tcp" },
      { hostIp: "127.0.0.1", hostPort: 8090, containerPort: 81, protocol: "udp" },
    ]);
    const eps = endpointsOf(t, id("fx-default"));
    expect(eps).toEqual([
      {
        id: "612c1e45b387b231d588b6f1d7fcc10484cddfc0b77f73bf0171be882b1ed1dc",
        networkId: netId("bridge"),
        sandboxId: id("fx-default"),
        containerId: id("fx-default"),
        ipv4: "172.17.0.2/16",
        ipv6: "",
        mac: "02:42:ac:11:00:02",
        aliases: [],
        active: true,
      },
    ]);
  });

  it("gives a multi-network container one endpoint per network with aliases from inspect", () => {
    const web = id("fx-web");
    expect(web).toBe("c950ea92893447c56bcb8a1a5c2faf32d4b2b60cdf4d571570856cf61299c0aa");
    const eps = endpointsOf(t, web);
    expect(eps).toHaveLength(2);
    const front = endpoint(t, web, netId("fx-front"));
    expect(front).toMatchObject({
      id: "b20407cb1d06e0532f0db5e7ecc4f5fb3ed44d256af90e0618133b493a22a98f",
      ipv4: "172.31.10.2/24",
      mac: "02:42:ac:1f:0a:02",
      aliases: ["web", "www", "c950ea928934"],
      active: true,
    });
    const back = endpoint(t, web, netId("fx-back"));
    expect(back).toMatchObject({
      id: "116988269ff06aa2160f3d3390d6a87757dd9165b3eab4dfc3e9672dc7eaf72d",
      ipv4: "172.31.11.129/24",
      mac: "02:42:ac:1f:0b:81",
      aliases: ["api", "c950ea928934"],
      active: true,
    });
    expect(sandboxOf(t, "fx-web").ports).toEqual([
      { hostIp: "0.0.0.0", hostPort: 8091, containerPort: 80, protocol: "tcp" },
      { hostIp: "::", hostPort: 8091, containerPort: 80, protocol: "tcp" },
    ]);
  });

  it("draws no aliases when the list has them null and no inspect detail is given", () => {
    const snap = snapshotOf(f);
    const t2 = buildTopology({ ...snap, details: {} });
    expect(t2.endpoints.length).toBe(t.endpoints.length);
    for (const e of t2.endpoints) expect(e.aliases).toEqual([]);
  });

  it("allocates fx-db from the ip-range of the internal network", () => {
    const db = endpoint(t, id("fx-db"), netId("fx-back"));
    expect(db.ipv4).toBe("172.31.11.130/24");
    expect(db.aliases).toEqual(["2c2cb7c890c9"]);
  });

  it("formats the IPv6 endpoint address as address/prefix", () => {
    const v6 = endpoint(t, id("fx-v6c"), netId("fx-v6"));
    expect(v6.ipv6).toBe("fd00:c0de::2/64");
    expect(v6.ipv4).toBe("172.31.12.2/24");
    const others = t.endpoints.filter((e) => e !== v6);
    for (const e of others) expect(e.ipv6).toBe("");
  });

  it("puts the host-mode container's endpoint on the host network, with no address", () => {
    const s = sandboxOf(t, "fx-host");
    expect(s.networkMode).toBe("host");
    const eps = endpointsOf(t, id("fx-host"));
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ networkId: netId("host"), ipv4: "", mac: "", active: true });
    expect(eps[0]?.id).toBe("28651454210a05f4ee4e3b1b1bacd8d4fd62e9f8802ddc786281577eee8ce290");
  });

  it("puts the none-mode container's endpoint on the none network", () => {
    expect(sandboxOf(t, "fx-none").networkMode).toBe("none");
    const eps = endpointsOf(t, id("fx-none"));
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ networkId: netId("none"), ipv4: "", ipv6: "", mac: "", active: true });
  });

  it("puts container:X joiners, by name and by ID, in fx-web's sandbox after the owner", () => {
    const s = sandboxOf(t, "fx-web");
    expect(s.id).toBe(id("fx-web"));
    expect(s.networkMode).toBe("fx-front");
    expect(s.containers.map((c) => c.name)).toEqual(["fx-web", "fx-sidecar", "fx-sidecar2"]);
    expect(sandboxOf(t, "fx-sidecar")).toBe(s);
    expect(sandboxOf(t, "fx-sidecar2")).toBe(s);
    // Joiners hold no endpoints and no sandbox of their own.
    expect(endpointsOf(t, id("fx-sidecar"))).toEqual([]);
    expect(endpointsOf(t, id("fx-sidecar2"))).toEqual([]);
    expect(t.sandboxes.find((x) => x.id === id("fx-sidecar"))).toBeUndefined();
    expect(t.sandboxes.find((x) => x.id === id("fx-sidecar2"))).toBeUndefined();
    expect(t.endpoints.filter((e) => e.sandboxId === s.id)).toHaveLength(2);
  });

  it("copies the container refs from the list", () => {
    const s = sandboxOf(t, "fx-web");
    expect(s.containers[1]).toEqual({
      id: "1fd3b0b144b69df38856ce649cf2b8722b546ae4a199ac5d28d50c7517213ab5",
      name: "fx-sidecar",
      image: "cnmap-test-busybox:latest",
      state: "running",
      status: "Up 1 second",
      labels: { "cnmap.fixture": "1", "cnmap.test": "image" },
    });
  });

  it("keeps a stopped multi-network container's endpoints, inactive and without addresses", () => {
    const stopped = id("fx-stopped");
    const s = sandboxOf(t, "fx-stopped");
    expect(s.containers[0]?.state).toBe("exited");
    const eps = endpointsOf(t, stopped);
    expect(eps.map((e) => e.networkId).sort()).toEqual([netId("fx-back"), netId("fx-front")].sort());
    for (const e of eps) {
      expect(e).toMatchObject({ id: "", ipv4: "", ipv6: "", mac: "", active: false });
      expect(e.aliases).toEqual(["17eadf075524"]);
    }
  });

  it("keeps a stopped default-bridge container's endpoint, inactive", () => {
    const eps = endpointsOf(t, id("fx-stopped-default"));
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ networkId: netId("bridge"), id: "", ipv4: "", active: false, aliases: [] });
  });

  it("finds a never-started container's network by name (its NetworkID is empty)", () => {
    const created = rawContainer(f, "fx-created");
    expect(created.NetworkSettings?.Networks?.["fx-front"]?.NetworkID).toBe("");
    const eps = endpointsOf(t, created.Id);
    expect(eps).toEqual([
      {
        id: "",
        networkId: netId("fx-front"),
        sandboxId: created.Id,
        containerId: created.Id,
        ipv4: "",
        ipv6: "",
        mac: "",
        aliases: [],
        active: false,
      },
    ]);
    expect(sandboxOf(t, "fx-created").containers[0]?.state).toBe("created");
  });

  it("publishes only the ports with a host port", () => {
    const withPorts = t.sandboxes.filter((s) => s.ports.length > 0).map((s) => s.containers[0]?.name);
    expect(withPorts).toEqual(["fx-default", "fx-web"]);
    for (const s of t.sandboxes) for (const p of s.ports) expect(typeof p.hostPort).toBe("number");
  });

  it("sorts endpoints by sandbox then network", () => {
    const keys = t.endpoints.map((e) => `${e.sandboxId}|${e.networkId}`);
    expect(keys).toEqual([...keys].sort());
    expect(t.endpoints).toHaveLength(12);
  });
});

describe("buildTopology on the swarm fixture", () => {
  const { f, t } = build("swarm");
  const id = (name: string): string => rawContainer(f, name).Id;

  it("models ingress and the attachable overlay with swarm (non-hex) IDs", () => {
    const ingress = net(t, "ingress");
    expect(ingress).toMatchObject({
      id: "1sz35haxmnzrf1drd0m069i65",
      driver: "overlay",
      scope: "swarm",
      ingress: true,
      attachable: false,
      predefined: false,
      ipam: [{ subnet: "10.0.0.0/24", gateway: "10.0.0.1" }],
      labels: {},
    });
    expect(ingress.options).toEqual({ "com.docker.network.driver.overlay.vxlanid_list": "4096" });
    const overlay = net(t, "fx-overlay");
    expect(overlay).toMatchObject({ id: "qbz7t6yiikmywt8cypkcmfzk8", attachable: true, ingress: false, scope: "swarm" });
    expect(overlay.id).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it("models docker_gwbridge as a non-predefined bridge with ICC off", () => {
    const gw = net(t, "docker_gwbridge");
    expect(gw.predefined).toBe(false);
    expect(gw.options["com.docker.network.bridge.enable_icc"]).toBe("false");
    expect(gw.options["com.docker.network.bridge.name"]).toBe("docker_gwbridge");
  });

  it("attaches fx-ov to the overlay by its swarm network ID", () => {
    const eps = endpointsOf(t, id("fx-ov"));
    expect(eps).toEqual([
      {
        id: "da2dd502aff80775fb41591a143dc18b4cbbf672d7daafcc13b712b91aeac52b",
        networkId: "qbz7t6yiikmywt8cypkcmfzk8",
        sandboxId: id("fx-ov"),
        containerId: id("fx-ov"),
        ipv4: "10.231.0.2/24",
        ipv6: "",
        mac: "02:42:0a:e7:00:02",
        aliases: ["230bd77d388b"],
        active: true,
      },
    ]);
  });

  it("attaches fx-mv to the macvlan network at its fixed IP", () => {
    const macvlan = net(t, "fx-macvlan");
    expect(macvlan).toMatchObject({
      driver: "macvlan",
      options: { parent: "cnmapfx0" },
      ipam: [{ subnet: "172.31.20.0/24", ipRange: "172.31.20.64/26" }],
    });
    const eps = endpointsOf(t, id("fx-mv"));
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ networkId: macvlan.id, ipv4: "172.31.20.70/24", mac: "02:42:ac:1f:14:46", active: true });
  });

  it("draws the ipvlan network with no endpoints", () => {
    const ipvlan = net(t, "fx-ipvlan");
    expect(ipvlan).toMatchObject({ driver: "ipvlan", options: { ipvlan_mode: "l2", parent: "cnmapfx1" } });
    expect(t.endpoints.filter((e) => e.networkId === ipvlan.id)).toEqual([]);
  });

  it("has the local cases too, with the extra two sandboxes", () => {
    expect(t.networks).toHaveLength(12);
    expect(t.sandboxes).toHaveLength(12);
    expect(t.endpoints).toHaveLength(14);
    expect(sandboxOf(t, "fx-sidecar2").id).toBe(id("fx-web"));
  });
});

/** The expected model network, straight from the raw engine JSON. */
function expectedNetwork(n: EngineNetwork): Network {
  const ipam: IpamConfig[] = (n.IPAM?.Config ?? []).map((c) => {
    const out: IpamConfig = { subnet: must(c.Subnet, "subnet") };
    if (c.Gateway !== undefined && c.Gateway !== "") out.gateway = c.Gateway;
    if (c.IPRange !== undefined && c.IPRange !== "") out.ipRange = c.IPRange;
    if (c.AuxiliaryAddresses && Object.keys(c.AuxiliaryAddresses).length > 0) out.auxAddresses = c.AuxiliaryAddresses;
    return out;
  });
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: must(n.Internal, "Internal"),
    attachable: must(n.Attachable, "Attachable"),
    ingress: must(n.Ingress, "Ingress"),
    ipv6: must(n.EnableIPv6, "EnableIPv6"),
    ipam,
    options: n.Options ?? {},
    labels: n.Labels ?? {},
    predefined: ["bridge", "host", "none"].includes(n.Name),
    configOnly: must(n.ConfigOnly, "ConfigOnly"),
    configFrom: n.ConfigFrom?.Network ?? "",
    ipamDriver: must(n.IPAM?.Driver, "IPAM.Driver"),
    encrypted: n.Options != null && "encrypted" in n.Options,
    ...(n.Driver === "overlay" && n.Options?.["com.docker.network.driver.overlay.vxlanid_list"]
      ? { vxlanIds: n.Options["com.docker.network.driver.overlay.vxlanid_list"].split(",").map(Number) }
      : {}),
  };
}

describe.each<FixtureName>(["local", "swarm"])("every object of %s.json against the engine's own JSON", (name) => {
  const { f, t } = build(name);

  it("has one model network per engine network, field by field", () => {
    expect(t.networks).toHaveLength(f.networks.length);
    for (const raw of f.networks) {
      const model = must(
        t.networks.find((n) => n.id === raw.Id),
        `model of ${raw.Name}`,
      );
      expect(model, raw.Name).toEqual(expectedNetwork(raw));
    }
  });

  it("has one endpoint per (owner container, network) of the inspects, field by field", () => {
    const expected: Endpoint[] = [];
    for (const ins of f.inspects) {
      if (ins.HostConfig.NetworkMode.startsWith("container:")) continue;
      for (const [netName, ep] of Object.entries(ins.NetworkSettings.Networks ?? {})) {
        const networkId = ep.NetworkID !== "" ? must(ep.NetworkID, "NetworkID") : rawNetwork(f, netName).Id;
        const endpointId = must(ep.EndpointID, "EndpointID");
        expected.push({
          id: endpointId,
          networkId,
          sandboxId: ins.Id,
          containerId: ins.Id,
          ipv4: ep.IPAddress ? `${ep.IPAddress}/${must(ep.IPPrefixLen, "IPPrefixLen")}` : "",
          ipv6: ep.GlobalIPv6Address ? `${ep.GlobalIPv6Address}/${must(ep.GlobalIPv6PrefixLen, "prefix")}` : "",
          mac: must(ep.MacAddress, "MacAddress"),
          aliases: ep.Aliases ?? [],
          active: endpointId !== "",
        });
      }
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(t.endpoints).toHaveLength(expected.length);
    for (const want of expected) {
      const got = t.endpoints.find((e) => e.containerId === want.containerId && e.networkId === want.networkId);
      expect(got, `${want.containerId} on ${want.networkId}`).toEqual(want);
    }
  });

  it("agrees with the inspects on state and active endpoints", () => {
    for (const ins of f.inspects) {
      for (const e of t.endpoints.filter((x) => x.containerId === ins.Id)) {
        expect(e.active).toBe(ins.State.Running);
      }
    }
  });

  it("puts each container in the sandbox its inspect NetworkMode names", () => {
    for (const ins of f.inspects) {
      const mode = ins.HostConfig.NetworkMode;
      const ownerId = mode.startsWith("container:") ? mode.slice("container:".length) : ins.Id;
      const s = must(
        t.sandboxes.find((x) => x.containers.some((c) => c.id === ins.Id)),
        `sandbox of ${ins.Name}`,
      );
      expect(s.id, ins.Name).toBe(ownerId);
      expect(s.containers[0]?.id).toBe(ownerId);
      if (ownerId === ins.Id) expect(s.networkMode).toBe(mode);
    }
  });

  it("copies each container's list entry into its ref and ports", () => {
    for (const c of f.containers) {
      const ref = must(
        t.sandboxes.flatMap((s) => s.containers).find((x) => x.id === c.Id),
        c.Id,
      );
      expect(ref).toEqual({
        id: c.Id,
        name: must(c.Names[0], "name").slice(1),
        image: c.Image,
        state: c.State,
        status: c.Status,
        labels: c.Labels ?? {},
      });
      const s = t.sandboxes.find((x) => x.id === c.Id);
      if (s === undefined) continue;
      const published = (c.Ports ?? []).filter((p) => (p.PublicPort ?? 0) > 0);
      expect(s.ports).toHaveLength(published.length);
      for (const p of published) {
        expect(s.ports).toContainEqual({
          hostIp: p.IP,
          hostPort: p.PublicPort,
          containerPort: p.PrivatePort,
          protocol: p.Type,
        });
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Hand-made engine JSON for the cases a live engine will not produce.

const HEX = "0123456789abcdef";
function hexId(seed: string): string {
  let out = "";
  let h = 7;
  for (let i = 0; out.length < 64; i++) {
    h = (h * 31 + seed.charCodeAt(i % seed.length) + i) % 1_000_003;
    out += HEX[h % 16];
  }
  return out;
}

function mkNet(name: string, over: Partial<EngineNetwork> = {}): EngineNetwork {
  return { Id: hexId(`net-${name}`), Name: name, Driver: "bridge", Scope: "local", ...over };
}

function mkContainer(
  name: string,
  networkMode: string,
  networks: Record<string, { NetworkID: string; EndpointID?: string; IPAddress?: string; IPPrefixLen?: number }> = {},
  over: Partial<EngineContainerSummary> = {},
): EngineContainerSummary {
  return {
    Id: hexId(`ctr-${name}`),
    Names: [`/${name}`],
    Image: "busybox",
    State: "running",
    Status: "Up",
    HostConfig: { NetworkMode: networkMode },
    NetworkSettings: { Networks: networks },
    ...over,
  };
}

function snap(networks: EngineNetwork[], containers: EngineContainerSummary[]): EngineSnapshot {
  return { networks, containers, details: {} };
}

describe("buildTopology edge cases", () => {
  const front = mkNet("front");

  it("gives a joiner whose owner is gone a sandbox of its own, with no endpoints", () => {
    const orphan = mkContainer("orphan", `container:${hexId("gone")}`);
    const t = buildTopology(snap([front], [orphan]));
    expect(t.sandboxes).toEqual([
      {
        id: orphan.Id,
        networkMode: `container:${hexId("gone")}`,
        containers: [expect.objectContaining({ id: orphan.Id, name: "orphan" })],
        ports: [],
      },
    ]);
    expect(t.endpoints).toEqual([]);
  });

  it("loses no container in a cycle of container: references", () => {
    const a = mkContainer("a", "container:b");
    const b = mkContainer("b", "container:a");
    const c = mkContainer("c", "container:a"); // leads into the cycle
    const t = buildTopology(snap([front], [c, b, a]));
    const members = t.sandboxes.flatMap((s) => s.containers.map((x) => x.name)).sort();
    expect(members).toEqual(["a", "b", "c"]);
    expect(t.sandboxes).toHaveLength(1);
    // Deterministic: the first cycle member by name owns it, whatever the list order.
    expect(t.sandboxes[0]?.id).toBe(a.Id);
    expect(t.sandboxes[0]?.containers.map((x) => x.name)).toEqual(["a", "b", "c"]);
    const again = buildTopology(snap([front], [a, c, b]));
    expect(again.sandboxes).toEqual(t.sandboxes);
  });

  it("treats a container that names itself as its own owner", () => {
    const self = mkContainer("self", "container:self");
    const t = buildTopology(snap([front], [self]));
    expect(t.sandboxes.map((s) => s.id)).toEqual([self.Id]);
  });

  it("follows chains and short-ID references to the namespace's owner", () => {
    const owner = mkContainer("owner", "front", { front: { NetworkID: front.Id, EndpointID: "e1", IPAddress: "10.0.0.2", IPPrefixLen: 24 } });
    const mid = mkContainer("mid", `container:${owner.Id.slice(0, 12)}`);
    const tail = mkContainer("tail", "container:mid", { front: { NetworkID: front.Id, EndpointID: "bogus" } });
    const t = buildTopology(snap([front], [tail, mid, owner]));
    expect(t.sandboxes).toHaveLength(1);
    expect(t.sandboxes[0]?.id).toBe(owner.Id);
    expect(t.sandboxes[0]?.containers.map((c) => c.name)).toEqual(["owner", "mid", "tail"]);
    // A joiner's own network entries never become endpoints.
    expect(t.endpoints).toHaveLength(1);
    expect(t.endpoints[0]).toMatchObject({ id: "e1", sandboxId: owner.Id, containerId: owner.Id, ipv4: "10.0.0.2/24" });
  });

  it("drops the endpoint of a network that no longer exists, keeps the container", () => {
    const ghostId = hexId("ghost");
    const stale = mkContainer("stale", "front", {
      front: { NetworkID: front.Id },
      ghost: { NetworkID: ghostId },
    }, { State: "exited" });
    const neverRan = mkContainer("never", "ghost2", { ghost2: { NetworkID: "" } }, { State: "created" });
    const t = buildTopology(snap([front], [stale, neverRan]));
    expect(t.sandboxes.map((s) => s.id).sort()).toEqual([stale.Id, neverRan.Id].sort());
    expect(t.endpoints.map((e) => [e.containerId, e.networkId])).toEqual([[stale.Id, front.Id]]);
    expect(t.endpoints[0]?.active).toBe(false);
  });

  it("keeps networks that share a name apart by ID", () => {
    const dupLocal = mkNet("dup", { Id: "1111111111111111111111111111111111111111111111111111111111111111" });
    const dupSwarm = mkNet("dup", { Id: "zzswarmid0000000000000000", Driver: "overlay", Scope: "swarm" });
    const onSwarm = mkContainer("on-swarm", "dup", { dup: { NetworkID: dupSwarm.Id, EndpointID: "e2" } });
    const onLocal = mkContainer("on-local", "dup", { dup: { NetworkID: dupLocal.Id, EndpointID: "e3" } });
    const neverRan = mkContainer("never", "dup", { dup: { NetworkID: "" } }, { State: "created" });
    const t = buildTopology(snap([dupSwarm, dupLocal], [onSwarm, onLocal, neverRan]));
    expect(t.networks.map((n) => n.id)).toEqual([dupLocal.Id, dupSwarm.Id]);
    expect(t.endpoints.find((e) => e.containerId === onSwarm.Id)?.networkId).toBe(dupSwarm.Id);
    expect(t.endpoints.find((e) => e.containerId === onLocal.Id)?.networkId).toBe(dupLocal.Id);
    // By name, the first of the sorted networks wins, deterministically.
    expect(t.endpoints.find((e) => e.containerId === neverRan.Id)?.networkId).toBe(dupLocal.Id);
  });

  it("skips exposed-but-unpublished ports and sorts the rest", () => {
    const c = mkContainer("ports", "front", {}, {
      Ports: [
        { PrivatePort: 53, Type: "udp" },
        { IP: "::", PrivatePort: 443, PublicPort: 8443, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 443, PublicPort: 8443, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 0, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 53, PublicPort: 5353, Type: "udp" },
        { IP: "0.0.0.0", PrivatePort: 53, PublicPort: 5353, Type: "tcp" },
      ],
    });
    const t = buildTopology(snap([front], [c]));
    expect(t.sandboxes[0]?.ports).toEqual([
      { hostIp: "0.0.0.0", hostPort: 5353, containerPort: 53, protocol: "tcp" },
      { hostIp: "0.0.0.0", hostPort: 5353, containerPort: 53, protocol: "udp" },
      { hostIp: "0.0.0.0", hostPort: 8443, containerPort: 443, protocol: "tcp" },
      { hostIp: "::", hostPort: 8443, containerPort: 443, protocol: "tcp" },
    ]);
  });

  it("does not share arrays or records with its input", () => {
    const labelled = mkNet("labelled", {
      Labels: { a: "1" },
      Options: { o: "x" },
      IPAM: { Driver: "default", Config: [{ Subnet: "10.9.0.0/24", AuxiliaryAddresses: { host1: "10.9.0.5" } }] },
    });
    const n = toNetwork(labelled);
    expect(n.ipam).toEqual([{ subnet: "10.9.0.0/24", auxAddresses: { host1: "10.9.0.5" } }]);
    n.labels.b = "2";
    n.options.p = "y";
    expect(labelled.Labels).toEqual({ a: "1" });
    expect(labelled.Options).toEqual({ o: "x" });
  });

  it("defaults the optional network fields", () => {
    expect(toNetwork({ Id: "x", Name: "n", Driver: "bridge", Scope: "local" })).toEqual({
      id: "x",
      name: "n",
      driver: "bridge",
      scope: "local",
      internal: false,
      attachable: false,
      ingress: false,
      ipv6: false,
      ipam: [],
      options: {},
      labels: {},
      predefined: false,
      configOnly: false,
      configFrom: "",
      ipamDriver: "default",
      encrypted: false,
    });
  });

  it("builds an empty model from an empty engine", () => {
    expect(buildTopology({ networks: [], containers: [], details: {} })).toEqual({
      networks: [],
      sandboxes: [],
      endpoints: [],
      swarm: null,
      services: [],
      tasks: [],
    });
  });
});

describe("build helpers", () => {
  it("isPredefinedNetwork needs the right name, driver and local scope", () => {
    expect(isPredefinedNetwork("bridge", "bridge", "local")).toBe(true);
    expect(isPredefinedNetwork("host", "host", "local")).toBe(true);
    expect(isPredefinedNetwork("none", "null", "local")).toBe(true);
    expect(isPredefinedNetwork("none", "none", "local")).toBe(false);
    expect(isPredefinedNetwork("bridge", "overlay", "swarm")).toBe(false);
    expect(isPredefinedNetwork("bridge", "bridge", "swarm")).toBe(false);
    expect(isPredefinedNetwork("fx-front", "bridge", "local")).toBe(false);
    expect(isPredefinedNetwork("constructor", "bridge", "local")).toBe(false);
  });

  it("joinedContainerRef extracts X of container:X", () => {
    expect(joinedContainerRef("container:fx-web")).toBe("fx-web");
    expect(joinedContainerRef("container:c950ea928934")).toBe("c950ea928934");
    expect(joinedContainerRef("fx-front")).toBeNull();
    expect(joinedContainerRef("default")).toBeNull();
    expect(joinedContainerRef(undefined)).toBeNull();
  });

  it("containerName strips the slash, else falls back to the short ID", () => {
    expect(containerName({ Names: ["/fx-web"], Id: "c950ea92893447c5" })).toBe("fx-web");
    expect(containerName({ Names: [], Id: "c950ea92893447c5" })).toBe("c950ea928934");
  });

  it("reads the fixture inspects the way the tests assume", () => {
    const f = loadFixture("local");
    expect(rawInspect(f, "fx-sidecar").HostConfig.NetworkMode).toBe(`container:${rawContainer(f, "fx-web").Id}`);
  });
});

describe("a container whose start failed", () => {
  it("has inactive endpoints even when the list still reports the attempt's endpoint", () => {
    // Seen on Docker 20.10: after a failed start the list kept EndpointID/IP/MAC while inspect showed none.
    const t = buildTopology({
      networks: [{ Id: "n1", Name: "bridge", Driver: "bridge", Scope: "local" }],
      containers: [
        {
          Id: "c1",
          Names: ["/failed"],
          Image: "img",
          State: "created",
          HostConfig: { NetworkMode: "default" },
          NetworkSettings: { Networks: { bridge: { NetworkID: "n1", EndpointID: "ep1", IPAddress: "172.17.0.2", IPPrefixLen: 16, MacAddress: "02:42:ac:11:00:02" } } },
        },
      ],
      details: {},
    });
    expect(t.endpoints).toEqual([
      { id: "", networkId: "n1", sandboxId: "c1", containerId: "c1", ipv4: "", ipv6: "", mac: "", aliases: [], active: false },
    ]);
  });
});
