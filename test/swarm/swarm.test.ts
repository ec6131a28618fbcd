/**
 * The two-node swarm of scripts/swarm-up.sh, used through cnmap as it is
 * today: the topology reports the swarm and its attachable overlay; a
 * standalone container on the manager reaches a task on node2 over VXLAN
 * (ping through POST /api/probe); swarm DNS (`tasks.<service>`, dnsrr) answers
 * with the task addresses; and a host-mode published port answers on node2's
 * address only. This kernel has no IPVS, so nothing here sends traffic to a
 * service VIP or through the ingress mesh. Everything made carries this run's
 * label and is removed in afterAll. Waits are on conditions, never sleeps.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fetchTopology, topologyWhen } from "../support/api";
import { docker, LABEL, runContainer, uniqueName } from "../support/docker-cli";
import { freePort } from "../support/server";
import { bare, cleanupSwarmLabelled, createOverlay, createService, onNode2, probe, swarmEnv, waitFor, waitForTasks, type TaskInfo } from "../support/swarm";

const api = inject("apiUrl");
const swarm = swarmEnv();

const overlay = uniqueName("sw-ov");
const pinned = uniqueName("sw-pinned");
const rr = uniqueName("sw-rr");
const web = uniqueName("sw-web");
const client = uniqueName("sw-client");
/** What the host-mode web service serves: unique to this run. */
const page = `cnmap swarm ${uniqueName("page")}`;
let overlayId = "";
let webPort = 0;
let pinnedTask: TaskInfo;
let rrTasks: TaskInfo[] = [];

/** GET http://host:port/path from the host; resolves with the status and body, rejects on a connection error. */
function httpGet(host: string, port: number, path = "/", timeoutMs = 3000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })));
    req.on("error", reject);
  });
}

beforeAll(async () => {
  // The swarm is what swarm-up promised: two Ready nodes, node2 a worker with its own hostname.
  const nodes = docker("node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}}").split("\n");
  expect(nodes).toContain(`${swarm.node2Hostname} Ready `);
  expect(nodes).toContain(`${swarm.managerHostname} Ready Leader`);
  expect(onNode2("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")).toBe("active false");

  overlayId = createOverlay(overlay);
  webPort = await freePort("0.0.0.0");
  createService(pinned, ["--network", overlay, "--constraint", `node.hostname==${swarm.node2Hostname}`]);
  createService(rr, ["--network", overlay, "--endpoint-mode", "dnsrr", "--replicas", "2"]);
  createService(
    web,
    [
      "--constraint", `node.hostname==${swarm.node2Hostname}`,
      "--publish", `mode=host,published=${webPort},target=80`,
    ],
    ["sh", "-c", `mkdir -p /www && echo "${page}" > /www/index.html && exec httpd -f -p 80 -h /www`],
  );
  // A standalone container on the manager, on the attachable overlay.
  runContainer(client, ["--network", overlay], ["sleep", "3600"]);
  [pinnedTask] = (await waitForTasks(pinned, 1)) as [TaskInfo];
  rrTasks = await waitForTasks(rr, 2);
  await waitForTasks(web, 1);
}, 180_000);

afterAll(async () => {
  const failed = await cleanupSwarmLabelled();
  expect(failed, "objects of this run that could not be removed").toEqual([]);
}, 180_000);

describe("the topology on a swarm manager", () => {
  it("reports the swarm as active, as docker info does", async () => {
    const t = await fetchTopology(api);
    expect(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).toBe("active");
    expect(t.engine.swarm).toBe("active");
  });

  it("holds the attachable overlay made in the test, with scope swarm, as docker network inspect says", async () => {
    const t = await topologyWhen(api, (x) => x.networks.some((n) => n.id === overlayId), `overlay ${overlay}`, 30_000);
    const n = t.networks.find((x) => x.id === overlayId);
    const [cli] = JSON.parse(docker("network", "inspect", overlayId)) as { Scope: string; Driver: string; Attachable: boolean }[];
    expect(cli).toMatchObject({ Scope: "swarm", Driver: "overlay", Attachable: true });
    expect(n).toMatchObject({ name: overlay, driver: "overlay", scope: "swarm", attachable: true, ingress: false });
    expect(n?.labels).toMatchObject({ [LABEL.split("=")[0] ?? ""]: LABEL.split("=")[1] });
  });
});

describe("overlay traffic between the two nodes (VXLAN)", () => {
  it("the task pinned to node2 runs there, and the network's verbose view places it on node2's address", () => {
    expect(pinnedTask.node).toBe(swarm.node2Hostname);
    const [v] = JSON.parse(docker("network", "inspect", "-v", overlayId)) as {
      Services: Record<string, { Tasks: { Name: string; EndpointIP: string; Info: Record<string, string> }[] }>;
    }[];
    const task = v?.Services[pinned]?.Tasks[0];
    expect(task?.EndpointIP).toBe(bare(pinnedTask.addresses[overlayId] ?? ""));
    expect(task?.Info["Host IP"]).toBe(swarm.node2Addr);
    // node2's own engine holds the task's container, on the same overlay address.
    const ip = onNode2("inspect", "--format", `{{(index .NetworkSettings.Networks "${overlay}").IPAddress}}`, pinnedTask.containerId);
    expect(ip).toBe(task?.EndpointIP);
  });

  it("a standalone container on the manager pings the task on node2, through cnmap's probe", async () => {
    const target = bare(pinnedTask.addresses[overlayId] ?? "");
    // The probe runs from a container cnmap's model holds: wait until it does.
    await topologyWhen(api, (t) => t.sandboxes.some((s) => s.containers.some((c) => c.name === client)), `container ${client}`, 30_000);
    const r = await probe(api, { from: client, kind: "ping", target, count: 2, timeoutSeconds: 2 });
    expect(r.command).toMatch(new RegExp(`^docker exec ${client} ping -c 2 -W 2 -w \\d+ ${target.replace(/\./g, "\\.")}$`));
    expect(r.outcome, r.output).toBe("success");
    expect(r.output).toMatch(/2 packets transmitted, 2 packets received/);
  });
});

describe("swarm DNS, with real lookups", () => {
  /** The addresses nslookup (busybox) answered with, after the server's own address. */
  const answers = (output: string): string[] =>
    output
      .split(/Non-authoritative answer:/)
      .slice(1)
      .join("\n")
      .split("\n")
      .flatMap((l) => /^Address(?: \d+)?:\s+(\S+)$/.exec(l.trim())?.[1] ?? [])
      .filter((a) => !a.includes("#") && !a.endsWith(":53"))
      .sort();

  // Through cnmap's probe: it takes swarm service names and tasks.<service> (lib/probe/targets).
  it(`tasks.<service> resolves to the task's overlay address`, async () => {
    const r = await probe(api, { from: client, kind: "dns", target: `tasks.${pinned}` });
    expect(r.command).toMatch(new RegExp(`nslookup tasks\\.${pinned}$`));
    expect(answers(r.output)).toEqual([bare(pinnedTask.addresses[overlayId] ?? "")]);
  });

  it("a dnsrr service's name resolves to all its task addresses, on both nodes", async () => {
    const expected = rrTasks.map((t) => bare(t.addresses[overlayId] ?? "")).sort();
    expect(expected).toHaveLength(2);
    // The task on the other node is learnt by gossip a moment after it runs: ask until both answer.
    const out = await waitFor(`${rr} to resolve to both tasks`, async () => {
      const r = await probe(api, { from: client, kind: "dns", target: rr });
      return answers(r.output).length === 2 ? r.output : undefined;
    }, 30_000, 500);
    expect(answers(out)).toEqual(expected);
  });
});

describe("a host-mode published port", () => {
  it("answers a real HTTP request at node2's address", async () => {
    const res = await waitFor(
      `http://${swarm.node2Addr}:${webPort}/ to answer`,
      async () => {
        try {
          return await httpGet(swarm.node2Addr, webPort, "/index.html");
        } catch {
          return undefined;
        }
      },
      60_000,
    );
    expect(res.status).toBe(200);
    expect(res.body.trim()).toBe(page);
    const [svc] = JSON.parse(docker("service", "inspect", web)) as { Endpoint: { Ports: { PublishMode: string; PublishedPort: number; TargetPort: number }[] } }[];
    expect(svc?.Endpoint.Ports).toEqual([expect.objectContaining({ PublishMode: "host", PublishedPort: webPort, TargetPort: 80 })]);
  });

  it("does not answer at the manager's address, which runs no task of it", async () => {
    const err = await httpGet(swarm.managerAddr, webPort, "/index.html").then(
      (r) => new Error(`answered ${r.status}`),
      (e: NodeJS.ErrnoException) => e,
    );
    expect((err as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });
});
