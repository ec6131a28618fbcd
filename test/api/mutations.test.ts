/**
 * The mutation API against the real engine, when everything goes right:
 * every operation is checked with the engine itself (`docker network
 * inspect`, `docker inspect`, `docker network ls`), never with cnmap's own
 * answers alone. Everything made here carries this run's label and is
 * removed in afterAll.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Network } from "@/lib/topology/types";
import {
  cleanupLabelled,
  createContainer,
  createNetwork,
  docker,
  dockerTry,
  inspect,
  networkInspect,
  runContainer,
  uniqueName,
  LABEL_KEY,
  RUN_ID,
} from "../support/docker-cli";
import { expectedNetwork, fetchTopology, type ContainerInspect, type InspectEndpoint, type NetworkInspect } from "../support/api";
import {
  apiCreateOnFreeSubnet,
  cliOnFreeSubnet,
  createdNetwork,
  del,
  engineState,
  json,
  networkLs,
  post,
  randomV6Prefix,
  type RawResponse,
} from "../support/mutate";

const api = inject("apiUrl");
const labels = { [LABEL_KEY]: RUN_ID };

const netInspect = (ref: string): NetworkInspect => {
  const n = networkInspect<NetworkInspect>(ref)[0];
  if (!n) throw new Error(`no network ${ref}`);
  return n;
};
const containerInspect = (ref: string): ContainerInspect => {
  const c = inspect<ContainerInspect>(ref)[0];
  if (!c) throw new Error(`no container ${ref}`);
  return c;
};
const attachment = (container: string, network: string): InspectEndpoint | undefined =>
  containerInspect(container).NetworkSettings.Networks?.[network];
const networkExists = (id: string): boolean => networkLs().some((line) => line.startsWith(`${id} `));

/** The 201 body is exactly what `docker network inspect` reports, field by field. */
function expectMatchesInspect(n: Network): NetworkInspect {
  const inspected = netInspect(n.id);
  expect(n).toEqual(expectedNetwork(inspected));
  return inspected;
}

function expect204(res: RawResponse): void {
  expect(res.status, res.text.slice(0, 500)).toBe(204);
  expect(res.text).toBe("");
}

afterAll(() => cleanupLabelled());

// ------------------------------------------------------------------ create

describe("POST /api/networks", () => {
  it("creates a bridge with subnet, gateway, ip-range, aux address, labels and options: 201 equal to its inspect", async () => {
    const name = uniqueName("m-full");
    const { network: n, a, b } = await apiCreateOnFreeSubnet(api, (a, b) => ({
      name,
      driver: "bridge",
      ipam: [
        {
          subnet: `10.${a}.${b}.0/24`,
          gateway: `10.${a}.${b}.254`,
          ipRange: `10.${a}.${b}.128/25`,
          auxAddresses: { reserved: `10.${a}.${b}.129` },
        },
      ],
      labels: { ...labels, "cnmap.role": "full" },
      options: { "com.docker.network.driver.mtu": "1400" },
    }));
    const inspected = expectMatchesInspect(n);
    expect(inspected.Name).toBe(name);
    expect(n).toMatchObject({
      name,
      driver: "bridge",
      scope: "local",
      internal: false,
      attachable: false,
      ipv6: false,
      predefined: false,
      ipam: [{ subnet: `10.${a}.${b}.0/24`, gateway: `10.${a}.${b}.254`, ipRange: `10.${a}.${b}.128/25`, auxAddresses: { reserved: `10.${a}.${b}.129` } }],
      labels: { [LABEL_KEY]: RUN_ID, "cnmap.role": "full" },
      options: { "com.docker.network.driver.mtu": "1400" },
    });
    // The topology reports the same network.
    const t = await fetchTopology(api);
    expect(t.networks.find((x) => x.id === n.id)).toEqual(n);
    // Exactly one network has the name.
    expect(networkLs().filter((line) => line.endsWith(` ${name}`))).toHaveLength(1);
  });

  it("creates an internal network", async () => {
    const res = await post(api, "/api/networks", { name: uniqueName("m-internal"), internal: true, labels });
    const n = createdNetwork(res);
    expectMatchesInspect(n);
    expect(n.internal).toBe(true);
    expect(netInspect(n.id).Internal).toBe(true);
  });

  it("creates an attachable network", async () => {
    const n = createdNetwork(await post(api, "/api/networks", { name: uniqueName("m-attach"), attachable: true, labels }));
    expectMatchesInspect(n);
    expect(netInspect(n.id).Attachable).toBe(true);
  });

  it("creates an IPv6 dual-stack network", async () => {
    const v6 = randomV6Prefix();
    const { network: n, a, b } = await apiCreateOnFreeSubnet(api, (a, b) => ({
      name: uniqueName("m-v6"),
      ipv6: true,
      ipam: [{ subnet: `10.${a}.${b}.0/24` }, { subnet: `${v6}::/64`, gateway: `${v6}::1` }],
      labels,
    }));
    const inspected = expectMatchesInspect(n);
    expect(inspected.EnableIPv6).toBe(true);
    expect(n.ipv6).toBe(true);
    expect(n.ipam.map((c) => c.subnet).sort()).toEqual([`10.${a}.${b}.0/24`, `${v6}::/64`].sort());
    expect(n.ipam.find((c) => c.subnet === `${v6}::/64`)?.gateway).toBe(`${v6}::1`);
  });

  it("accepts a request carrying this server's own Origin and Sec-Fetch-Site: same-origin", async () => {
    const origin = new URL(api).origin;
    const res = await post(api, "/api/networks", { name: uniqueName("m-origin"), labels }, { origin, "sec-fetch-site": "same-origin" });
    expectMatchesInspect(createdNetwork(res));
  });
});

// ------------------------------------------------------------------ remove

describe("DELETE /api/networks/{idOrName}", () => {
  it("removes a network by name: 204, gone from `docker network ls`", async () => {
    const name = uniqueName("m-rm");
    const id = createNetwork(name);
    expect(networkExists(id)).toBe(true);
    expect204(await del(api, `/api/networks/${encodeURIComponent(name)}`));
    expect(networkExists(id)).toBe(false);
    expect(dockerTry("network", "inspect", id).ok).toBe(false);
  });

  it("removes a network by ID and by a unique ID prefix", async () => {
    const byId = createNetwork(uniqueName("m-rmid"));
    expect204(await del(api, `/api/networks/${byId}`));
    expect(networkExists(byId)).toBe(false);
    const byPrefix = createNetwork(uniqueName("m-rmpre"));
    expect204(await del(api, `/api/networks/${byPrefix.slice(0, 16)}`));
    expect(networkExists(byPrefix)).toBe(false);
  });
});

// --------------------------------------------------------- connect / disconnect

describe("POST /api/networks/{idOrName}/connect and /disconnect", () => {
  let net = "";
  let netName = "";
  let subnet = { a: 0, b: 0 };

  beforeAll(() => {
    netName = uniqueName("m-conn");
    net = cliOnFreeSubnet((a, b) => {
      subnet = { a, b };
      return createNetwork(netName, "--subnet", `10.${a}.${b}.0/24`);
    });
  });

  it("connects a running container with aliases and a fixed IPv4: inspect shows them", async () => {
    const id = runContainer(uniqueName("m-run"));
    const ip = `10.${subnet.a}.${subnet.b}.77`;
    expect204(await post(api, `/api/networks/${netName}/connect`, { container: id, aliases: ["web", "api-1"], ipv4: ip }));
    const ep = attachment(id, netName);
    expect(ep, "the container's attachment to the network").toBeDefined();
    expect(ep?.NetworkID).toBe(net);
    expect(ep?.EndpointID).not.toBe("");
    expect(ep?.IPAddress).toBe(ip);
    expect(ep?.Aliases).toEqual(expect.arrayContaining(["web", "api-1"]));
    const raw = containerInspect(id) as unknown as { NetworkSettings: { Networks: Record<string, { IPAMConfig: { IPv4Address?: string } | null }> } };
    expect(raw.NetworkSettings.Networks[netName]?.IPAMConfig?.IPv4Address).toBe(ip);
    // The network's own inspect lists the container.
    const containers = (networkInspect<{ Containers: Record<string, { IPv4Address: string }> }>(net)[0]?.Containers) ?? {};
    expect(containers[id]?.IPv4Address).toBe(`${ip}/24`);
  });

  it("connects by container name and network ID", async () => {
    const name = uniqueName("m-byname");
    const id = runContainer(name);
    expect204(await post(api, `/api/networks/${net}/connect`, { container: name }));
    expect(attachment(id, netName)?.EndpointID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("connects a stopped container: its configuration gains the network (no endpoint until it starts)", async () => {
    const id = runContainer(uniqueName("m-stopped"));
    docker("stop", "-t", "0", id);
    expect204(await post(api, `/api/networks/${netName}/connect`, { container: id, aliases: ["cold"] }));
    const ep = attachment(id, netName);
    expect(ep).toBeDefined();
    expect(ep?.EndpointID).toBe("");
    expect(ep?.Aliases).toContain("cold");
    expect(containerInspect(id).State.Status).toBe("exited");
    // It still starts, and then has an address on the network.
    docker("start", id);
    expect(attachment(id, netName)?.IPAddress).toMatch(new RegExp(`^10\\.${subnet.a}\\.${subnet.b}\\.\\d+$`));
  });

  it("disconnects a running container: 204, gone from its inspect", async () => {
    const id = runContainer(uniqueName("m-disc"), ["--network", net]);
    expect(attachment(id, netName)).toBeDefined();
    expect204(await post(api, `/api/networks/${netName}/disconnect`, { container: id }));
    expect(attachment(id, netName)).toBeUndefined();
    expect(containerInspect(id).State.Status).toBe("running");
  });

  it("disconnects a stopped container (force)", async () => {
    const id = runContainer(uniqueName("m-discstop"), ["--network", net]);
    docker("stop", "-t", "0", id);
    expect204(await post(api, `/api/networks/${net}/disconnect`, { container: id, force: true }));
    expect(attachment(id, netName)).toBeUndefined();
  });
});

// ------------------------------------------------------------------- prune

describe("POST /api/networks/prune", () => {
  interface PruneBody {
    removed: string[];
    skipped?: { name: string; reason: string }[];
  }
  const prune = async (body: Record<string, unknown>): Promise<PruneBody> => {
    const res = await post(api, "/api/networks/prune", body);
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    return json<PruneBody>(res);
  };

  it("dryRun lists exactly the unused labelled networks and removes nothing; then prune removes exactly those", async () => {
    const tag = `cnmap.prune=${uniqueName("p")}`;
    const unused1 = uniqueName("m-unused1");
    const unused2 = uniqueName("m-unused2");
    const running = uniqueName("m-used");
    const stopped = uniqueName("m-usedstopped");
    const ids = [unused1, unused2, running, stopped].map((n) => createNetwork(n, "--label", tag));
    runContainer(uniqueName("m-user"), ["--network", running]);
    const sleeper = runContainer(uniqueName("m-sleeper"), ["--network", stopped]);
    docker("stop", "-t", "0", sleeper);

    const before = engineState([sleeper]);
    const dry = await prune({ labels: [tag], dryRun: true });
    expect(dry.removed).toEqual([unused1, unused2].sort());
    expect(engineState([sleeper])).toEqual(before);
    for (const id of ids) expect(networkExists(id)).toBe(true);

    const done = await prune({ labels: [tag] });
    expect(done.removed).toEqual([unused1, unused2].sort());
    expect(done.skipped).toBeUndefined();
    expect(networkExists(ids[0] ?? "")).toBe(false);
    expect(networkExists(ids[1] ?? "")).toBe(false);
    expect(networkExists(ids[2] ?? "")).toBe(true);
    // A network used only by a stopped container is not pruned, and the container still starts.
    expect(networkExists(ids[3] ?? "")).toBe(true);
    docker("start", sleeper);
    expect(containerInspect(sleeper).State.Status).toBe("running");
  });

  it("until: networks just created are not older than 1h, so none of them is removed; a future cutoff includes them", async () => {
    const tag = `cnmap.prune=${uniqueName("u")}`;
    const a = uniqueName("m-young1");
    const b = uniqueName("m-young2");
    const ids = [createNetwork(a, "--label", tag), createNetwork(b, "--label", tag)];
    const res = await prune({ labels: [tag], until: "1h" });
    expect(res.removed).toEqual([]);
    for (const id of ids) expect(networkExists(id)).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect((await prune({ labels: [tag], until: future, dryRun: true })).removed).toEqual([a, b].sort());
    expect((await prune({ labels: [tag], until: String(Math.floor(Date.now() / 1000) + 3600), dryRun: true })).removed).toEqual([a, b].sort());
  });

  it("label filters: `key`, `key=value`, `!key` and `key!=value` (dry runs)", async () => {
    const scope = `cnmap.scope=${uniqueName("f")}`;
    const key = `cnmap.k-${RUN_ID}`.toLowerCase();
    const one = uniqueName("m-kv1");
    const two = uniqueName("m-kv2");
    const bare = uniqueName("m-kbare");
    createNetwork(one, "--label", scope, "--label", `${key}=1`);
    createNetwork(two, "--label", scope, "--label", `${key}=2`);
    createNetwork(bare, "--label", scope);

    expect((await prune({ labels: [scope, key], dryRun: true })).removed).toEqual([one, two].sort());
    expect((await prune({ labels: [scope, `${key}=2`], dryRun: true })).removed).toEqual([two]);
    expect((await prune({ labels: [scope, `!${key}`], dryRun: true })).removed).toEqual([bare]);
    expect((await prune({ labels: [scope, `${key}!=1`], dryRun: true })).removed).toEqual([bare, two].sort());
    expect((await prune({ labels: [scope, `${key}=3`], dryRun: true })).removed).toEqual([]);
    for (const n of [one, two, bare]) expect(dryRunLeaves(n)).toBe(true);
  });

  const dryRunLeaves = (name: string): boolean => networkLs().some((line) => line.endsWith(` ${name}`));

  it("never lists the predefined networks", async () => {
    const res = await prune({ dryRun: true });
    for (const name of ["bridge", "host", "none"]) expect(res.removed).not.toContain(name);
  });
});

// ---------------------------------------------------- a created container

describe("a network made by the API works for containers", () => {
  it("a container created on it gets an address from its range", async () => {
    const { network: n, a, b } = await apiCreateOnFreeSubnet(api, (a, b) => ({
      name: uniqueName("m-use"),
      ipam: [{ subnet: `10.${a}.${b}.0/24`, ipRange: `10.${a}.${b}.64/26` }],
      labels,
    }));
    const id = createContainer(uniqueName("m-on"), ["--network", n.name]);
    docker("start", id);
    const ip = attachment(id, n.name)?.IPAddress ?? "";
    const host = Number(ip.split(".")[3]);
    expect(ip.startsWith(`10.${a}.${b}.`)).toBe(true);
    expect(host).toBeGreaterThanOrEqual(64);
    expect(host).toBeLessThan(128);
  });
});
