import { describe, expect, it } from "vitest";
import { advise, adviseTopology, effectiveMtu, freeSubnet, suggestIpRange, type Finding, type FindingKind } from "@/lib/insights/advisor";
import { parseCidr, type Cidr } from "@/lib/net/cidr";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, networkNamed, sandbox, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const swarm = buildTopology(snapshotOf(loadFixture("swarm")));

function of(findings: Finding[], kind: FindingKind): Finding[] {
  return findings.filter((f) => f.kind === kind);
}

function objectNames(f: Finding | undefined): string[] {
  return must(f, "finding").objects.map((o) => `${o.kind}:${o.name}`);
}

describe("advise on the captured engine", () => {
  const fl = advise(local);
  const fs = advise(swarm);

  it("flags containers on the default bridge, with a fix that moves them off", () => {
    const found = of(fl, "default-bridge");
    expect(found.map((f) => f.title)).toEqual(["fx-default is on the default bridge", "fx-stopped-default is on the default bridge"]);
    const f = must(found[0], "fx-default");
    expect(f.severity).toBe("warning");
    expect(objectNames(f)).toEqual(["sandbox:fx-default", "network:bridge"]);
    expect(f.why).toMatch(/cannot resolve each other by name/);
    expect(f.fix).toBe(
      "docker network create fx-default-net && docker network connect fx-default-net fx-default && docker network disconnect bridge fx-default",
    );
  });

  it("flags ports published on all interfaces for fx-default and fx-web, not the loopback one", () => {
    const found = of(fl, "published-all-interfaces");
    expect(found.map((f) => f.objects[0]?.name)).toEqual(["fx-default", "fx-web"]);
    expect(found[0]?.title).toBe("fx-default publishes 8089:80/tcp on all interfaces");
    expect(found[0]?.fix).toBe(
      "docker stop fx-default && docker rename fx-default fx-default-old && docker run -d --name fx-default -p 127.0.0.1:8089:80/tcp -p 127.0.0.1:8090:81/udp cnmap-test-busybox:latest",
    );
    expect(found[1]?.fix).toContain("--network fx-back -p 127.0.0.1:8091:80/tcp");
    expect(found[1]?.why).toMatch(/fx-sidecar, fx-sidecar2 share its namespace/);
  });

  it("flags stopped fx-stopped (and the other non-running ones) holding endpoints", () => {
    const found = of(fl, "stopped-endpoints");
    expect(found.map((f) => f.objects[0]?.name).sort()).toEqual(["fx-created", "fx-stopped", "fx-stopped-default"]);
    const stopped = must(
      found.find((f) => f.objects[0]?.name === "fx-stopped"),
      "fx-stopped",
    );
    expect(objectNames(stopped)).toEqual(["sandbox:fx-stopped", "network:fx-back", "network:fx-front"]);
    expect(stopped.fix).toBe("docker network disconnect fx-back fx-stopped && docker network disconnect fx-front fx-stopped");
    expect(stopped.severity).toBe("info");
  });

  it("finds no overlap, no unused network, no ICC conflict and no MTU mismatch on the local fixture", () => {
    for (const kind of ["subnet-overlap", "unused-network", "icc-disabled", "mtu-path", "mtu-host", "many-networks", "no-ip-range"] as const) {
      expect(of(fl, kind)).toEqual([]);
    }
  });

  it("sees ICC off on fx-noicc but does not flag it with one container", () => {
    const noicc = networkNamed(local, "fx-noicc");
    expect(noicc.options["com.docker.network.bridge.enable_icc"]).toBe("false");
    expect(of(fl, "icc-disabled")).toEqual([]);
  });

  it("flags fx-overlay and ingress as not encrypted, as info only while cnmap cannot see their peers", () => {
    const unknown = of(fs, "overlay-unencrypted");
    expect(unknown.map((f) => [f.objects[0]?.name, f.severity])).toEqual([
      ["fx-overlay", "info"],
      ["ingress", "info"],
    ]);
    expect(unknown[0]?.why).toMatch(/cannot see which nodes share fx-overlay/);
    const twoNodes = {
      ...swarm,
      networks: swarm.networks.map((n) => (n.driver === "overlay" ? { ...n, peers: [{ name: "vm", ip: "10.99.0.1" }, { name: "node2", ip: "10.99.0.2" }] } : n)),
    };
    const found = of(advise(twoNodes), "overlay-unencrypted");
    expect(found.map((f) => [f.objects[0]?.name, f.severity, f.title])).toEqual([
      ["fx-overlay", "warning", "Overlay fx-overlay carries traffic between nodes unencrypted"],
      ["ingress", "info", "Overlay ingress carries traffic between nodes unencrypted"],
    ]);
    expect(found[0]?.why).toMatch(/^fx-overlay spans 2 nodes \(vm 10\.99\.0\.1, node2 10\.99\.0\.2\)\./);
    expect(found[0]?.fix).toBe(
      "docker network rm fx-overlay && docker network create --driver overlay --subnet 10.231.0.0/24 --gateway 10.231.0.1 --attachable --opt encrypted=true --label cnmap.fixture=1 fx-overlay",
    );
  });

  it("does not flag fx-macvlan, which has an ip-range; flags the ipvlan without one", () => {
    const found = of(fs, "no-ip-range");
    expect(found.map((f) => f.objects[0]?.name)).toEqual(["fx-ipvlan"]);
    expect(found[0]?.fix).toContain("--subnet 172.31.21.0/24 --ip-range 172.31.21.192/26");
  });

  it("flags the unused fx-ipvlan, not Docker's own docker_gwbridge or ingress", () => {
    expect(of(fs, "unused-network").map((f) => f.objects[0]?.name)).toEqual(["fx-ipvlan"]);
    expect(of(fs, "unused-network")[0]?.fix).toBe("docker network rm fx-ipvlan");
  });

  it("orders findings by severity and keeps IDs stable across runs", () => {
    const order = { error: 0, warning: 1, info: 2 };
    const ranks = fs.map((f) => order[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(advise(swarm).map((f) => f.id)).toEqual(fs.map((f) => f.id));
    expect(new Set(fs.map((f) => f.id)).size).toBe(fs.length);
  });

  it("compares network MTUs with the host's when given", () => {
    expect(of(advise(local, { hostMtu: 1500 }), "mtu-host")).toEqual([]);
    const found = of(advise(local, { hostMtu: 1400 }), "mtu-host");
    expect(found.map((f) => f.objects[0]?.name)).toEqual(["bridge", "fx-back", "fx-front", "fx-noicc", "fx-v6"]);
    expect(found[0]?.fix).toBe("dockerd --mtu=1400");
    expect(found[1]?.fix).toContain("--opt com.docker.network.driver.mtu=1400 --label cnmap.fixture=1 fx-back");
  });

  it("takes the host's MTU from the snapshot when the server knew it", () => {
    const engine = { host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", swarm: "inactive" };
    expect(of(adviseTopology({ ...local, engine: { ...engine, hostMtu: 1400 } }), "mtu-host")).toHaveLength(5);
    expect(of(adviseTopology({ ...local, engine }), "mtu-host")).toEqual([]);
  });
});

describe("advise on hand-made topologies", () => {
  it("flags a macvlan network without an ip-range", () => {
    const mv = network("lan", { driver: "macvlan", ipam: [{ subnet: "192.168.1.0/24", gateway: "192.168.1.1" }], options: { parent: "eth0" } });
    const s = sandbox("x");
    const t: Model = { networks: [mv], sandboxes: [s], endpoints: [endpoint(s, mv, "192.168.1.2/24")] };
    const found = of(advise(t), "no-ip-range");
    expect(found).toHaveLength(1);
    expect(found[0]?.id).toBe("no-ip-range:net-lan");
    expect(found[0]?.fix).toBe(
      "docker network rm lan && docker network create --driver macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/26 --opt parent=eth0 lan",
    );
    const withRange: Model = { ...t, networks: [{ ...mv, ipam: [{ subnet: "192.168.1.0/24", ipRange: "192.168.1.128/25" }] }] };
    expect(of(advise(withRange), "no-ip-range")).toEqual([]);
  });

  it("flags overlapping subnets once, renumbering the emptier network onto a free range", () => {
    const a = network("alpha", { ipam: [{ subnet: "172.16.0.0/16" }] });
    const b = network("beta", { ipam: [{ subnet: "172.16.5.0/24" }] });
    const c = network("gamma", { ipam: [{ subnet: "10.0.0.0/24" }] });
    const s = sandbox("user");
    const t: Model = { networks: [a, b, c], sandboxes: [s], endpoints: [endpoint(s, a, "172.16.0.2/16")] };
    const found = of(advise(t), "subnet-overlap");
    expect(found).toHaveLength(1);
    const f = must(found[0], "overlap");
    expect(f.severity).toBe("error");
    expect(f.title).toBe("alpha (172.16.0.0/16) and beta (172.16.5.0/24) overlap");
    expect(objectNames(f)).toEqual(["network:alpha", "network:beta"]);
    // beta has no endpoints: it moves, to the first /24 clear of alpha.
    expect(f.fix).toBe("docker network rm beta && docker network create --driver bridge --subnet 172.17.0.0/24 beta");
    expect(advise(t)[0]?.kind).toBe("subnet-overlap");
  });

  it("flags a sandbox whose networks have different MTUs", () => {
    const big = network("big");
    const small = network("small", { options: { "com.docker.network.driver.mtu": "1400" } });
    const s = sandbox("router");
    const other = sandbox("solo");
    const t: Model = {
      networks: [big, small],
      sandboxes: [s, other],
      endpoints: [endpoint(s, big, "10.1.0.2/24"), endpoint(s, small, "10.2.0.2/24"), endpoint(other, small, "10.2.0.3/24")],
    };
    const found = of(advise(t), "mtu-path");
    expect(found.map((f) => f.id)).toEqual([`mtu-path:${s.id}`]);
    expect(found[0]?.title).toBe("router is on networks with different MTUs (big 1500, small 1400)");
    expect(found[0]?.fix).toBe("docker network rm big && docker network create --driver bridge --opt com.docker.network.driver.mtu=1400 big");
    expect(effectiveMtu(big)).toBe(1500);
    expect(effectiveMtu(network("ov", { driver: "overlay" }))).toBeNull();
  });

  it("flags ICC off with two containers on the network", () => {
    const iso = network("iso", { options: { "com.docker.network.bridge.enable_icc": "false" } });
    const a = sandbox("a");
    const b = sandbox("b");
    const t: Model = { networks: [iso], sandboxes: [a, b], endpoints: [endpoint(a, iso, "10.1.0.2/24"), endpoint(b, iso, "10.1.0.3/24")] };
    const found = of(advise(t), "icc-disabled");
    expect(found).toHaveLength(1);
    expect(objectNames(found[0])).toEqual(["network:iso", "sandbox:a", "sandbox:b"]);
    expect(found[0]?.fix).toBe("docker network create iso-talk && docker network connect iso-talk a && docker network connect iso-talk b");
  });

  it("flags a FORWARD policy of ACCEPT, read from the host's rules, with every bridge network it opens", () => {
    const a = network("a");
    const b = network("b");
    const mv = { ...network("mv"), driver: "macvlan" };
    const t: Model = { networks: [a, b, mv], sandboxes: [], endpoints: [] };
    const found = of(advise(t, { forwardPolicy: "ACCEPT" }), "forward-accept");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: "forward-accept", severity: "warning", fix: "iptables -P FORWARD DROP" });
    expect(objectNames(found[0])).toEqual(["network:a", "network:b"]);
    expect(found[0]?.why).toMatch(/DOCKER-USER.*2 bridge networks/);
    // Docker's own DROP, and a policy not read at all, say nothing.
    expect(of(advise(t, { forwardPolicy: "DROP" }), "forward-accept")).toEqual([]);
    expect(of(advise(t, { forwardPolicy: null }), "forward-accept")).toEqual([]);
    expect(of(advise(t), "forward-accept")).toEqual([]);
  });

  it("flags a sandbox on many networks at the threshold", () => {
    const nets = ["n1", "n2", "n3", "n4"].map((n) => network(n));
    const s = sandbox("hub");
    const t: Model = { networks: nets, sandboxes: [s], endpoints: nets.map((n, i) => endpoint(s, n, `10.${i}.0.2/24`)) };
    expect(of(advise(t), "many-networks").map((f) => f.title)).toEqual(["hub is on 4 networks"]);
    expect(of(advise(t, { manyNetworks: 5 }), "many-networks")).toEqual([]);
    expect(of(advise(t), "many-networks")[0]?.fix).toBe("docker network disconnect n4 hub");
  });

  it("quotes names that need it in commands", () => {
    const odd = network("it's");
    const t: Model = { networks: [odd], sandboxes: [], endpoints: [] };
    expect(of(advise(t), "unused-network")[0]?.fix).toBe("docker network rm 'it'\\''s'");
  });
});

describe("range helpers", () => {
  const taken = (...c: string[]): Cidr[] => c.map((x) => must(parseCidr(x), x));

  it("finds a free private subnet of the same size", () => {
    expect(freeSubnet("ipv4", 16, taken("172.16.0.0/16", "172.17.0.0/16"))).toBe("172.18.0.0/16");
    expect(freeSubnet("ipv6", 64, taken("fd00:1::/64"))).toBe("fd00:2::/64");
  });

  it("suggests the last quarter of a subnet as the ip-range", () => {
    expect(suggestIpRange("192.168.1.0/24")).toBe("192.168.1.192/26");
    expect(suggestIpRange("10.0.0.0/8")).toBe("10.192.0.0/10");
    expect(suggestIpRange("fd00::/64")).toBeNull();
  });
});
