/**
 * assembleDatapath on reads captured from a real engine and its host
 * (test/fixtures/datapath/engine-capture.json: lx-backend with lx-db, and
 * lx-web publishing 127.0.0.1:8080 with lx-side joined to its namespace;
 * lx-plain on the default bridge; the host's interfaces, iptables-save, and
 * `ip -o link`, `ip route`, resolv.conf from inside each sandbox).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleDatapath, type SandboxRead } from "@/lib/datapath/assemble";
import { parseIpLink, parseIpRoute } from "@/lib/datapath/ip-output";
import type { HostLink } from "@/lib/datapath/pairing";
import { parseResolvConf } from "@/lib/datapath/resolv-conf";
import { enforcingRules } from "@/lib/datapath/enforcement";
import { linuxLayer } from "@/lib/datapath/layer";
import { reach } from "@/lib/insights/reachability";
import { ICC_OPTION } from "@/lib/topology/describe";
import type { Topology } from "@/lib/topology/types";
import { endpoint, network, sandbox } from "./helpers/topology";

interface Capture {
  topology: Topology;
  host: HostLink[];
  sandboxReads: Record<string, { ipLink: string; ipRoute: string; resolvConf: string }>;
  inspect: { Id: string; Name: string; HostConfig: { NetworkMode: string; PidMode: string; IpcMode: string; UTSMode: string } }[];
  iptables: string;
}
const capture = JSON.parse(readFileSync("test/fixtures/datapath/engine-capture.json", "utf8")) as Capture;
const t = capture.topology;
const sandboxOf = (name: string) => t.sandboxes.find((s) => s.containers.some((c) => c.name === name));
const idOf = (name: string): string => sandboxOf(name)?.id ?? "";
const netId = (name: string): string => t.networks.find((n) => n.name === name)?.id ?? "";

function reads(only?: (sandboxId: string) => boolean): Map<string, SandboxRead> {
  const m = new Map<string, SandboxRead>();
  for (const [id, r] of Object.entries(capture.sandboxReads)) {
    if (only && !only(id)) continue;
    m.set(id, { links: parseIpLink(r.ipLink), routes: parseIpRoute(r.ipRoute), resolv: parseResolvConf(r.resolvConf), limits: [] });
  }
  return m;
}

const containers = capture.inspect.map((c) => ({
  id: c.Id,
  name: c.Name.replace(/^\//, ""),
  sandboxId: t.sandboxes.find((s) => s.containers.some((x) => x.id === c.Id))?.id ?? "",
  networkMode: c.HostConfig.NetworkMode,
  pidMode: c.HostConfig.PidMode,
  ipcMode: c.HostConfig.IpcMode,
  utsMode: c.HostConfig.UTSMode,
}));

const build = (sandboxes = reads(), iptables: string[] | null = [capture.iptables]) =>
  assembleDatapath({ topology: t, host: capture.host, proxies: [{ protocol: "tcp", hostIp: "127.0.0.1", hostPort: 8080, to: "172.20.0.2:80" }], iptables, containers, sandboxes });

describe("assembleDatapath on a real engine's reads", () => {
  const body = build();

  it("pairs every endpoint with its veth by ifindex and iflink, on its bridge", () => {
    const pairs = body.endpoints.map((e) => [e.sandboxId, e.networkId, e.containerIf.name, e.containerIf.ifindex, e.hostIf?.name, e.hostIf?.ifindex, e.bridge]);
    expect(pairs).toEqual([
      [idOf("lx-web"), netId("lx-backend"), "eth0", 25436, "vethf76a678", 25437, "br-951c6d85ef86"],
      [idOf("lx-db"), netId("lx-backend"), "eth0", 25438, "veth7f28b69", 25439, "br-951c6d85ef86"],
      [idOf("lx-plain"), netId("bridge"), "eth0", 25443, "vethd23cfc4", 25444, "docker0"],
    ]);
    expect(body.endpoints.every((e) => e.containerIf.iflink === e.hostIf?.ifindex)).toBe(true);
  });

  it("gives each bridge network its device and ports, none stray", () => {
    expect(body.bridges).toEqual([
      { networkId: netId("bridge"), device: "docker0", mtu: 1500, state: "up", ports: ["vethd23cfc4"], strayPorts: [] },
      { networkId: netId("lx-backend"), device: "br-951c6d85ef86", mtu: 1500, state: "up", ports: ["veth7f28b69", "vethf76a678"], strayPorts: [] },
    ].sort((a, b) => t.networks.findIndex((n) => n.id === a.networkId) - t.networks.findIndex((n) => n.id === b.networkId)));
  });

  it("cannot tell stray ports while a sandbox on the bridge is unread, and says nothing wrong", () => {
    const partial = build(reads((id) => id !== idOf("lx-db")));
    const b = partial.bridges.find((x) => x.device === "br-951c6d85ef86");
    expect(b?.ports).toEqual(["veth7f28b69", "vethf76a678"]);
    expect(b?.strayPorts).toEqual([]);
    expect(partial.endpoints.some((e) => e.sandboxId === idOf("lx-db"))).toBe(false);
  });

  it("a veth whose container is gone is stray", () => {
    const withStray = assembleDatapath({
      topology: t,
      host: capture.host.map((h) => (h.name === "docker0" ? { ...h, ports: [...(h.ports ?? []), "veth0ld0ne"] } : h)),
      proxies: [],
      iptables: null,
      containers,
      sandboxes: reads(),
    });
    expect(withStray.bridges.find((b) => b.device === "docker0")?.strayPorts).toEqual(["veth0ld0ne"]);
    expect(withStray.forwardPolicy).toBeNull();
    expect(withStray.nat).toEqual([]);
  });

  it("finds the published port's DNAT rule and its docker-proxy", () => {
    expect(body.nat).toEqual([
      {
        hostIp: "127.0.0.1",
        hostPort: 8080,
        protocol: "tcp",
        to: "172.20.0.2:80",
        rule: "-A DOCKER -d 127.0.0.1/32 ! -i br-951c6d85ef86 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.20.0.2:80",
        proxy: true,
      },
    ]);
  });

  it("gives each bridge network its way out, isolation and ICC", () => {
    const lx = body.networks.find((n) => n.networkId === netId("lx-backend"));
    expect(lx).toMatchObject({
      device: "br-951c6d85ef86",
      masquerade: "-A POSTROUTING -s 172.20.0.0/16 ! -o br-951c6d85ef86 -j MASQUERADE",
      icc: "on",
      iccRule: "-A FORWARD -i br-951c6d85ef86 -o br-951c6d85ef86 -j ACCEPT",
    });
    expect(lx?.isolation).toEqual([
      "-A DOCKER-ISOLATION-STAGE-1 -i br-951c6d85ef86 ! -o br-951c6d85ef86 -j DOCKER-ISOLATION-STAGE-2",
      "-A DOCKER-ISOLATION-STAGE-2 -o br-951c6d85ef86 -j DROP",
    ]);
    expect(body.forwardPolicy).toBe("DROP");
  });

  it("shares lx-web's net namespace with lx-side, and marks the embedded DNS on the user-defined network only", () => {
    const ns = (name: string) => body.namespaces.find((n) => n.container === name);
    expect(ns("lx-web")?.net).toBe("shared:lx-web");
    expect(ns("lx-side")).toMatchObject({ sandboxId: idOf("lx-web"), net: "shared:lx-web", pid: "private" });
    expect(ns("lx-plain")?.net).toBe("private");
    const dns = (name: string) => body.resolvers.find((r) => r.sandboxId === idOf(name));
    expect(dns("lx-db")).toMatchObject({ nameservers: ["127.0.0.11"], embedded: true });
    expect(dns("lx-plain")?.embedded).toBe(false);
    expect(body.routes.find((r) => r.sandboxId === idOf("lx-db"))?.routes[0]).toEqual({ dst: "default", via: "172.20.0.1", dev: "eth0" });
  });
});

describe("both iptables backends", () => {
  it("are parsed apart and joined: a DROP policy in either wins, the same rule once", () => {
    const legacy = capture.iptables.replace(":FORWARD DROP", ":FORWARD ACCEPT");
    expect(legacy).not.toBe(capture.iptables);
    const both = build(reads(), [capture.iptables, legacy]);
    expect(both.forwardPolicy).toBe("DROP");
    expect(build(reads(), [legacy, capture.iptables]).forwardPolicy).toBe("DROP");
    expect(build(reads(), [legacy]).forwardPolicy).toBe("ACCEPT");
    // The DNAT rule, in both texts, is listed once.
    expect(both.nat.map((n) => n.hostPort)).toEqual([8080]);
    expect(both.networks.find((n) => n.device === "br-951c6d85ef86")?.isolation).toHaveLength(2);
  });
});

describe("enforcingRules: the rule behind a verdict", () => {
  const layer = linuxLayer(build());

  it("no shared network between two bridges: the source's stage-1 jump and the target's stage-2 drop", () => {
    const v = reach(t, idOf("lx-db"), idOf("lx-plain"));
    expect(v.ok).toBe(false);
    expect(enforcingRules(t, idOf("lx-db"), idOf("lx-plain"), v, layer)).toEqual([
      "-A DOCKER-ISOLATION-STAGE-1 -i br-951c6d85ef86 ! -o br-951c6d85ef86 -j DOCKER-ISOLATION-STAGE-2",
      "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP",
    ]);
  });

  it("names nothing for a pair that reaches, or when the host is out of sight", () => {
    const v = reach(t, idOf("lx-db"), idOf("lx-web"));
    expect(v.ok).toBe(true);
    expect(enforcingRules(t, idOf("lx-db"), idOf("lx-web"), v, layer)).toEqual([]);
    const blocked = reach(t, idOf("lx-db"), idOf("lx-plain"));
    expect(enforcingRules(t, idOf("lx-db"), idOf("lx-plain"), blocked, { ...layer, available: false })).toEqual([]);
  });

  it("ICC off: the FORWARD rule that drops the bridge's traffic back into itself", () => {
    // The captured nft rule set has br-0f9e8d7c6b5a with enable_icc=false.
    const iptables = readFileSync("test/fixtures/iptables/nft-docker.txt", "utf8");
    const iso = network("iso", { id: "0f9e8d7c6b5a".padEnd(64, "0"), options: { [ICC_OPTION]: "false" } });
    const a = sandbox("a");
    const b = sandbox("b");
    const model = { networks: [iso], sandboxes: [a, b], endpoints: [endpoint(a, iso, "172.19.0.2/16"), endpoint(b, iso, "172.19.0.3/16")] };
    const iccLayer = linuxLayer(assembleDatapath({ topology: { ...t, ...model }, host: [], proxies: [], iptables: [iptables], containers: [], sandboxes: new Map() }));
    const v = reach(model, a.id, b.id);
    expect(v.ok).toBe(false);
    expect(enforcingRules(model, a.id, b.id, v, iccLayer)).toEqual(["-A FORWARD -i br-0f9e8d7c6b5a -o br-0f9e8d7c6b5a -j DROP"]);
  });
});
