import { describe, expect, it } from "vitest";
import { MIN_ID_PREFIX, searchTopology, type SearchHit } from "@/lib/graph/search";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, networkNamed, sandbox, sandboxOwnedBy } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const swarm = buildTopology(snapshotOf(loadFixture("swarm")));

const sid = (name: string): string => sandboxOwnedBy(local, name).id;
const nid = (name: string, t = local): string => networkNamed(t, name).id;

function brief(hits: SearchHit[]): string[] {
  return hits.map((h) => `${h.kind}:${h.label}`);
}

describe("searchTopology: containers", () => {
  it("finds a container by exact name first, then by prefix and substring", () => {
    const hits = searchTopology(local, "fx-web");
    expect(hits[0]).toEqual({
      selection: { kind: "sandbox", id: sid("fx-web") },
      kind: "container",
      label: "fx-web",
      detail: "cnmap-test-busybox:latest · running",
    });
    expect(brief(searchTopology(local, "fx-s"))).toEqual(["container:fx-sidecar", "container:fx-sidecar2", "container:fx-stopped", "container:fx-stopped-default"]);
  });

  it("is case-insensitive and ignores surrounding spaces", () => {
    expect(searchTopology(local, "  FX-DB ")[0]).toMatchObject({ kind: "container", label: "fx-db" });
  });

  it("selects the owner's sandbox for a container that shares its namespace", () => {
    const hit = must(searchTopology(local, "fx-sidecar2")[0], "hit");
    expect(hit.selection).toEqual({ kind: "sandbox", id: sid("fx-web") });
    expect(hit.detail).toMatch(/in fx-web's namespace$/);
  });

  it("finds a container by short or long ID prefix", () => {
    const id = sid("fx-db");
    for (const q of [id.slice(0, MIN_ID_PREFIX), id.slice(0, 12), id, id.toUpperCase()]) {
      expect(searchTopology(local, q).map((h) => h.selection)).toContainEqual({ kind: "sandbox", id });
    }
    expect(searchTopology(local, id.slice(0, 12))[0]).toMatchObject({ kind: "container", label: "fx-db" });
    // Too short for an ID; and an ID never matches in its middle.
    expect(searchTopology(local, id.slice(0, MIN_ID_PREFIX - 1)).some((h) => h.label === "fx-db")).toBe(false);
    expect(searchTopology(local, id.slice(5, 17)).some((h) => h.label === "fx-db")).toBe(false);
  });

  it("finds containers by image, after names", () => {
    const hits = searchTopology(local, "busybox", 100);
    expect(hits.length).toBe(local.sandboxes.reduce((n, s) => n + s.containers.length, 0));
    expect(hits.every((h) => h.kind === "container")).toBe(true);
  });
});

describe("searchTopology: networks", () => {
  it("finds a network by name, exact before prefix", () => {
    const hits = searchTopology(local, "fx-back");
    expect(hits[0]).toEqual({ selection: { kind: "network", id: nid("fx-back") }, kind: "network", label: "fx-back", detail: "bridge · 172.31.11.0/24" });
  });

  it("finds a network by ID prefix, swarm IDs included", () => {
    expect(searchTopology(local, nid("fx-v6").slice(0, 12))[0]).toMatchObject({ kind: "network", label: "fx-v6" });
    const ov = nid("fx-overlay", swarm);
    expect(searchTopology(swarm, ov.slice(0, 6))[0]).toMatchObject({ kind: "network", label: "fx-overlay" });
  });

  it("finds a network by subnet", () => {
    expect(searchTopology(local, "172.31.12.0/24")[0]).toMatchObject({ kind: "network", label: "fx-v6" });
    expect(searchTopology(local, "fd00:c0de::/64")[0]).toMatchObject({ kind: "network", label: "fx-v6" });
  });
});

describe("searchTopology: addresses, MACs and aliases", () => {
  it("finds an endpoint by exact IPv4 and selects it", () => {
    expect(searchTopology(local, "172.31.11.130")[0]).toEqual({
      selection: { kind: "endpoint", networkId: nid("fx-back"), sandboxId: sid("fx-db") },
      kind: "ip",
      label: "172.31.11.130",
      detail: "fx-db on fx-back",
    });
    expect(searchTopology(local, "172.31.11.130/24")[0]).toMatchObject({ kind: "ip", label: "172.31.11.130" });
  });

  it("finds addresses by prefix, before the subnet they belong to", () => {
    const hits = searchTopology(local, "172.31.11.");
    expect(brief(hits)).toEqual(["ip:172.31.11.129", "ip:172.31.11.130", "network:fx-back"]);
    expect(hits[0]?.detail).toBe("fx-web on fx-back");
  });

  it("finds an IPv6 address", () => {
    expect(searchTopology(local, "FD00:C0DE::2")[0]).toMatchObject({ kind: "ip", label: "fd00:c0de::2", detail: "fx-v6c on fx-v6" });
  });

  it("finds a MAC, with colons or dashes", () => {
    const want = { kind: "mac", label: "02:42:ac:1f:0b:82", selection: { kind: "endpoint", networkId: nid("fx-back"), sandboxId: sid("fx-db") } };
    expect(searchTopology(local, "02:42:AC:1F:0B:82")[0]).toMatchObject(want);
    expect(searchTopology(local, "02-42-ac-1f-0b-82")[0]).toMatchObject(want);
  });

  it("finds a network alias and selects its endpoint", () => {
    expect(searchTopology(local, "www")).toEqual([
      {
        selection: { kind: "endpoint", networkId: nid("fx-front"), sandboxId: sid("fx-web") },
        kind: "alias",
        label: "www",
        detail: "alias of fx-web on fx-front",
      },
    ]);
    expect(searchTopology(local, "api")[0]).toMatchObject({ kind: "alias", label: "api", detail: "alias of fx-web on fx-back" });
  });

  it("does not repeat the container's own name or short ID as an alias", () => {
    const short = sid("fx-db").slice(0, 12);
    expect(searchTopology(local, short).filter((h) => h.kind === "alias")).toEqual([]);
  });
});

describe("searchTopology: ranking and limits", () => {
  const web = sandbox("web");
  const webby = sandbox("webby");
  const cobweb = sandbox("cobweb");
  const appNet = network("app-net", { ipam: [{ subnet: "10.9.0.0/24" }] });
  const webNet = network("web", { id: "f".repeat(64) });
  const t = {
    networks: [appNet, webNet],
    sandboxes: [cobweb, webby, web],
    endpoints: [endpoint(web, appNet, "10.9.0.2/24", ["web-alias"]), endpoint(cobweb, appNet, "10.9.0.3/24")],
  };

  it("ranks exact, then prefix, then substring; containers before networks at equal rank", () => {
    expect(brief(searchTopology(t, "web"))).toEqual(["container:web", "network:web", "container:webby", "alias:web-alias", "container:cobweb"]);
  });

  it("cuts at the limit and answers nothing for a blank query", () => {
    expect(searchTopology(t, "web", 2)).toHaveLength(2);
    expect(searchTopology(t, "   ")).toEqual([]);
    expect(searchTopology(t, "web", 0)).toEqual([]);
    expect(searchTopology(t, "nothing-like-this")).toEqual([]);
  });

  it("defaults to 20 hits", () => {
    const many = Array.from({ length: 30 }, (_, i) => sandbox(`svc${i}`));
    expect(searchTopology({ networks: [], sandboxes: many, endpoints: [] }, "svc")).toHaveLength(20);
  });

  it("skips inactive endpoints' empty addresses", () => {
    const stopped = sandbox("stopped", { state: "exited" });
    const model = { networks: [appNet], sandboxes: [stopped], endpoints: [endpoint(stopped, appNet, "10.9.0.9/24", [], false)] };
    expect(searchTopology(model, "10.9")).toEqual([
      { selection: { kind: "network", id: appNet.id }, kind: "network", label: "app-net", detail: "bridge · 10.9.0.0/24" },
    ]);
  });
});
