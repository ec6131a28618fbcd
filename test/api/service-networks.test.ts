/**
 * Swarm editing (issue 10, part 3) on a single-node swarm this file makes and
 * leaves: a service's networks changed with --network-add / --network-rm
 * (checked with `docker service inspect`), the refusals (each leaves the
 * service's version as it was), the audit trail, an encrypted attachable
 * overlay with a subnet made by the create API, and a standalone container
 * refused on a non-attachable overlay before the engine sees it.
 *
 * The swarm is init'ed only when the engine is in none, and left afterwards;
 * an engine already in a swarm this file did not make fails it (it would
 * change someone else's swarm). Until the two-node swarm project exists
 * (test/swarm), this runs with the API tests.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody } from "@/lib/auth/types";
import type { ContainerInspect, NetworkInspect } from "../support/api";
import { cleanupLabelled, docker, dockerTry, inspect, LABEL, networkInspect, runContainer, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { cliOnFreeSubnet, createdNetwork, del, expectError, json, post, randomSubnet, send, type RawResponse } from "../support/mutate";
import { freePort, startServer, type RunningServer } from "../support/server";

const engine2 = inject("engine2Host");
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";

interface ServiceInspect {
  ID: string;
  Version: { Index: number };
  Spec: { Name: string; Networks?: { Target: string; Aliases?: string[] }[]; TaskTemplate: { Networks?: { Target: string; Aliases?: string[] }[] } };
}

const swarmState = (): string => docker("info", "--format", "{{.Swarm.LocalNodeState}}");
const serviceInspect = (ref: string): ServiceInspect => (JSON.parse(docker("service", "inspect", ref)) as ServiceInspect[])[0]!;
const serviceNetworks = (ref: string) => serviceInspect(ref).Spec.TaskTemplate.Networks ?? [];

/** Removes this run's services (before its networks: they hold them). */
function removeServices(): void {
  const ids = docker("service", "ls", "-q", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
  if (ids.length > 0) dockerTry("service", "rm", ...ids);
}

/** A network goes only once the service's tasks have left it: retry for a while. */
async function cleanupEventually(): Promise<string[]> {
  let failed: string[] = [];
  for (let i = 0; i < 40; i++) {
    failed = cleanupLabelled();
    if (failed.length === 0) return failed;
    await new Promise((r) => setTimeout(r, 250));
  }
  return failed;
}

/** An overlay network on a free 10.a.b.0/24, made with the CLI. */
function overlay(name: string, ...args: string[]): string {
  return cliOnFreeSubnet((a, b) => docker("network", "create", "--driver", "overlay", "--label", LABEL, "--subnet", `10.${a}.${b}.0/24`, ...args, name));
}

describe("service network edits", () => {
  let server: RunningServer;
  let madeSwarm = false;
  const front = uniqueName("sn-front");
  const backend = uniqueName("sn-back");
  const bridge = uniqueName("sn-bridge");
  const svc = uniqueName("sn-web");
  const solo = uniqueName("sn-solo");
  let frontId = "";
  let backendId = "";

  beforeAll(async () => {
    server = await startServer(await freePort(), { CNMAP_ENGINES: `main=${local};second=${engine2}` });
    // Outside a swarm first: the answer says so, in plain words.
    const state = swarmState();
    if (state !== "inactive") {
      throw new Error(
        `The engine is already in a swarm (LocalNodeState "${state}") that this test did not make; it needs a single-node swarm of its own and will not change someone else's. ` +
          "If it is a leftover of an earlier run, `docker swarm leave --force` and run again.",
      );
    }
    const outside = await post(server.url, `/api/engines/main/services/${svc}/networks`, { network: "bridge" });
    expectError(outside, 409, "conflict", /not in a swarm \(its swarm state is "inactive"\)/);

    docker("swarm", "init", "--advertise-addr", "127.0.0.1");
    madeSwarm = true;
    frontId = overlay(front);
    backendId = overlay(backend);
    docker("network", "create", "--label", LABEL, bridge);
    docker("service", "create", "--detach", "--no-resolve-image", "--label", LABEL, "--name", svc, "--network", front, TEST_IMAGE, "sleep", "600");
  });

  afterAll(async () => {
    try {
      removeServices();
      const failed = await cleanupEventually();
      if (failed.length > 0) console.error(`left behind: ${failed.join("; ")}`);
    } finally {
      if (madeSwarm) execFileSync("docker", ["swarm", "leave", "--force"], { stdio: "ignore" });
      await server?.stop();
    }
    expect(swarmState()).toBe("inactive");
  });

  const add = (service: string, body: unknown): Promise<RawResponse> => post(server.url, `/api/services/${service}/networks`, body);
  const rm = (service: string, network: string): Promise<RawResponse> => del(server.url, `/api/services/${service}/networks/${network}`);

  /** Runs a request that must be refused and checks the service's spec did not change. */
  async function refusedUnchanged(request: () => Promise<RawResponse>): Promise<RawResponse> {
    const before = serviceInspect(svc);
    const res = await request();
    const after = serviceInspect(svc);
    expect(after.Version.Index).toBe(before.Version.Index);
    expect(after.Spec).toEqual(before.Spec);
    return res;
  }

  it("--network-add: the network is in Spec.TaskTemplate.Networks, with the aliases, and the answer has the CLI equivalent", async () => {
    const before = serviceInspect(svc);
    const res = await add(svc, { network: backend, aliases: ["api"] });
    expect(res.status, res.text).toBe(200);
    const body = json<{ service: { id: string; name: string }; network: { id: string; name: string }; command: string }>(res);
    expect(body.service).toEqual({ id: before.ID, name: svc });
    expect(body.network).toEqual({ id: backendId, name: backend });
    expect(body.command).toBe(`docker service update --network-add name=${backend},alias=api ${svc}`);
    const after = serviceInspect(svc);
    expect(after.Version.Index).toBeGreaterThan(before.Version.Index);
    expect(serviceNetworks(svc)).toEqual(expect.arrayContaining([{ Target: backendId, Aliases: ["api"] }, expect.objectContaining({ Target: frontId })]));
    expect(after.Spec.Networks).toBeUndefined();
  });

  it("refuses, without touching the service: a network already attached, a local network, the ingress network, unknown names, a spec in the body", async () => {
    expectError(await refusedUnchanged(() => add(svc, { network: backendId })), 409, "conflict", new RegExp(`service ${svc} is already attached to ${backend}`));
    expectError(await refusedUnchanged(() => add(svc, { network: bridge })), 409, "conflict", new RegExp(`${bridge} is a local-scope bridge network; a service can join only swarm-scope networks`));
    expectError(await refusedUnchanged(() => add(svc, { network: "ingress" })), 409, "conflict", /ingress network: services reach it by publishing ports/);
    expectError(await refusedUnchanged(() => add(svc, { network: uniqueName("sn-nosuch") })), 404, "not_found", /No such network/);
    expectError(await refusedUnchanged(() => add(uniqueName("sn-nosvc"), { network: backend })), 404, "not_found", /No such service/);
    expectError(await refusedUnchanged(() => add(svc, { network: backend, spec: { Name: "evil" } })), 400, "invalid_input");
    expectError(await refusedUnchanged(() => rm(svc, bridge)), 409, "conflict", new RegExp(`service ${svc} is not attached to ${bridge}`));
  });

  it("a non-swarm engine says so, on the engine's own route", async () => {
    const res = await post(server.url, `/api/engines/second/services/${svc}/networks`, { network: backend });
    expectError(res, 409, "conflict", /not in a swarm/);
  });

  it("--network-rm (on the engine twin, by ID): gone from the spec; removing it again is a conflict", async () => {
    const res = await del(server.url, `/api/engines/main/services/${serviceInspect(svc).ID}/networks/${backendId}`);
    expect(res.status, res.text).toBe(200);
    expect(json<{ command: string }>(res).command).toBe(`docker service update --network-rm ${backend} ${svc}`);
    expect(serviceNetworks(svc).map((n) => n.Target)).toEqual([frontId]);
    expectError(await refusedUnchanged(() => rm(svc, backend)), 409, "conflict", /is not attached/);
  });

  it("a service that still uses the deprecated Spec.Networks gets it moved into the task template, as the CLI does", async () => {
    const old = uniqueName("sn-old");
    // The CLI writes TaskTemplate.Networks: create this one through the API as an old client would.
    const spec = {
      Name: old,
      Labels: { [LABEL.split("=")[0]!]: LABEL.split("=")[1]! },
      TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Args: ["sleep", "600"] } },
      Networks: [{ Target: frontId }],
    };
    const sock = local.replace(/^unix:\/\//, "");
    execFileSync("curl", ["-sf", "--unix-socket", sock, "-H", "Content-Type: application/json", "-d", JSON.stringify(spec), "http://localhost/v1.41/services/create"]);
    const created = serviceInspect(old);
    const hadDeprecated = (created.Spec.Networks ?? []).length > 0;
    const res = await add(old, { network: backend });
    expect(res.status, res.text).toBe(200);
    const after = serviceInspect(old);
    expect(after.Spec.Networks ?? []).toEqual([]);
    expect((after.Spec.TaskTemplate.Networks ?? []).map((n) => n.Target).sort()).toEqual([backendId, frontId].sort());
    // Say which case was proven: 20.10 keeps the deprecated field as sent.
    expect(hadDeprecated, "the engine moved Spec.Networks itself at create; the move was not exercised").toBe(true);
  });

  it("the audit trail records each change and refusal with its command", async () => {
    const trail = json<AuditBody>(await send(server.url, "GET", "/api/audit?limit=200")).entries;
    const added = trail.find((e) => e.action === "service.network-add" && e.outcome === "ok" && e.target === `${svc} → ${backend}`);
    expect(added?.command).toBe(`docker service update --network-add name=${backend},alias=api ${svc}`);
    const removed = trail.find((e) => e.action === "service.network-rm" && e.outcome === "ok");
    expect(removed?.target).toBe(`${svc} ← ${backend}`);
    expect(removed?.command).toBe(`docker service update --network-rm ${backend} ${svc}`);
    const refused = trail.find((e) => e.action === "service.network-add" && e.outcome === "refused" && /already attached/.test(e.message ?? ""));
    expect(refused?.command).toMatch(/^docker service update --network-add /);
  });

  it("creates an encrypted, attachable overlay with a subnet: docker network inspect agrees, and --opt encrypted is what the CLI sends", async () => {
    const name = uniqueName("sn-enc");
    let network;
    let subnet = "";
    for (let attempt = 1; ; attempt++) {
      const [a, b] = randomSubnet();
      subnet = `10.${a}.${b}.0/24`;
      const res = await post(server.url, "/api/networks", { name, driver: "overlay", attachable: true, ipam: [{ subnet }], options: { encrypted: "" }, labels: { [LABEL.split("=")[0]!]: LABEL.split("=")[1]! } });
      if (res.status === 409 && /overlaps/.test(res.text) && attempt < 10) continue;
      network = createdNetwork(res);
      break;
    }
    const [n] = networkInspect<NetworkInspect>(network.id);
    expect(n?.Driver).toBe("overlay");
    expect(n?.Scope).toBe("swarm");
    expect(n?.Attachable).toBe(true);
    expect(n?.Options?.encrypted).toBe("");
    expect(n?.IPAM.Config?.map((c) => c.Subnet)).toEqual([subnet]);
    // The CLI's own --opt encrypted: the same value.
    const cli = uniqueName("sn-enc-cli");
    overlay(cli, "--opt", "encrypted", "--attachable");
    expect(networkInspect<NetworkInspect>(cli)[0]?.Options?.encrypted).toBe("");
  });

  it("a standalone container is refused on a non-attachable overlay before the engine sees it, and stays off it", async () => {
    runContainer(solo);
    const since = Math.floor(Date.now() / 1000) - 1;
    const res = await post(server.url, `/api/networks/${backend}/connect`, { container: solo });
    // cnmap's own words (canJoin), not the engine's ("the engine said" would mean it was asked).
    const message = expectError(res, 409, "conflict", new RegExp(`${backend} is a swarm network that is not attachable \\(create it with --attachable\\)`));
    expect(message).not.toMatch(/engine said/);
    const [c] = inspect<ContainerInspect>(solo);
    expect(Object.keys(c?.NetworkSettings.Networks ?? {})).not.toContain(backend);
    const events = docker("events", "--since", String(since), "--until", String(Math.floor(Date.now() / 1000) + 1), "--filter", "type=network", "--filter", `network=${backendId}`, "--filter", "event=connect", "--format", "{{.Action}}");
    expect(events).toBe("");
  });
});
