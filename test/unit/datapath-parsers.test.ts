/** The pure readers of the data path: `ip -o link` and `ip route` (busybox and iproute2, captured), resolv.conf, /proc. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkReadArgv, DATAPATH_READS } from "@/lib/docker/engine";
import { bridgesOnThisHost, parseDockerProxyArgs, socketListening } from "@/lib/datapath/host-proc";
import { parseIpLink, parseIpRoute } from "@/lib/datapath/ip-output";
import { EMBEDDED_DNS, parseResolvConf } from "@/lib/datapath/resolv-conf";

const fixture = (name: string): string => readFileSync(`test/fixtures/datapath/${name}`, "utf8");

describe("parseIpLink", () => {
  it("reads busybox's lines inside a container: the veth end names its peer's ifindex", () => {
    const links = parseIpLink(fixture("busybox-ip-link.txt"));
    expect(links).toEqual([
      { ifindex: 1, name: "lo", iflink: 1, mtu: 65536, mac: "", flags: ["LOOPBACK", "UP", "LOWER_UP"], state: "" },
      { ifindex: 23350, name: "eth0", iflink: 23351, mtu: 1500, mac: "02:42:0a:64:0e:06", flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP", "M-DOWN"], state: "" },
    ]);
  });

  it("reads iproute2's lines on the host: state, master, and no peer for a plain interface", () => {
    const links = parseIpLink(fixture("iproute2-ip-link.txt"));
    expect(links.map((l) => [l.name, l.ifindex, l.iflink, l.mtu, l.state, l.master])).toEqual([
      ["lo", 1, 1, 65536, "UNKNOWN", undefined],
      ["eth0", 4, 4, 1400, "UP", undefined],
      ["docker0", 5, 5, 1500, "DOWN", undefined],
      ["veth3582885", 23819, 23818, 1500, "UP", "br-9be27d594e97"],
    ]);
    expect(links[2]?.mac).toBe("02:42:b9:d8:fe:82");
  });

  it("skips what is not an interface line, and an @NONE peer leaves the interface its own", () => {
    expect(parseIpLink("garbage\n\n7: eth1@NONE: <BROADCAST> mtu 1450 qdisc noop\n")).toEqual([
      { ifindex: 7, name: "eth1", iflink: 7, mtu: 1450, mac: "", flags: ["BROADCAST"], state: "" },
    ]);
  });
});

describe("parseIpRoute", () => {
  it("reads busybox's routes: the default gateway and the link's prefix with its source", () => {
    expect(parseIpRoute(fixture("busybox-ip-route.txt"))).toEqual([
      { dst: "default", via: "10.100.14.1", dev: "eth0" },
      { dst: "10.100.14.0/24", dev: "eth0", src: "10.100.14.6" },
    ]);
  });

  it("reads iproute2's, skipping proto and scope", () => {
    const routes = parseIpRoute(fixture("iproute2-ip-route.txt"));
    expect(routes[0]).toEqual({ dst: "default", via: "192.0.2.1", dev: "eth0" });
    expect(routes[1]).toEqual({ dst: "10.100.0.0/24", dev: "br-9be27d594e97", src: "10.100.0.1" });
  });

  it("ignores lines that are no route", () => {
    expect(parseIpRoute("RTNETLINK answers: Operation not permitted\n")).toEqual([]);
  });
});

describe("parseResolvConf", () => {
  it("marks the embedded DNS server of a user-defined network", () => {
    expect(parseResolvConf("nameserver 127.0.0.11\noptions ndots:0\n")).toEqual({ nameservers: [EMBEDDED_DNS], search: [], options: ["ndots:0"], embedded: true });
  });

  it("the default bridge copies the host's: no embedded server; comments and the last search line", () => {
    const r = parseResolvConf("# from the host\nsearch a.example\nnameserver 192.0.2.53 ; primary\nnameserver 192.0.2.54\nsearch b.example c.example\n");
    expect(r).toEqual({ nameservers: ["192.0.2.53", "192.0.2.54"], search: ["b.example", "c.example"], options: [], embedded: false });
  });
});

describe("socketListening", () => {
  const unix = [
    "Num       RefCount Protocol Flags    Type St Inode Path",
    "0000000061240a9b: 00000002 00000000 00010000 0001 01 5486055 /var/run/docker.sock",
    "00000000cc47c9fc: 00000003 00000000 00000000 0001 03 6242127 /var/run/docker.sock",
    "00000000cc47c9fd: 00000003 00000000 00000000 0001 03 6242128 /run/other.sock",
  ].join("\n");

  it("finds the engine's listening socket in this namespace", () => {
    expect(socketListening(unix, ["/run/docker.sock", "/var/run/docker.sock"])).toBe(true);
  });

  it("a connected socket at a path is not a listener, and an absent path is not there", () => {
    expect(socketListening(unix, ["/run/other.sock"])).toBe(false);
    expect(socketListening(unix, ["/run/cnmap-engine2/docker.sock"])).toBe(false);
  });
});

describe("parseDockerProxyArgs", () => {
  it("reads the port a docker-proxy serves", () => {
    const argv = ["/usr/sbin/docker-proxy", "-proto", "tcp", "-host-ip", "0.0.0.0", "-host-port", "8080", "-container-ip", "172.17.0.2", "-container-port", "80"];
    expect(parseDockerProxyArgs(argv)).toEqual({ protocol: "tcp", hostIp: "0.0.0.0", hostPort: 8080, to: "172.17.0.2:80" });
  });

  it("refuses another program, or a proxy missing an argument", () => {
    expect(parseDockerProxyArgs(["/usr/bin/sleep", "-proto", "tcp"])).toBeNull();
    expect(parseDockerProxyArgs(["docker-proxy", "-proto", "tcp", "-host-ip", "0.0.0.0"])).toBeNull();
  });
});

describe("the data path's reads inside a container", () => {
  it("are exactly DATAPATH_READS, whole argument lists compared", () => {
    for (const argv of DATAPATH_READS) expect(() => checkReadArgv(argv)).not.toThrow();
    expect(() => checkReadArgv(["cat", "/etc/shadow"])).toThrow(/not an allowed data path read/);
    expect(() => checkReadArgv(["ip", "-o", "link", "set", "eth0", "down"])).toThrow(/not an allowed data path read/);
    expect(() => checkReadArgv(["ip", "route", "flush", "all"])).toThrow(/not an allowed data path read/);
    expect(() => checkReadArgv(["sh", "-c", "ip route"])).toThrow(/not an allowed data path read/);
    expect(() => checkReadArgv([])).toThrow(/not an allowed data path read/);
  });
});

describe("bridgesOnThisHost", () => {
  const networks = [
    { device: "docker0", gateways: ["172.17.0.1"] },
    { device: "br-951c6d85ef86", gateways: ["172.20.0.1"] },
    { device: null, gateways: [] },
  ];
  it("a bridge holding its gateway address here: this host's engine", () => {
    expect(bridgesOnThisHost(networks, { lo: [{ address: "127.0.0.1" }], "br-951c6d85ef86": [{ address: "172.20.0.1" }] })).toBe(true);
  });
  it("no bridge of the engine here, or with another address: a relayed socket", () => {
    expect(bridgesOnThisHost(networks, { lo: [{ address: "127.0.0.1" }], eth0: [{ address: "192.0.2.5" }] })).toBe(false);
    expect(bridgesOnThisHost(networks, { docker0: [{ address: "172.18.0.1" }] })).toBe(false);
  });
  it("nothing to tell by: no bridge network with a gateway", () => {
    expect(bridgesOnThisHost([{ device: null, gateways: [] }], {})).toBeNull();
  });
});
