import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { containerDetail, networkSubset } from "@/lib/inspect/container-detail";
import { loadFixture, must } from "./helpers/fixtures";

/** test/fixtures/engine/container-detail.json: `docker inspect` of cd-web, cd-sidecar and cd-stopped (see its note). */
interface DetailFixture {
  note: string;
  capturedWith: string;
  inspects: (Record<string, unknown> & { Name: string; Id: string })[];
}

const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/engine/container-detail.json", import.meta.url)), "utf8"),
) as DetailFixture;

function inspectOf(name: string): Record<string, unknown> & { Id: string } {
  return must(
    fixture.inspects.find((i) => i.Name === `/${name}`),
    `inspect of ${name}`,
  );
}

/** Every key anywhere in a JSON value. */
function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) allKeys(x, out);
  else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      allKeys(x, out);
    }
  }
  return out;
}

describe("containerDetail on a captured inspect", () => {
  const raw = inspectOf("cd-web");
  const d = containerDetail(raw);

  it("the fixture holds what must not leak", () => {
    expect(JSON.stringify(raw)).toContain("SECRET_TOKEN=do-not-leak");
    expect(allKeys(raw)).toContain("Env");
  });

  it("never carries Env, Cmd, Entrypoint, Mounts or Labels", () => {
    const text = JSON.stringify(d);
    expect(text).not.toContain("SECRET_TOKEN");
    expect(text).not.toContain("do-not-leak");
    const keys = allKeys(d);
    for (const k of ["Env", "Cmd", "Entrypoint", "Mounts", "Labels", "Binds", "Volumes", "GraphDriver", "LogPath"]) expect(keys).not.toContain(k);
  });

  it("reads identity, state, hostname and the network mode", () => {
    expect(d).toMatchObject({
      id: raw.Id,
      name: "cd-web",
      image: "cnmap-test-busybox:latest",
      state: "running",
      hostname: "web",
      domainname: "example.test",
      networkMode: "cd-front",
      publishAllPorts: false,
    });
    expect(d.sandboxId).toMatch(/^[0-9a-f]{64}$/);
    expect(d.sandboxKey).toMatch(/^\/var\/run\/docker\/netns\/[0-9a-f]+$/);
  });

  it("reads --dns, --dns-search, --dns-option and --add-host", () => {
    expect(d.dns).toEqual(["192.0.2.53"]);
    expect(d.dnsSearch).toEqual(["example.test"]);
    expect(d.dnsOptions).toEqual(["ndots:2"]);
    expect(d.extraHosts).toEqual(["db.example.test:192.0.2.10"]);
  });

  it("lists exposed and published ports with the bindings the engine made", () => {
    expect(d.ports).toEqual([
      { containerPort: "80/tcp", bindings: [{ hostIp: "0.0.0.0", hostPort: "18080" }, { hostIp: "::", hostPort: "18080" }] },
      { containerPort: "81/udp", bindings: [{ hostIp: "127.0.0.1", hostPort: "18081" }] },
      { containerPort: "9000/tcp", bindings: [] },
    ]);
  });

  it("gives one endpoint per network, by name, with addresses, gateway, MAC, aliases, links and fixed IP", () => {
    expect(d.endpoints.map((e) => e.network)).toEqual(["cd-back", "cd-front"]);
    const [back, front] = d.endpoints;
    expect(front).toEqual({
      network: "cd-front",
      networkId: expect.stringMatching(/^[0-9a-f]{64}$/),
      endpointId: expect.stringMatching(/^[0-9a-f]{64}$/),
      ipv4: "172.31.40.10",
      ipv4PrefixLen: 24,
      ipv6: "",
      ipv6PrefixLen: 0,
      gateway: "172.31.40.1",
      ipv6Gateway: "",
      mac: "02:42:ac:1f:28:0a",
      aliases: ["web", "www", raw.Id.slice(0, 12)],
      dnsNames: [],
      links: ["cd-peer:peer"],
      ipamConfig: { ipv4: "172.31.40.10" },
    });
    expect(back).toMatchObject({
      ipv4: "172.31.41.2",
      ipv6: "fd00:cd::2",
      ipv6PrefixLen: 64,
      ipv6Gateway: "fd00:cd::1",
      // IPAMConfig {} on the engine: nothing fixed.
      ipamConfig: null,
      links: [],
    });
    expect(back?.aliases).toContain("api");
  });

  it("keeps the network-related subset of the engine's JSON as is", () => {
    const r = raw as Record<string, Record<string, unknown>>;
    expect(Object.keys(d.raw).sort()).toEqual(["Config", "HostConfig", "Id", "Name", "NetworkSettings", "State"]);
    expect(d.raw.NetworkSettings).toEqual(r.NetworkSettings);
    expect(d.raw.State).toEqual({ Status: "running" });
    expect(d.raw.Config).toEqual({ Hostname: "web", Domainname: "example.test", ExposedPorts: r.Config?.ExposedPorts });
    const hc = r.HostConfig ?? {};
    expect(d.raw.HostConfig).toEqual({
      NetworkMode: hc.NetworkMode,
      Dns: hc.Dns,
      DnsSearch: hc.DnsSearch,
      DnsOptions: hc.DnsOptions,
      ExtraHosts: hc.ExtraHosts,
      PortBindings: hc.PortBindings,
      PublishAllPorts: hc.PublishAllPorts,
      Links: hc.Links,
    });
    expect(networkSubset(raw)).toEqual(d.raw);
  });
});

describe("containerDetail: shared namespace and stopped containers", () => {
  it("a container in another's namespace has NetworkMode container:<id> and no endpoints", () => {
    const web = inspectOf("cd-web");
    const d = containerDetail(inspectOf("cd-sidecar"));
    expect(d.networkMode).toBe(`container:${web.Id}`);
    expect(d.endpoints).toEqual([]);
    expect(d.ports).toEqual([]);
    expect(d.state).toBe("running");
    expect(JSON.stringify(d)).not.toContain("do-not-leak");
  });

  it("a stopped container keeps its configured endpoint and ports, without addresses or a namespace path", () => {
    const d = containerDetail(inspectOf("cd-stopped"));
    expect(d.state).toBe("exited");
    expect(d.sandboxKey).toBe("");
    expect(d.endpoints).toHaveLength(1);
    expect(d.endpoints[0]).toMatchObject({ network: "cd-front", endpointId: "", ipv4: "", mac: "", gateway: "", ipamConfig: null });
    // Not running: the configured binding (the engine's live Ports is empty).
    expect(d.ports).toEqual([{ containerPort: "80/tcp", bindings: [{ hostIp: "", hostPort: "18082" }] }]);
  });

  it("the captured local engine: joiners, never-started, host and none", () => {
    const local = loadFixture("local");
    const by = (name: string): unknown => must(local.inspects.find((i) => i.Name === `/${name}`), name);
    expect(containerDetail(by("fx-sidecar")).endpoints).toEqual([]);
    expect(containerDetail(by("fx-created"))).toMatchObject({ state: "created", sandboxKey: "", endpoints: [{ network: "fx-front", endpointId: "", aliases: [] }] });
    expect(containerDetail(by("fx-host"))).toMatchObject({ networkMode: "host", endpoints: [{ network: "host", ipv4: "" }] });
    expect(containerDetail(by("fx-none"))).toMatchObject({ networkMode: "none", endpoints: [{ network: "none" }] });
    for (const i of local.inspects) expect(allKeys(containerDetail(i))).not.toContain("Env");
  });

  it("publishes nothing in host mode or another's namespace, whatever -p asked for", () => {
    const web = inspectOf("cd-web");
    const hc = web.HostConfig as Record<string, unknown>;
    const ns = web.NetworkSettings as Record<string, unknown>;
    const bound = { "80/tcp": [{ HostIp: "", HostPort: "8089" }] };
    for (const mode of ["host", `container:${web.Id}`]) {
      const d = containerDetail({ ...web, HostConfig: { ...hc, NetworkMode: mode, PortBindings: bound }, NetworkSettings: { ...ns, Ports: {} } });
      expect(d.ports.every((p) => p.bindings.length === 0), mode).toBe(true);
    }
  });

  it("while running, only the bindings the engine made count", () => {
    const web = inspectOf("cd-web");
    const hc = web.HostConfig as Record<string, unknown>;
    const ns = web.NetworkSettings as Record<string, unknown>;
    const d = containerDetail({ ...web, HostConfig: { ...hc, PortBindings: { "9999/tcp": [{ HostIp: "", HostPort: "9999" }] } }, NetworkSettings: ns });
    expect(d.ports.find((p) => p.containerPort === "9999/tcp")?.bindings).toEqual([]);
  });

  it("survives missing sections", () => {
    expect(containerDetail({})).toMatchObject({ id: "", name: "", endpoints: [], ports: [], dns: [], raw: {} });
    expect(containerDetail(null).endpoints).toEqual([]);
  });
});
