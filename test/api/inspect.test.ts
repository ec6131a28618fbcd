/**
 * The read-only detail routes against the real engine, each answer checked
 * with the docker CLI's own `docker network inspect` / `docker inspect`.
 * Everything made here carries this run's label and is removed in afterAll.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ContainerDetailBody, NetworkDetailBody } from "@/lib/inspect/types";
import { cleanupLabelled, createContainer, createNetwork, inspect, networkInspect, runContainer, uniqueName } from "../support/docker-cli";
import { expectError, json, send } from "../support/mutate";
import { freePort } from "../support/server";

const api = inject("apiUrl");
const down = inject("apiDownUrl");

const get = (path: string, headers?: Record<string, string>) => send(api, "GET", path, { headers });

interface EndpointInspect {
  NetworkID: string;
  EndpointID: string;
  Gateway: string;
  IPAddress: string;
  IPPrefixLen: number;
  MacAddress: string;
  Aliases: string[] | null;
}
interface FullInspect {
  Id: string;
  Name: string;
  State: { Status: string };
  HostConfig: { NetworkMode: string; Dns: string[]; DnsSearch: string[]; ExtraHosts: string[] };
  NetworkSettings: { Networks: Record<string, EndpointInspect> };
}
interface FullNetworkInspect {
  Id: string;
  Name: string;
  IPAM: unknown;
  Containers: Record<string, unknown>;
}

const netA = uniqueName("i-net");
const netB = uniqueName("i-other");
const first = uniqueName("i-first");
const second = uniqueName("i-second");
const apart = uniqueName("i-apart");
const joiner = uniqueName("i-joiner");
const stopped = uniqueName("i-stopped");
let hostPort = 0;

beforeAll(async () => {
  createNetwork(netA);
  createNetwork(netB);
  hostPort = await freePort("0.0.0.0");
  runContainer(
    first,
    [
      "--network", netA,
      "--network-alias", "first-alias",
      "--dns", "192.0.2.53",
      "--dns-search", "example.test",
      "--add-host", "db.example.test:192.0.2.10",
      "-p", `${hostPort}:80`,
      "-e", "CNMAP_SECRET=must-not-leak",
    ],
    ["sleep", "3600"],
  );
  runContainer(second, ["--network", netA], ["sleep", "3600"]);
  runContainer(apart, ["--network", netB], ["sleep", "3600"]);
  runContainer(joiner, ["--network", `container:${first}`], ["sleep", "3600"]);
  createContainer(stopped, ["--network", netA]);
});
afterAll(() => cleanupLabelled());

describe("GET /api/networks/{idOrName}", () => {
  it("answers the engine's network inspect, unchanged", async () => {
    const res = await get(`/api/networks/${netA}`);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { network } = json<NetworkDetailBody>(res);
    const cli = networkInspect<FullNetworkInspect>(netA)[0];
    if (!cli) throw new Error("no inspect");
    expect(network.Id).toBe(cli.Id);
    expect(network.Name).toBe(netA);
    expect(network.IPAM).toEqual(cli.IPAM);
    expect(Object.keys(network.Containers as Record<string, unknown>).sort()).toEqual(Object.keys(cli.Containers).sort());
    const ids = inspect<FullInspect>(first, second).map((c) => c.Id);
    for (const id of ids) expect(Object.keys(network.Containers as Record<string, unknown>)).toContain(id);
    expect(Object.keys(network).sort()).toEqual(Object.keys(cli).sort());
  });

  it("finds a network by ID and by ID prefix", async () => {
    const cli = networkInspect<FullNetworkInspect>(netB)[0];
    if (!cli) throw new Error("no inspect");
    for (const ref of [cli.Id, cli.Id.slice(0, 12)]) {
      const res = await get(`/api/networks/${ref}`);
      expect(res.status).toBe(200);
      expect(json<NetworkDetailBody>(res).network.Name).toBe(netB);
    }
  });

  it("404 for an unknown network, 400 for a malformed reference", async () => {
    expectError(await get(`/api/networks/${uniqueName("nosuch")}`), 404, "not_found", /No such network/);
    expectError(await get("/api/networks/-x"), 400, "invalid_input", /not a network name or ID/);
    expectError(await get("/api/networks/a%20b"), 400, "invalid_input");
    expectError(await get(`/api/networks/${"a".repeat(129)}`), 400, "invalid_input");
  });

  it("GET on the prune route is not allowed, not an error", async () => {
    const res = await get("/api/networks/prune");
    expect(res.status).toBe(405);
  });

  it("refuses a foreign Host", async () => {
    expectError(await get(`/api/networks/${netA}`, { host: "evil.example" }), 403, "forbidden", /Host/);
  });

  it("503 without an engine", async () => {
    const res = await send(down, "GET", `/api/networks/${netA}`);
    expectError(res, 503, "engine_unreachable");
  });
});

describe("GET /api/containers/{idOrName}", () => {
  it("gives the addresses, MAC, aliases and gateway docker inspect gives", async () => {
    const res = await get(`/api/containers/${first}`);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const { container } = json<ContainerDetailBody>(res);
    const cli = inspect<FullInspect>(first)[0];
    if (!cli) throw new Error("no inspect");
    expect(container.id).toBe(cli.Id);
    expect(container.name).toBe(first);
    expect(container.state).toBe("running");
    expect(container.networkMode).toBe(netA);
    const ep = cli.NetworkSettings.Networks[netA];
    if (!ep) throw new Error("not attached");
    expect(container.endpoints).toHaveLength(1);
    expect(container.endpoints[0]).toMatchObject({
      network: netA,
      networkId: ep.NetworkID,
      endpointId: ep.EndpointID,
      ipv4: ep.IPAddress,
      ipv4PrefixLen: ep.IPPrefixLen,
      gateway: ep.Gateway,
      mac: ep.MacAddress,
      aliases: ep.Aliases ?? [],
    });
    expect(container.endpoints[0]?.aliases).toContain("first-alias");
    expect(container.raw.NetworkSettings).toEqual(cli.NetworkSettings);
  });

  it("includes --dns, --dns-search, --add-host and the published port", async () => {
    const { container } = json<ContainerDetailBody>(await get(`/api/containers/${first}`));
    expect(container.dns).toEqual(["192.0.2.53"]);
    expect(container.dnsSearch).toEqual(["example.test"]);
    expect(container.extraHosts).toEqual(["db.example.test:192.0.2.10"]);
    const port = container.ports.find((p) => p.containerPort === "80/tcp");
    expect(port?.bindings.map((b) => b.hostPort)).toContain(String(hostPort));
  });

  it("carries no Env, Cmd, Entrypoint or Mounts anywhere", async () => {
    for (const ref of [first, joiner, stopped]) {
      const res = await get(`/api/containers/${ref}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('"Env"');
      expect(res.text).not.toContain("Env");
      expect(res.text).not.toContain("must-not-leak");
      expect(res.text).not.toContain('"Cmd"');
      expect(res.text).not.toContain('"Entrypoint"');
      expect(res.text).not.toContain('"Mounts"');
    }
  });

  it("a container in another's namespace: container:<id>, no endpoints", async () => {
    const { container } = json<ContainerDetailBody>(await get(`/api/containers/${joiner}`));
    const owner = inspect<FullInspect>(first)[0];
    expect(container.networkMode).toBe(`container:${owner?.Id}`);
    expect(container.endpoints).toEqual([]);
  });

  it("a container that never ran: its configured endpoint, no address", async () => {
    const { container } = json<ContainerDetailBody>(await get(`/api/containers/${stopped}`));
    expect(container.state).toBe("created");
    expect(container.sandboxKey).toBe("");
    expect(container.endpoints).toMatchObject([{ network: netA, endpointId: "", ipv4: "" }]);
  });

  it("finds a container by ID and short ID", async () => {
    const cli = inspect<FullInspect>(apart)[0];
    if (!cli) throw new Error("no inspect");
    for (const ref of [cli.Id, cli.Id.slice(0, 12)]) {
      const { container } = json<ContainerDetailBody>(await get(`/api/containers/${ref}`));
      expect(container.name).toBe(apart);
      expect(container.endpoints.map((e) => e.network)).toEqual([netB]);
    }
  });

  it("404 for an unknown container, 400 for a malformed reference", async () => {
    expectError(await get(`/api/containers/${uniqueName("nosuch")}`), 404, "not_found", /No such container/);
    expectError(await get("/api/containers/-x"), 400, "invalid_input", /not a container name or ID/);
    expectError(await get("/api/containers/a%3Bb"), 400, "invalid_input");
  });

  it("refuses a foreign Host; 503 without an engine", async () => {
    expectError(await get(`/api/containers/${first}`, { host: "evil.example" }), 403, "forbidden");
    expectError(await send(down, "GET", `/api/containers/${first}`), 503, "engine_unreachable");
  });
});
