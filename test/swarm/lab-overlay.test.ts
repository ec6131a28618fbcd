/**
 * Lab (h) end to end on the real two-node swarm (scripts/swarm-up.sh),
 * through the labs API as the UI drives it: each step answers 200 with every
 * probe a pass; docker itself confirms the overlay, that the service's task
 * really ran on node2 (`docker service ps`, `docker network inspect -v`, and
 * node2's own engine), and that the standalone container on the manager
 * pinged the task's overlay address; then a reset leaves nothing labelled
 * cnmap.lab=overlay on either node. Waits are on conditions, never sleeps.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditBody } from "@/lib/auth/types";
import { findLab } from "@/lib/labs/catalog";
import { LAB_LABEL, objectName } from "@/lib/labs/names";
import type { LabResetAnswer, LabsBody, LabStepAnswer, LabView } from "@/lib/labs/types";
import { docker, TEST_IMAGE } from "../support/docker-cli";
import { expectError, json, post, send } from "../support/mutate";
import { cleanupSwarmLabelled, swarmEnv, waitFor } from "../support/swarm";

const api = inject("apiUrl");
const swarm = swarmEnv();
const LAB = "overlay";
const label = `${LAB_LABEL}=${LAB}`;
const net = objectName(LAB, "net");
const remote = objectName(LAB, "remote");
const here = objectName(LAB, "here");

const lines = (s: string): string[] => s.split("\n").filter(Boolean);
function onNode2(...args: string[]): string {
  return execFileSync("docker", ["-H", swarm.node2Host, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** What carries the lab's label, on the manager and on node2. */
function left(): { services: string[]; containers: string[]; networks: string[]; node2Containers: string[]; node2Networks: string[] } {
  return {
    services: lines(docker("service", "ls", "--filter", `label=${label}`, "--format", "{{.Name}}")),
    containers: lines(docker("ps", "-a", "--filter", `label=${label}`, "--format", "{{.Names}}")),
    networks: lines(docker("network", "ls", "--filter", `label=${label}`, "--format", "{{.Name}}")),
    node2Containers: lines(onNode2("ps", "-a", "--filter", `label=${label}`, "--format", "{{.Names}}")),
    node2Networks: lines(onNode2("network", "ls", "--filter", `name=${net}`, "--format", "{{.Name}}")),
  };
}
const NOTHING = { services: [], containers: [], networks: [], node2Containers: [], node2Networks: [] };

async function labView(): Promise<LabView> {
  const res = await send(api, "GET", "/api/labs");
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  const lab = json<LabsBody>(res).labs.find((l) => l.id === LAB);
  if (!lab) throw new Error("GET /api/labs lists no overlay lab");
  return lab;
}

async function step(n: number): Promise<LabStepAnswer> {
  const res = await post(api, `/api/labs/${LAB}/steps/${n}`);
  expect(res.status, res.text.slice(0, 1500)).toBe(200);
  const answer = json<LabStepAnswer>(res);
  for (const [j, r] of answer.run.results.entries()) {
    expect({ step: n, probe: j, verdict: r.verdict, summary: r.summary, output: r.output.slice(0, 300) }).toMatchObject({ verdict: "pass" });
  }
  return answer;
}

interface VerboseNetwork {
  Driver: string;
  Scope: string;
  Attachable: boolean;
  Labels: Record<string, string> | null;
  Services?: Record<string, { Tasks: { Name: string; EndpointIP: string; Info: Record<string, string> }[] }>;
}

beforeAll(async () => {
  // The swarm is what swarm-up promised, and an earlier run left nothing of the lab.
  expect(lines(docker("node", "ls", "--format", "{{.Hostname}} {{.Status}}"))).toContain(`${swarm.node2Hostname} Ready`);
  if (left().services.length + left().containers.length + left().networks.length > 0) {
    expect((await post(api, `/api/labs/${LAB}/reset`)).status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  const l = left();
  if (l.services.length + l.containers.length + l.networks.length > 0) await post(api, `/api/labs/${LAB}/reset`);
  // Whatever the API could not remove goes by its label (and nothing without it).
  const failed = await cleanupSwarmLabelled(label);
  expect(failed, "objects of the lab that could not be removed").toEqual([]);
}, 180_000);

describe("lab (h) on a two-node swarm, through the labs API", () => {
  let taskIp = "";

  it("is offered on the manager, with its steps and their commands", async () => {
    const lab = await labView();
    expect(lab.unavailable).toBeNull();
    expect(lab.progress).toMatchObject({ next: 1, started: false, clashes: [] });
    expect(lab.steps).toHaveLength(findLab(LAB)?.steps.length ?? 0);
    expect(lab.steps[1]?.commands[0]).toContain(`--constraint node.hostname==${swarm.node2Hostname}`);
  });

  it("step 1 creates an attachable overlay of swarm scope, labelled", async () => {
    const answer = await step(1);
    expect(answer.run.commands).toEqual([`docker network create --driver overlay --attachable --label ${label} ${net}`]);
    const [n] = JSON.parse(docker("network", "inspect", net)) as VerboseNetwork[];
    expect(n).toMatchObject({ Driver: "overlay", Scope: "swarm", Attachable: true, Labels: { [LAB_LABEL]: LAB } });
  });

  it("step 2 runs the service's one task on node2, as docker service ps and node2's own engine say", async () => {
    const answer = await step(2);
    expect(answer.run.commands[0]).toMatch(
      new RegExp(`^docker service create --detach --no-resolve-image --name ${remote} .*--constraint node\\.hostname==${swarm.node2Hostname} .*${TEST_IMAGE.replace(/[.:]/g, "\\$&")} sleep`),
    );
    expect(answer.run.results[0]?.nodes).toMatchObject({ from: { node: swarm.managerHostname, here: true }, to: { node: swarm.node2Hostname, here: false } });
    // docker service ps: the running task is on node2.
    expect(lines(docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}} {{.CurrentState}}", remote))).toEqual([
      expect.stringMatching(new RegExp(`^${swarm.node2Hostname} Running`)),
    ]);
    const [svc] = JSON.parse(docker("service", "inspect", remote)) as { Spec: { Labels: Record<string, string>; TaskTemplate: { ContainerSpec: { Labels: Record<string, string> } } } }[];
    expect(svc?.Spec.Labels[LAB_LABEL]).toBe(LAB);
    expect(svc?.Spec.TaskTemplate.ContainerSpec.Labels[LAB_LABEL]).toBe(LAB);
    // node2's own engine holds the task's container, labelled, with its address on the overlay; the manager holds none.
    const [container] = lines(onNode2("ps", "--filter", `label=${label}`, "--format", "{{.ID}}"));
    taskIp = onNode2("inspect", "--format", `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, container ?? "");
    expect(taskIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(answer.run.results[0]?.output).toMatch(new RegExp(`^${remote}\\.1 ${swarm.node2Hostname} Running$`));
    expect(lines(docker("ps", "--filter", `label=${label}`, "--filter", "label=com.docker.swarm.service.id", "--format", "{{.ID}}"))).toEqual([]);
  });

  it("step 3: a container here pings the task on node2 at its overlay address (network inspect -v places it there), and tasks.<service> resolves to it", async () => {
    const answer = await step(3);
    expect(answer.run.commands).toEqual([`docker run --detach --name ${here} --label ${label} --network ${net} ${TEST_IMAGE} sleep 604800`]);
    const [ping, dns] = answer.run.results;
    expect(ping?.command).toMatch(new RegExp(`^docker exec ${here} ping .* ${taskIp.replace(/\./g, "\\.")}$`));
    expect(ping?.output).toMatch(/packets received/);
    expect(dns?.command).toContain(`nslookup tasks.${remote} 127.0.0.11`);
    expect(dns?.output).toContain(taskIp);
    for (const r of [ping, dns]) {
      expect(r?.nodes).toMatchObject({
        from: { name: here, node: swarm.managerHostname, here: true },
        to: { name: `${remote}.1`, node: swarm.node2Hostname, here: false, address: taskIp },
      });
    }
    // docker network inspect -v (the manager is on the overlay now, through here): the task's endpoint is at node2's address.
    const v = await waitFor("the overlay's verbose view to list the task", () => {
      const [x] = JSON.parse(docker("network", "inspect", "-v", net)) as VerboseNetwork[];
      return x?.Services?.[remote]?.Tasks[0] ? x : undefined;
    }, 30_000);
    const task = v.Services?.[remote]?.Tasks[0];
    expect(task?.Info["Host IP"]).toBe(swarm.node2Addr);
    expect(task?.EndpointIP).toBe(taskIp);
    // The container is on the manager, the task on node2: docker says so too.
    expect(docker("inspect", "--format", `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, here)).toBe(ping?.nodes?.from.address);
    const lab = await labView();
    expect(lab.progress).toMatchObject({ next: null, done: [true, true, true] });
    expect(lab.runs[3]?.results.map((r) => r.verdict)).toEqual(["pass", "pass"]);
    expectError(await post(api, `/api/labs/${LAB}/steps/1`), 409, "conflict", /is done\. Reset/);
  });

  it("records the steps in the audit trail, with their docker commands", async () => {
    const entries = json<AuditBody>(await send(api, "GET", "/api/audit?action=lab.step&limit=100")).entries.filter((e) => e.target.startsWith(`lab ${LAB} step 2`));
    expect(entries[0]).toMatchObject({ action: "lab.step", outcome: "ok", message: "probes: pass" });
    expect(entries[0]?.command).toContain(`docker service create --detach --no-resolve-image --name ${remote}`);
  });

  it("a reset removes the service, the container and the overlay, and nothing labelled remains on either node", async () => {
    const res = await post(api, `/api/labs/${LAB}/reset`);
    expect(res.status, res.text.slice(0, 800)).toBe(200);
    const answer = json<LabResetAnswer>(res);
    expect(answer.removed).toMatchObject({ services: [remote], containers: [here], networks: [net], links: [] });
    expect(answer.lab.progress).toMatchObject({ next: 1, started: false });
    expect(answer.lab.runs).toEqual({});
    // node2 lets go of its task's container and its copy of the overlay on its own time.
    await waitFor("node2 to hold nothing of the lab", () => {
      const l = left();
      return l.node2Containers.length + l.node2Networks.length === 0 ? true : undefined;
    }, 60_000);
    expect(left()).toEqual(NOTHING);
    const resets = json<AuditBody>(await send(api, "GET", "/api/audit?action=lab.reset&limit=100")).entries;
    expect(resets.find((e) => e.target === `lab ${LAB} reset` && e.outcome === "ok")?.command).toMatch(/^docker service rm /);
  });
});
