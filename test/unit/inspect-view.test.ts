import { describe, expect, it } from "vitest";
import type { ContainerDetail, ContainerEndpointDetail } from "@/lib/inspect/types";
import {
  detailEndpointFor,
  endpointView,
  findEndpoint,
  hashText,
  networkRevision,
  ownerId,
  portLines,
  sandboxEndpointRows,
  sandboxRevision,
  withPrefix,
} from "@/lib/inspect/view";
import { buildTopology } from "@/lib/topology/build";
import type { Endpoint } from "@/lib/topology/types";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { networkNamed, sandboxOwnedBy, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));

const sbx = sandboxOwnedBy;
const net = networkNamed;

function epDetail(network: string, networkId: string, patch: Partial<ContainerEndpointDetail> = {}): ContainerEndpointDetail {
  return {
    network,
    networkId,
    endpointId: "e".repeat(64),
    ipv4: "",
    ipv4PrefixLen: 0,
    ipv6: "",
    ipv6PrefixLen: 0,
    gateway: "",
    ipv6Gateway: "",
    mac: "",
    aliases: [],
    dnsNames: [],
    links: [],
    ipamConfig: null,
    ...patch,
  };
}

function detailOf(name: string, endpoints: ContainerEndpointDetail[], patch: Partial<ContainerDetail> = {}): ContainerDetail {
  const s = sbx(local, name);
  return {
    id: s.id,
    name,
    image: "busybox",
    state: "running",
    hostname: s.id.slice(0, 12),
    domainname: "",
    networkMode: s.networkMode,
    sandboxId: "f".repeat(64),
    sandboxKey: "/var/run/docker/netns/abc",
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    extraHosts: [],
    publishAllPorts: false,
    ports: [],
    endpoints,
    raw: {},
    ...patch,
  };
}

describe("hashText", () => {
  it("is a stable 8-digit hex digest that changes with the text", () => {
    expect(hashText("")).toBe("811c9dc5");
    expect(hashText("a")).toBe("e40c292c");
    expect(hashText("abc")).toMatch(/^[0-9a-f]{8}$/);
    expect(hashText("abc")).not.toBe(hashText("abd"));
  });
});

describe("sandboxRevision", () => {
  const web = sbx(local, "fx-web");

  it("is the same for the same topology and empty for an unknown sandbox", () => {
    expect(sandboxRevision(local, web.id)).toBe(sandboxRevision(buildTopology(snapshotOf(loadFixture("local"))), web.id));
    expect(sandboxRevision(local, "nope")).toBe("");
  });

  it("changes when an endpoint of the sandbox changes, not when another sandbox's does", () => {
    const before = sandboxRevision(local, web.id);
    const db = sbx(local, "fx-db");
    const touch = (pred: (e: Endpoint) => boolean): Model => ({
      ...local,
      endpoints: local.endpoints.map((e) => (pred(e) ? { ...e, ipv4: "10.9.9.9/24" } : e)),
    });
    expect(sandboxRevision(touch((e) => e.sandboxId === web.id), web.id)).not.toBe(before);
    expect(sandboxRevision(touch((e) => e.sandboxId === db.id), web.id)).toBe(before);
  });

  it("changes when a container of the sandbox stops, or its ports change", () => {
    const before = sandboxRevision(local, web.id);
    const stopped: Model = {
      ...local,
      sandboxes: local.sandboxes.map((s) => (s.id === web.id ? { ...s, containers: s.containers.map((c, i) => (i === 1 ? { ...c, state: "exited" } : c)) } : s)),
    };
    expect(sandboxRevision(stopped, web.id)).not.toBe(before);
    const unpublished: Model = { ...local, sandboxes: local.sandboxes.map((s) => (s.id === web.id ? { ...s, ports: [] } : s)) };
    expect(sandboxRevision(unpublished, web.id)).not.toBe(before);
  });

  it("ignores the human status text (it changes every minute)", () => {
    const later: Model = {
      ...local,
      sandboxes: local.sandboxes.map((s) => (s.id === web.id ? { ...s, containers: s.containers.map((c) => ({ ...c, status: "Up 2 hours" })) } : s)),
    };
    expect(sandboxRevision(later, web.id)).toBe(sandboxRevision(local, web.id));
  });
});

describe("networkRevision", () => {
  it("changes when an endpoint joins the network", () => {
    const back = net(local, "fx-back");
    const before = networkRevision(local, back.id);
    const extra: Endpoint = { ...must(local.endpoints[0], "an endpoint"), networkId: back.id, sandboxId: "x".repeat(64) };
    expect(networkRevision({ ...local, endpoints: [...local.endpoints, extra] }, back.id)).not.toBe(before);
    expect(networkRevision(local, "nope")).toBe("");
  });
});

describe("findEndpoint and ownerId", () => {
  it("finds an endpoint by network and sandbox", () => {
    const web = sbx(local, "fx-web");
    expect(findEndpoint(local, net(local, "fx-front").id, web.id)?.ipv4).toBe("172.31.10.2/24");
    expect(findEndpoint(local, net(local, "bridge").id, web.id)).toBeUndefined();
    expect(ownerId(web)).toBe(web.containers[0]?.id);
  });
});

describe("sandboxEndpointRows", () => {
  const web = sbx(local, "fx-web");
  const back = net(local, "fx-back");
  const front = net(local, "fx-front");

  it("lists the sandbox's endpoints by network name, without a detail", () => {
    const rows = sandboxEndpointRows(local, web.id, undefined);
    expect(rows.map((r) => r.networkName)).toEqual(["fx-back", "fx-front"]);
    expect(rows.every((r) => r.endpoint !== undefined && r.detail === undefined)).toBe(true);
  });

  it("pairs each with the detail's entry, by network ID or else by name, and appends networks only the detail knows", () => {
    const detail = detailOf("fx-web", [
      epDetail("fx-front", "", { gateway: "172.31.10.1" }),
      epDetail("fx-back", back.id, { gateway: "" }),
      epDetail("fx-ghost", "9".repeat(64)),
    ]);
    const rows = sandboxEndpointRows(local, web.id, detail);
    expect(rows.map((r) => [r.networkName, r.detail?.network])).toEqual([
      ["fx-back", "fx-back"],
      ["fx-front", "fx-front"],
      ["fx-ghost", "fx-ghost"],
    ]);
    expect(rows[2]?.endpoint).toBeUndefined();
    expect(detailEndpointFor(detail, front)?.gateway).toBe("172.31.10.1");
    expect(detailEndpointFor(undefined, front)).toBeUndefined();
  });
});

describe("endpointView", () => {
  const web = sbx(local, "fx-web");
  const front = net(local, "fx-front");
  const e = must(findEndpoint(local, front.id, web.id), "fx-web on fx-front");

  it("splits the topology's address and prefix while the detail loads", () => {
    const v = endpointView({ endpoint: e });
    expect(v).toMatchObject({ ipv4: "172.31.10.2", ipv4Prefix: 24, ipv6: "", ipv6Prefix: null, mac: "02:42:ac:1f:0a:02", gateway: "", active: true });
    expect(v.aliases).toEqual(["web", "www", "c950ea928934"]);
    expect(v.endpointId).toBe(e.id);
  });

  it("takes the detail's values once it has loaded", () => {
    const d = epDetail("fx-front", front.id, {
      ipv4: "172.31.10.2",
      ipv4PrefixLen: 24,
      ipv6: "fd00::2",
      ipv6PrefixLen: 64,
      gateway: "172.31.10.1",
      mac: "02:42:ac:1f:0a:02",
      aliases: ["web", "www"],
      dnsNames: ["fx-web", "web", "www", "c950ea928934"],
    });
    const v = endpointView({ endpoint: e, detail: d });
    expect(v).toMatchObject({ ipv4: "172.31.10.2", ipv4Prefix: 24, ipv6: "fd00::2", ipv6Prefix: 64, gateway: "172.31.10.1", aliases: ["web", "www"] });
    expect(v.dnsNames).toHaveLength(4);
  });

  it("has no address nor prefix for a stopped container", () => {
    const stopped = sbx(local, "fx-stopped");
    const s = must(findEndpoint(local, front.id, stopped.id), "fx-stopped on fx-front");
    expect(endpointView({ endpoint: s })).toMatchObject({ ipv4: "", ipv4Prefix: null, active: false, endpointId: "" });
  });
});

describe("withPrefix", () => {
  it("joins an address and its prefix length", () => {
    expect(withPrefix("172.18.0.2", 16)).toBe("172.18.0.2/16");
    expect(withPrefix("172.18.0.2", null)).toBe("172.18.0.2");
    expect(withPrefix("", 16)).toBe("");
  });
});

describe("portLines", () => {
  const web = sbx(local, "fx-default");

  it("formats the topology's published ports, bracketing IPv6 hosts and marking all interfaces and loopback", () => {
    const lines = portLines(undefined, web.ports);
    expect(lines.map((l) => l.text)).toEqual(["0.0.0.0:8089 -> 80/tcp", "[::]:8089 -> 80/tcp", "127.0.0.1:8090 -> 81/udp"]);
    expect(lines.map((l) => [l.allInterfaces, l.loopback])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
  });

  it("lists the detail's ports, exposed-only ones included", () => {
    const detail = detailOf("fx-default", [], {
      ports: [
        { containerPort: "80/tcp", bindings: [{ hostIp: "", hostPort: "8089" }] },
        { containerPort: "443/tcp", bindings: [] },
      ],
    });
    const lines = portLines(detail, web.ports);
    expect(lines.map((l) => [l.text, l.published, l.allInterfaces])).toEqual([
      ["0.0.0.0:8089 -> 80/tcp", true, true],
      ["443/tcp", false, false],
    ]);
  });
});
