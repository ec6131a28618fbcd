import { describe, expect, it } from "vitest";
import { exposure, outbound, reach, reachable, reachMatrix } from "@/lib/insights/reachability";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, sandbox, sandboxOwnedBy, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const swarm = buildTopology(snapshotOf(loadFixture("swarm")));

const sid = (t: Model, name: string): string => sandboxOwnedBy(t, name).id;

function names(t: Model, ids: Set<string>): string[] {
  return t.sandboxes.filter((s) => ids.has(s.id)).map((s) => s.containers[0]?.name ?? "").sort();
}

describe("reach on the captured engine", () => {
  const id = (n: string): string => sid(local, n);

  it("fx-web and fx-db talk over fx-back, both ways", () => {
    const there = reach(local, id("fx-web"), id("fx-db"));
    expect(there.ok).toBe(true);
    expect(there.via).toEqual(["fx-back"]);
    expect(there.reason).toBe("fx-web and fx-db share fx-back (fx-web 172.31.11.129 -> fx-db 172.31.11.130)");
    expect(reach(local, id("fx-db"), id("fx-web"))).toMatchObject({ ok: true, via: ["fx-back"] });
  });

  it("fx-default and fx-db share no network", () => {
    const v = reach(local, id("fx-default"), id("fx-db"));
    expect(v.ok).toBe(false);
    expect(v.via).toEqual([]);
    expect(v.reason).toBe("no shared network: fx-default is on bridge; fx-db is on fx-back");
    expect(v.throughHost).toEqual([]);
  });

  it("points to fx-web's published port when there is no direct path", () => {
    const v = reach(local, id("fx-default"), id("fx-web"));
    expect(v.ok).toBe(false);
    expect(v.throughHost.map((p) => `${p.hostPort}/${p.protocol}`)).toEqual(["8091/tcp"]);
    expect(v.reason).toMatch(/published port 8091\/tcp through the host's address/);
    // fx-db is on an internal network only: no route to the host's address.
    expect(reach(local, id("fx-db"), id("fx-default")).throughHost).toEqual([]);
  });

  it("host-mode fx-host reaches containers on bridge networks through the host's bridges", () => {
    const v = reach(local, id("fx-host"), id("fx-web"));
    expect(v.ok).toBe(true);
    expect(v.via).toEqual(["fx-back", "fx-front"]);
    expect(v.reason).toMatch(/^fx-host uses the host's network stack; the host reaches fx-web at 172\.31\.11\.129 on fx-back \(bridge br-0d388794b561/);
    const back = reach(local, id("fx-db"), id("fx-host"));
    expect(back).toMatchObject({ ok: true, via: ["fx-back"] });
    expect(back.reason).toMatch(/fx-host uses the host's network stack; fx-db reaches it through its gateway/);
  });

  it("none-mode and stopped sandboxes reach nothing", () => {
    expect(reach(local, id("fx-none"), id("fx-web"))).toMatchObject({ ok: false, reason: "fx-none has networking disabled (--network none)" });
    const stopped = reach(local, id("fx-web"), id("fx-stopped"));
    expect(stopped.ok).toBe(false);
    expect(stopped.reason).toMatch(/^fx-stopped is exited/);
    expect(reach(local, id("fx-created"), id("fx-created")).ok).toBe(false);
  });

  it("a running sandbox reaches itself", () => {
    expect(reach(local, id("fx-web"), id("fx-web"))).toMatchObject({ ok: true, via: [] });
  });

  it("host mode cannot reach macvlan children or overlay addresses", () => {
    const hostId = sid(swarm, "fx-host");
    const mv = reach(swarm, hostId, sid(swarm, "fx-mv"));
    expect(mv.ok).toBe(false);
    expect(mv.blocked).toEqual([{ network: "fx-macvlan", reason: "the host cannot reach its own macvlan containers through the parent interface" }]);
    expect(reach(swarm, hostId, sid(swarm, "fx-ov")).blocked[0]?.reason).toMatch(/overlay: the host has no address on it/);
  });

  it("reachable lists every sandbox fx-web can reach", () => {
    expect(names(local, reachable(local, id("fx-web")))).toEqual(["fx-db", "fx-host"]);
    expect(names(local, reachable(local, id("fx-host")))).toEqual(["fx-db", "fx-default", "fx-noicc-a", "fx-v6c", "fx-web"]);
    expect(reachable(local, id("fx-none")).size).toBe(0);
  });

  it("a matrix limited to some sandboxes keeps the whole engine's verdicts", () => {
    const m = reachMatrix(local, new Set([id("fx-web"), id("fx-db"), id("fx-none")]));
    expect(m.sandboxes.map((s) => s.name)).toEqual(["fx-db", "fx-none", "fx-web"]);
    expect(m.cells[2]?.[0]).toEqual(reach(local, id("fx-web"), id("fx-db")));
  });

  it("orders names naturally (svc-2 before svc-10)", () => {
    const net = network("n");
    const ss = ["svc-10", "svc-2", "svc-1"].map((n) => sandbox(n));
    const m = reachMatrix({ networks: [net], sandboxes: ss, endpoints: ss.map((s, i) => endpoint(s, net, `10.0.0.${i + 2}/24`)) });
    expect(m.sandboxes.map((s) => s.name)).toEqual(["svc-1", "svc-2", "svc-10"]);
  });

  it("the matrix covers every running sandbox, symmetric here, with reasons", () => {
    const m = reachMatrix(local);
    expect(m.sandboxes.map((s) => s.name)).toEqual(["fx-db", "fx-default", "fx-host", "fx-noicc-a", "fx-none", "fx-v6c", "fx-web"]);
    expect(m.cells).toHaveLength(7);
    const at = (a: string, b: string): boolean => {
      const i = m.sandboxes.findIndex((s) => s.name === a);
      const j = m.sandboxes.findIndex((s) => s.name === b);
      return must(m.cells[i]?.[j], `${a}->${b}`).ok;
    };
    expect(at("fx-web", "fx-db")).toBe(true);
    expect(at("fx-default", "fx-db")).toBe(false);
    expect(at("fx-none", "fx-none")).toBe(false);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        expect(m.cells[i]?.[j]?.ok).toBe(m.cells[j]?.[i]?.ok);
        expect(m.cells[i]?.[j]?.reason).not.toBe("");
      }
    }
  });
});

describe("outbound and exposure", () => {
  it("marks the internal fx-back as having no route out", () => {
    const db = outbound(local, sid(local, "fx-db"));
    expect(db.ok).toBe(false);
    expect(db.blocked).toEqual([{ network: "fx-back", reason: "fx-back is internal: no route out" }]);
    const web = outbound(local, sid(local, "fx-web"));
    expect(web).toMatchObject({ ok: true, via: ["fx-front"], blocked: [{ network: "fx-back" }] });
    expect(outbound(local, sid(local, "fx-host")).ok).toBe(true);
    expect(outbound(local, sid(local, "fx-none")).ok).toBe(false);
    expect(outbound(swarm, sid(swarm, "fx-ov")).reason).toMatch(/docker_gwbridge/);
  });

  it("says which published ports are reachable from outside", () => {
    const e = exposure(local, sid(local, "fx-default"));
    expect(e.ports.map((p) => [p.hostIp, p.hostPort, p.fromOutside])).toEqual([
      ["0.0.0.0", 8089, true],
      ["::", 8089, true],
      ["127.0.0.1", 8090, false],
    ]);
    expect(e.ports[2]?.reason).toMatch(/loopback/);
    expect(exposure(local, sid(local, "fx-host")).note).toMatch(/host's network stack/);
  });
});

describe("reach on hand-made topologies", () => {
  it("ICC off on the only shared network blocks the pair, with the reason", () => {
    const iso = network("iso", { options: { "com.docker.network.bridge.enable_icc": "false" } });
    const a = sandbox("a");
    const b = sandbox("b");
    const t: Model = { networks: [iso], sandboxes: [a, b], endpoints: [endpoint(a, iso, "10.1.0.2/24"), endpoint(b, iso, "10.1.0.3/24")] };
    const v = reach(t, a.id, b.id);
    expect(v.ok).toBe(false);
    expect(v.reason).toBe("inter-container communication is disabled on iso (com.docker.network.bridge.enable_icc=false)");
    expect(v.blocked.map((x) => x.network)).toEqual(["iso"]);

    // A second, ordinary network between them opens the path.
    const open = network("open");
    const t2: Model = { ...t, networks: [iso, open], endpoints: [...t.endpoints, endpoint(a, open, "10.2.0.2/24"), endpoint(b, open, "10.2.0.3/24")] };
    expect(reach(t2, a.id, b.id)).toMatchObject({ ok: true, via: ["open"], blocked: [{ network: "iso" }] });
  });

  it("two host-mode containers share the host's stack", () => {
    const host = network("host", { driver: "host", predefined: true });
    const a = sandbox("ha", { networkMode: "host" });
    const b = sandbox("hb", { networkMode: "host" });
    const t: Model = { networks: [host], sandboxes: [a, b], endpoints: [endpoint(a, host, ""), endpoint(b, host, "")] };
    expect(reach(t, a.id, b.id)).toMatchObject({ ok: true, via: ["host"] });
  });

  it("an inactive endpoint on a shared network does not carry traffic", () => {
    const n = network("n");
    const a = sandbox("a");
    const b = sandbox("b");
    const t: Model = { networks: [n], sandboxes: [a, b], endpoints: [endpoint(a, n, "10.1.0.2/24"), endpoint(b, n, "", [], false)] };
    expect(reach(t, a.id, b.id)).toMatchObject({ ok: false, reason: "b has no active endpoint" });
  });
});
