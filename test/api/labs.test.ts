/**
 * The guided labs against the real engine: every lab of the catalogue runs
 * end to end through the API, each step's effect is checked with the docker
 * CLI (and `ip` for the macvlan lab's veth pair), each probe's verdict is
 * checked, and a reset leaves nothing that carries the lab's label. Then the
 * refusals: unknown labs, bad steps, steps out of order, names taken by
 * someone else's objects, a missing image and a read-only server, each
 * changing nothing.
 *
 * The servers run the labs on the test image (test/support/server.ts sets
 * CNMAP_LAB_IMAGE). Everything a lab makes carries `cnmap.lab=<lab>`; what
 * the test makes itself carries this run's label, and both are removed.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody } from "@/lib/auth/types";
import { LABS } from "@/lib/labs/catalog";
import { LAB_LABEL, networkName, objectName, VETH } from "@/lib/labs/names";
import type { Lab, LabOp, LabResetAnswer, LabsBody, LabStepAnswer, LabView } from "@/lib/labs/types";
import { cleanupLabelled, createNetwork, docker, dockerTry, inspect, networkInspect, TEST_IMAGE, uniqueName } from "../support/docker-cli";
import { expectError, json, post, send, type RawResponse } from "../support/mutate";
import { freePort, startServer, type RunningServer } from "../support/server";

const api = inject("apiUrl");

interface Inspected {
  Id: string;
  Config: { Labels: Record<string, string> | null; Image: string };
  State: { Status: string };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> | null;
  };
}

interface InspectedNetwork {
  Name: string;
  Driver: string;
  Internal: boolean;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
  IPAM: { Config: { Subnet?: string; IPRange?: string }[] | null };
}

/** Everything that carries a lab's label on the engine and the host. */
function labelledLeft(lab: string): { containers: string[]; networks: string[]; links: string[] } {
  const label = `label=${LAB_LABEL}=${lab}`;
  return {
    containers: docker("ps", "-a", "--filter", label, "--format", "{{.Names}}").split("\n").filter(Boolean),
    networks: docker("network", "ls", "--filter", label, "--format", "{{.Name}}").split("\n").filter(Boolean),
    links: hostLinks().filter((l) => l.alias === `${LAB_LABEL}=${lab}` || l.name.startsWith("cnlab-")).map((l) => l.name),
  };
}

/** The host's interfaces with their alias, from `ip -o link` (`... alias X` when set). */
function hostLinks(): { name: string; alias: string }[] {
  const out = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const name = /^\d+:\s+([^:@]+)/.exec(line)?.[1] ?? "";
      const alias = /\balias (\S+)/.exec(line)?.[1] ?? "";
      return { name, alias };
    });
}

async function labs(base = api): Promise<LabsBody> {
  const res = await send(base, "GET", "/api/labs");
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return json<LabsBody>(res);
}

async function labView(id: string, base = api): Promise<LabView> {
  const lab = (await labs(base)).labs.find((l) => l.id === id);
  if (!lab) throw new Error(`GET /api/labs lists no ${id}`);
  return lab;
}

function runStep(id: string, step: number | string, body?: unknown, base = api): Promise<RawResponse> {
  return post(base, `/api/labs/${id}/steps/${step}`, body);
}

async function reset(id: string, base = api): Promise<LabResetAnswer> {
  const res = await post(base, `/api/labs/${id}/reset`);
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  return json<LabResetAnswer>(res);
}

/** What `docker inspect` must show once an operation has run. */
function checkOp(lab: Lab, op: LabOp): void {
  switch (op.op) {
    case "network.create": {
      const [n] = networkInspect<InspectedNetwork>(objectName(lab.id, op.network));
      expect(n?.Labels?.[LAB_LABEL]).toBe(lab.id);
      expect(n?.Internal).toBe(op.internal === true);
      if (op.macvlan) {
        expect(n?.Driver).toBe("macvlan");
        expect(n?.Options?.parent).toBe(VETH.parent);
        const c = n?.IPAM.Config?.[0];
        expect(c?.Subnet).toMatch(/^10\.21[34]\.\d+\.0\/24$/);
        expect(c?.IPRange).toBe(c?.Subnet?.replace(/\.0\/24$/, ".128/25"));
      } else {
        expect(n?.Driver).toBe("bridge");
      }
      return;
    }
    case "container.run": {
      const [c] = inspect<Inspected>(objectName(lab.id, op.container));
      expect(c?.State.Status).toBe("running");
      expect(c?.Config.Labels?.[LAB_LABEL]).toBe(lab.id);
      expect(c?.Config.Image).toBe(TEST_IMAGE);
      if ("container" in op.network) {
        const [owner] = inspect<Inspected>(objectName(lab.id, op.network.container));
        expect(c?.HostConfig.NetworkMode).toBe(`container:${owner?.Id}`);
        expect(Object.keys(c?.NetworkSettings.Networks ?? {})).toEqual([]);
      } else {
        const net = networkName(lab.id, op.network);
        expect(c?.HostConfig.NetworkMode).toBe(net);
        const ep = c?.NetworkSettings.Networks?.[net];
        expect(ep?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        for (const alias of op.aliases ?? []) expect(ep?.Aliases).toContain(alias);
      }
      if (op.publish) {
        const on = op.publish.on;
        const hostIp = on === "loopback" ? "127.0.0.1" : docker("network", "inspect", "--format", "{{(index .IPAM.Config 0).Gateway}}", objectName(lab.id, on.gatewayOf));
        const bindings = c?.NetworkSettings.Ports?.[`${op.publish.port}/tcp`] ?? [];
        expect(bindings.length).toBeGreaterThan(0);
        expect(bindings.every((b) => b.HostIp === hostIp && Number(b.HostPort) > 0)).toBe(true);
      }
      return;
    }
    case "network.connect": {
      const [c] = inspect<Inspected>(objectName(lab.id, op.container));
      expect(c?.NetworkSettings.Networks?.[objectName(lab.id, op.network)]?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      return;
    }
    case "parent.create": {
      const links = hostLinks();
      expect(links.find((l) => l.name === VETH.parent)?.alias).toBe(`${LAB_LABEL}=${lab.id}`);
      expect(links.find((l) => l.name === VETH.peer)?.alias).toBe(`${LAB_LABEL}=${lab.id}`);
      const addr = execFileSync("ip", ["-o", "-4", "addr", "show", "dev", VETH.parent], { encoding: "utf8" });
      expect(addr).toMatch(/inet 10\.21[34]\.\d+\.2\/24/);
      return;
    }
  }
}

beforeAll(async () => {
  // An earlier run that died midway may have left a lab behind: only the labs' own objects are removed.
  for (const lab of LABS) {
    const left = labelledLeft(lab.id);
    if (left.containers.length + left.networks.length + left.links.length > 0) await reset(lab.id);
  }
});

afterAll(async () => {
  for (const lab of LABS) {
    const left = labelledLeft(lab.id);
    if (left.containers.length + left.networks.length + left.links.length > 0) await post(api, `/api/labs/${lab.id}/reset`);
  }
  cleanupLabelled();
});

/** The labs this engine (not in a swarm) runs; the overlay lab runs on the two-node swarm (test/swarm/lab-overlay.test.ts). */
const LOCAL_LABS = LABS.filter((l) => !l.needs.includes("swarm"));

describe("every lab, end to end on the engine", () => {
  for (const lab of LOCAL_LABS) {
    it(`${lab.id}: each step changes the engine as its commands say, its probes prove the point, and a reset removes everything labelled`, async () => {
      const before = await labView(lab.id);
      expect(before.unavailable).toBeNull();
      expect(before.progress).toMatchObject({ next: 1, started: false, clashes: [] });
      expect(before.steps).toHaveLength(lab.steps.length);

      for (const [i, step] of lab.steps.entries()) {
        const res = await runStep(lab.id, i + 1);
        expect(res.status, res.text.slice(0, 800)).toBe(200);
        const answer = json<LabStepAnswer>(res);
        for (const op of step.ops) checkOp(lab, op);
        // The commands shown are the ones run: one per operation (five `ip` commands and an address for the veth pair).
        expect(answer.run.commands.length).toBeGreaterThanOrEqual(step.ops.length);
        for (const cmd of answer.run.commands) expect(cmd).toMatch(/^(docker|ip) /);
        expect(answer.run.results).toHaveLength(step.probes.length);
        for (const [j, result] of answer.run.results.entries()) {
          const probe = step.probes[j];
          expect(result.proves).toBe(probe?.proves);
          expect({ step: i + 1, probe: j, verdict: result.verdict, summary: result.summary, output: result.output.slice(0, 300) }).toMatchObject({ verdict: "pass" });
          expect(result.outcome === "success").toBe(probe?.expect === "works");
          expect(result.command).toMatch(/^(docker exec|curl) /);
        }
        // Where the lab stands comes from the engine: a fresh read says the same, with this run's results.
        const now = await labView(lab.id);
        expect(now.progress.next).toBe(i + 2 <= lab.steps.length ? i + 2 : null);
        expect(now.progress.done.slice(0, i + 1).every(Boolean)).toBe(true);
        expect(now.runs[i + 1]?.results.map((r) => r.verdict)).toEqual(step.probes.map(() => "pass"));
      }

      const done = await labView(lab.id);
      expect(done.progress.next).toBeNull();
      expectError(await runStep(lab.id, 1), 409, "conflict", /Every step of .* is done already|is done\. Reset/);

      const removed = await reset(lab.id);
      expect(removed.lab.progress).toMatchObject({ next: 1, started: false });
      expect(removed.lab.runs).toEqual({});
      expect(labelledLeft(lab.id)).toEqual({ containers: [], networks: [], links: [] });
      expect(removed.removed.containers.length).toBeGreaterThan(0);
    });
  }

  it("the macvlan lab's veth pair is gone after its reset, both ends", () => {
    const names = hostLinks().map((l) => l.name);
    expect(names).not.toContain(VETH.parent);
    expect(names).not.toContain(VETH.peer);
  });

  it("records each step and reset in the audit trail, with the step and its docker commands", async () => {
    const res = await send(api, "GET", "/api/audit?action=lab.step&limit=100");
    expect(res.status).toBe(200);
    const steps = json<AuditBody>(res).entries.filter((e) => e.target.startsWith("lab dns step 2"));
    expect(steps[0]).toMatchObject({ action: "lab.step", outcome: "ok", actor: "local" });
    expect(steps[0]?.target).toBe(`lab dns step 2: ${LABS[0]?.steps[1]?.title}`);
    expect(steps[0]?.command).toContain(`docker network create --label cnmap.lab=dns ${objectName("dns", "net")}`);
    expect(steps[0]?.message).toBe("probes: pass");
    const resets = json<AuditBody>(await send(api, "GET", "/api/audit?action=lab.reset&limit=100")).entries;
    expect(resets.some((e) => e.target === "lab dns reset" && e.outcome === "ok")).toBe(true);
  });
});

describe("order, names and input", () => {
  afterAll(async () => {
    await reset("dns");
    await reset("isolation");
  });

  it("runs steps in order only, and once: 409 with what comes next", async () => {
    expectError(await runStep("dns", 2), 409, "conflict", /step 2 of dns cannot run yet: step 1 comes first/i);
    expect(labelledLeft("dns")).toEqual({ containers: [], networks: [], links: [] });
    // Two requests for one step at once: one runs it, the other is refused (busy, or done already).
    const both = await Promise.all([runStep("dns", 1), runStep("dns", 1)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expectError(await runStep("dns", 1), 409, "conflict", /Step 1 of dns is done already; step 2 comes next/);
    // A reload finds the lab where it is.
    expect((await labView("dns")).progress.next).toBe(2);
  });

  it("refuses bad lab IDs, steps and bodies before anything runs", async () => {
    expectError(await runStep("no-such-lab", 1), 404, "not_found", /No such lab: no-such-lab\. The labs are dns, isolation/);
    expectError(await post(api, "/api/labs/no-such-lab/reset"), 404, "not_found", /No such lab/);
    expectError(await runStep("Bad_ID", 1), 400, "invalid_input", /not a lab ID/);
    expectError(await runStep("isolation", "abc"), 400, "invalid_input", /not a step number/);
    expectError(await runStep("isolation", 0), 400, "invalid_input", /not a step number/);
    expectError(await runStep("isolation", 9), 400, "invalid_input", /has steps 1 to 2; "9"/);
    expectError(await runStep("isolation", 1, { parent: "eth0" }), 400, "invalid_input", /Only the first step of the macvlan lab takes a parent/);
    expectError(await runStep("macvlan", 1, { parent: "a/b" }), 400, "invalid_input", /parent: not an interface name/);
    expectError(await runStep("macvlan", 1, { what: 1 }), 400, "invalid_input", /Unrecognized key/i);
    expectError(await runStep("isolation", 1, "{"), 400, "invalid_input", /not valid JSON/);
    expect(labelledLeft("isolation")).toEqual({ containers: [], networks: [], links: [] });
    expect(labelledLeft("macvlan")).toEqual({ containers: [], networks: [], links: [] });
  });

  it("refuses to start on a name someone else's object holds, and changes nothing", async () => {
    const front = objectName("isolation", "front");
    createNetwork(front);
    try {
      const view = await labView("isolation");
      expect(view.progress.clashes).toEqual([`network ${front}`]);
      expectError(await runStep("isolation", 1), 409, "conflict", new RegExp(`taken by objects that are not the lab's .*network ${front}`));
      expect(labelledLeft("isolation")).toEqual({ containers: [], networks: [], links: [] });
      // A reset removes only what carries the lab's label: the clashing network stays.
      await reset("isolation");
      expect(dockerTry("network", "inspect", front).ok).toBe(true);
    } finally {
      docker("network", "rm", front);
    }
  });

  it("answers on the engine-scoped twins too", async () => {
    const res = await send(api, "GET", "/api/engines/local/labs");
    expect(res.status).toBe(200);
    expect(json<LabsBody>(res).labs.map((l) => l.id)).toEqual(LABS.map((l) => l.id));
    expectError(await post(api, "/api/engines/local/labs/dns/steps/1"), 409, "conflict", /done already/);
  });
});

describe("a lab that needs a swarm, on an engine outside one", () => {
  it("lists the overlay lab with the reason, refuses its steps with it (409), and makes nothing", async () => {
    expect(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).toBe("inactive");
    const view = await labView("overlay");
    expect(view.unavailable).toBe("This lab needs swarm with two nodes: docker swarm init, then docker swarm join on a second host. This engine is not in a swarm.");
    expect(view.progress).toMatchObject({ next: 1, started: false });
    // The commands still show, the node to pin the task to as a placeholder.
    expect(view.steps[1]?.commands[0]).toMatch(/^docker service create .*--constraint 'node\.hostname==<other-node>'/);
    for (const step of [1, 2, 3]) {
      expectError(await runStep("overlay", step), 409, "conflict", /needs swarm with two nodes: docker swarm init, then docker swarm join on a second host/);
    }
    expect(labelledLeft("overlay")).toEqual({ containers: [], networks: [], links: [] });
    expect(docker("network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}")).toBe("");
  });
});

describe("servers that may not run labs", () => {
  let readOnly: RunningServer;
  let noImage: RunningServer;
  const missingImage = `cnmap-no-such-image-${uniqueName("x")}:latest`;

  beforeAll(async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    [readOnly, noImage] = await Promise.all([startServer(p1, { CNMAP_READ_ONLY: "1" }), startServer(p2, { CNMAP_LAB_IMAGE: missingImage })]);
  });
  afterAll(async () => {
    await Promise.all([readOnly?.stop(), noImage?.stop()]);
  });

  it("read-only: the labs are listed, every step and reset refused with 403, the engine unchanged", async () => {
    expect((await labs(readOnly.url)).labs).toHaveLength(LABS.length);
    for (const lab of LABS) {
      expectError(await runStep(lab.id, 1, undefined, readOnly.url), 403, "forbidden", /read-only/);
      expectError(await post(readOnly.url, `/api/labs/${lab.id}/reset`), 403, "forbidden", /read-only/);
      expect(labelledLeft(lab.id)).toEqual({ containers: [], networks: [], links: [] });
    }
  });

  it("a missing image: the labs say so and how to fix it, pull nothing and make nothing", async () => {
    const body = await labs(noImage.url);
    expect(body.image).toMatchObject({ name: missingImage, present: false });
    expect(body.image.fix).toContain(`docker pull ${missingImage}`);
    for (const lab of body.labs) expect(lab.unavailable).toContain("never pulls");
    expectError(await runStep("aliases", 1, undefined, noImage.url), 409, "conflict", new RegExp(`${missingImage} is not on this engine.*docker pull`));
    expect(labelledLeft("aliases")).toEqual({ containers: [], networks: [], links: [] });
    expect(dockerTry("image", "inspect", missingImage).ok).toBe(false);
  });
});
