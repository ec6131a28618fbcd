import { describe, expect, it } from "vitest";
import { dnsView, registeredNames, resolveName, type DnsNetworkView } from "@/lib/insights/dns";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, sandbox, sandboxOwnedBy, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const swarm = buildTopology(snapshotOf(loadFixture("swarm")));

const sid = (t: Model, name: string): string => sandboxOwnedBy(t, name).id;

function view(views: DnsNetworkView[], network: string): DnsNetworkView {
  return must(
    views.find((v) => v.networkName === network),
    `view of ${network}`,
  );
}

function table(v: DnsNetworkView): Record<string, string[]> {
  return Object.fromEntries(v.names.map((r) => [r.name, r.addresses]));
}

describe("dnsView on the captured engine", () => {
  const web = dnsView(local, sid(local, "fx-web"));

  it("gives one view per network of fx-web, in network order", () => {
    expect(web.map((v) => v.networkName)).toEqual(["fx-back", "fx-front"]);
    expect(web.every((v) => v.dns)).toBe(true);
  });

  it("resolves fx-web's names and aliases, and fx-db, on fx-back", () => {
    expect(table(view(web, "fx-back"))).toEqual({
      "2c2cb7c890c9": ["172.31.11.130"],
      api: ["172.31.11.129"],
      c950ea928934: ["172.31.11.129"],
      "fx-db": ["172.31.11.130"],
      "fx-web": ["172.31.11.129"],
    });
    const db = must(
      view(web, "fx-back").names.find((r) => r.name === "fx-db"),
      "fx-db record",
    );
    expect(db.self).toBe(false);
    expect(db.targets).toEqual([{ sandboxId: sid(local, "fx-db"), container: "fx-db", addresses: ["172.31.11.130"], kind: "name" }]);
  });

  it("resolves web and www (its aliases on fx-front) to its own address there, marked self", () => {
    const front = view(web, "fx-front");
    expect(table(front)).toEqual({ c950ea928934: ["172.31.10.2"], "fx-web": ["172.31.10.2"], web: ["172.31.10.2"], www: ["172.31.10.2"] });
    expect(front.names.every((r) => r.self && !r.roundRobin)).toBe(true);
    expect(front.names.find((r) => r.name === "www")?.targets[0]?.kind).toBe("alias");
    expect(front.names.find((r) => r.name === "c950ea928934")?.targets[0]?.kind).toBe("short-id");
  });

  it("does not resolve the api alias on fx-front: aliases are per network", () => {
    expect(table(view(web, "fx-front")).api).toBeUndefined();
  });

  it("lists the stopped and never-started containers as unresolvable, with the reason", () => {
    const front = view(web, "fx-front");
    expect(front.unresolvable.map((u) => u.name)).toEqual(["17eadf075524", "052475f1ea91", "fx-created", "fx-stopped"].sort());
    const stopped = must(
      front.unresolvable.find((u) => u.name === "fx-stopped"),
      "fx-stopped",
    );
    expect(stopped.reason).toBe("fx-stopped is exited: its endpoint on fx-front has no address");
    expect(front.unresolvable.find((u) => u.name === "fx-created")?.reason).toMatch(/fx-created is created: .*no address/);
    expect(view(web, "fx-back").unresolvable.map((u) => u.name)).toEqual(["17eadf075524", "fx-stopped"]);
  });

  it("says that the sidecars sharing fx-web's namespace register no name", () => {
    expect(view(web, "fx-front").note).toMatch(/fx-sidecar, fx-sidecar2 share this namespace/);
    expect(table(view(web, "fx-front"))["fx-sidecar"]).toBeUndefined();
  });

  it("resolves fx-web from fx-db by its fx-back aliases only", () => {
    const db = dnsView(local, sid(local, "fx-db"));
    expect(db.map((v) => v.networkName)).toEqual(["fx-back"]);
    expect(table(view(db, "fx-back")).api).toEqual(["172.31.11.129"]);
    expect(table(view(db, "fx-back")).web).toBeUndefined();
    expect(resolveName(local, sid(local, "fx-db"), "FX-WEB")).toEqual([{ network: "fx-back", addresses: ["172.31.11.129"] }]);
    expect(resolveName(local, sid(local, "fx-db"), "www")).toEqual([]);
  });

  it("resolves a name qualified by its network (name.network), on that network only", () => {
    const db = sid(local, "fx-db");
    expect(resolveName(local, db, "fx-web.fx-back")).toEqual([{ network: "fx-back", addresses: ["172.31.11.129"] }]);
    expect(resolveName(local, db, "FX-WEB.FX-BACK.")).toEqual([{ network: "fx-back", addresses: ["172.31.11.129"] }]);
    expect(resolveName(local, db, "fx-web.fx-front")).toEqual([]);
    expect(resolveName(local, db, "fx-web.bridge")).toEqual([]);
  });

  it("gives both IPv4 and IPv6 addresses on a dual-stack network", () => {
    const v6 = view(dnsView(local, sid(local, "fx-v6c")), "fx-v6");
    expect(table(v6)["fx-v6c"]).toEqual(["172.31.12.2", "fd00:c0de::2"]);
  });

  it("says plainly that the default bridge has no name resolution", () => {
    const views = dnsView(local, sid(local, "fx-default"));
    expect(views).toHaveLength(1);
    const bridge = view(views, "bridge");
    expect(bridge.dns).toBe(false);
    expect(bridge.names).toEqual([]);
    expect(bridge.note).toMatch(/no name resolution between containers/);
  });

  it("resolves nothing on host and none", () => {
    const host = view(dnsView(local, sid(local, "fx-host")), "host");
    expect(host).toMatchObject({ dns: false, names: [], unresolvable: [] });
    expect(host.note).toMatch(/host's network stack/);
    const none = view(dnsView(local, sid(local, "fx-none")), "none");
    expect(none).toMatchObject({ dns: false, names: [] });
    expect(none.note).toMatch(/networking disabled/);
  });

  it("tells a stopped sandbox it resolves nothing until it starts", () => {
    const front = view(dnsView(local, sid(local, "fx-stopped")), "fx-front");
    expect(front.note).toMatch(/fx-stopped is not running/);
    expect(table(front)["fx-web"]).toEqual(["172.31.10.2"]);
    expect(front.names.some((r) => r.self)).toBe(false);
  });

  it("resolves names on an attachable overlay and a macvlan network", () => {
    expect(table(view(dnsView(swarm, sid(swarm, "fx-ov")), "fx-overlay"))["fx-ov"]).toEqual(["10.231.0.2"]);
    expect(table(view(dnsView(swarm, sid(swarm, "fx-mv")), "fx-macvlan"))["fx-mv"]).toEqual(["172.31.20.70"]);
  });

  it("is empty for an unknown sandbox", () => {
    expect(dnsView(local, "nope")).toEqual([]);
  });
});

describe("dnsView on hand-made topologies", () => {
  const app = network("app", { ipam: [{ subnet: "10.9.0.0/24" }] });
  const a = sandbox("api-1");
  const b = sandbox("api-2");
  const c = sandbox("api-3", { state: "exited" });
  const client = sandbox("client");
  const t: Model = {
    networks: [app],
    sandboxes: [a, b, c, client],
    endpoints: [
      endpoint(a, app, "10.9.0.2/24", ["api"]),
      endpoint(b, app, "10.9.0.3/24", ["API"]),
      endpoint(c, app, "", ["api"], false),
      endpoint(client, app, "10.9.0.9/24"),
    ],
  };

  it("merges a shared alias into one round-robin name with every live address", () => {
    const v = view(dnsView(t, client.id), "app");
    const api = must(
      v.names.find((r) => r.name.toLowerCase() === "api"),
      "api",
    );
    expect(api.addresses).toEqual(["10.9.0.2", "10.9.0.3"]);
    expect(api.roundRobin).toBe(true);
    expect(api.targets.map((x) => x.container)).toEqual(["api-1", "api-2"]);
    expect(api.inactive).toEqual(["api-3"]);
    expect(v.names.find((r) => r.name === "api-1")?.roundRobin).toBe(false);
  });

  it("adds the short ID when the engine does not list it among the aliases", () => {
    expect(registeredNames(client, endpoint(client, app, "10.9.0.9/24"))).toEqual([
      { name: "client", kind: "name" },
      { name: client.id.slice(0, 12), kind: "short-id" },
    ]);
    expect(table(view(dnsView(t, a.id), "app"))[client.id.slice(0, 12)]).toEqual(["10.9.0.9"]);
  });

  it("lists the stopped container's own names as unresolvable, not the shared alias", () => {
    const v = view(dnsView(t, client.id), "app");
    expect(v.unresolvable.map((u) => u.name)).toEqual([c.id.slice(0, 12), "api-3"].sort());
  });
});
