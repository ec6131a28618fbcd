/**
 * Services on the canvas, on the real two-node swarm (scripts/swarm-up.sh):
 * a replicated service spread over both nodes on a labelled attachable
 * overlay, and beside it a one-task service pinned to node2 that publishes a
 * port in host mode (on its own: two tasks of one node cannot both bind a
 * host-mode port, so the scaled service publishes none).
 *
 * - the service node carries its name (`data-name`), and its tasks carry the
 *   hostname of the node they run on (`data-node`), equal to `docker service
 *   ps --format {{.Node}}`;
 * - the edge label to the overlay is the VIP `docker service inspect` reports;
 * - the host-mode port reads as reachable on the nodes that run a task only;
 * - `docker service scale` shows up live, without a reload.
 *
 * Everything made here carries this run's label and is removed in afterAll.
 */
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "../fixtures";
import { docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../../test/support/docker-cli";
import { ENGINE_TIMEOUT, networkNode, openDashboard } from "../helpers";

test.describe.configure({ mode: "serial" });

/** Tasks take a while to be scheduled and started on the second daemon (vfs storage). */
const SWARM_TIMEOUT = 60_000;

const overlay = uniqueName("e2e-sw-svcnet");
const service = uniqueName("e2e-sw-svc");
const pinned = uniqueName("e2e-sw-hostport");
const HOST_PORT = 18000 + Math.floor(Math.random() * 1000);

function node2Host(): string {
  const host = process.env.CNMAP_SWARM_NODE2_HOST;
  if (!host) throw new Error("no two-node swarm: run these specs with `npm run test:swarm` (scripts/test-swarm.sh makes the swarm)");
  return host;
}

function node2Hostname(): string {
  const name = process.env.CNMAP_SWARM_NODE2_HOSTNAME;
  if (!name) throw new Error("CNMAP_SWARM_NODE2_HOSTNAME is not set (scripts/swarm-up.sh prints it)");
  return name;
}

/** The hostnames of the nodes that run the service's tasks, as `docker service ps` says, sorted. */
function psNodes(name: string): string[] {
  return docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}", name).split("\n").filter(Boolean).sort();
}

/** The drawn tasks' nodes against `docker service ps`'s, both read at each poll (either may move on while a scale settles). */
function sameNodes(drawn: string[], ps: string[]): { same: boolean; drawn?: string[]; ps?: string[] } {
  const a = [...drawn].sort();
  return a.length === ps.length && a.every((x, i) => x === ps[i]) ? { same: true } : { same: false, drawn: a, ps };
}

function runningCount(name: string): number {
  return docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.CurrentState}}", name)
    .split("\n")
    .filter((s) => s.startsWith("Running")).length;
}

function serviceNode(page: Page, name: string) {
  return page.locator(`[data-testid="service-node"][data-name="${name}"]`);
}

async function until(what: string, check: () => boolean): Promise<void> {
  await expect.poll(check, { message: what, timeout: SWARM_TIMEOUT, intervals: [250] }).toBe(true);
}

test.beforeAll(async () => {
  node2Host();
  expect(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).toBe("active");
  docker("network", "create", "--driver", "overlay", "--attachable", "--label", LABEL, overlay);
  docker(
    "service", "create", "--detach", "--quiet",
    "--name", service,
    "--label", LABEL,
    "--container-label", LABEL,
    "--network", overlay,
    "--replicas", "2",
    "--placement-pref", "spread=node.hostname",
    "--no-resolve-image",
    TEST_IMAGE, "sleep", "600",
  );
  docker(
    "service", "create", "--detach", "--quiet",
    "--name", pinned,
    "--label", LABEL,
    "--container-label", LABEL,
    "--network", overlay,
    "--replicas", "1",
    "--constraint", `node.hostname==${node2Hostname()}`,
    "--publish", `mode=host,published=${HOST_PORT},target=80`,
    "--no-resolve-image",
    TEST_IMAGE, "sleep", "600",
  );
  await until(`2 running tasks of ${service} on 2 nodes`, () => runningCount(service) === 2 && new Set(psNodes(service)).size === 2);
  await until(`the task of ${pinned} running`, () => runningCount(pinned) === 1);
});

test.afterAll(async () => {
  dockerTry("service", "rm", service, pinned);
  // A removed service's task containers linger a moment on each node; the overlay cannot go while they hold an endpoint.
  await until("this run's task containers gone from both nodes", () => {
    const here = docker("ps", "-aq", "--filter", `label=${LABEL}`, "--filter", "label=com.docker.swarm.service.id");
    const there = execFileSync("docker", ["-H", node2Host(), "ps", "-aq", "--filter", `label=${LABEL}`], { encoding: "utf8" }).trim();
    return here === "" && there === "";
  });
  dockerTry("network", "rm", overlay);
});

test("a service is drawn with its tasks by node, its VIP on the overlay and its host-mode port, and a scale shows live", async ({ page }) => {
  await openDashboard(page);
  await expect(networkNode(page, overlay)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  const node = serviceNode(page, service);
  await expect(node).toBeVisible({ timeout: SWARM_TIMEOUT });

  // Tasks, by the node `docker service ps` says each runs on.
  const tasks = node.locator('[data-testid="task"]');
  await expect(tasks).toHaveCount(2, { timeout: SWARM_TIMEOUT });
  await expect.poll(async () => sameNodes(await tasks.evaluateAll((els) => els.map((e) => e.getAttribute("data-node") ?? "")), psNodes(service)), { timeout: SWARM_TIMEOUT }).toEqual({ same: true });
  await expect(node.locator('[data-testid="task"][data-state="running"]')).toHaveCount(2, { timeout: SWARM_TIMEOUT });
  // The local task's container is the task: no sandbox of its own.
  for (const id of docker("ps", "-q", "--filter", `label=com.docker.swarm.service.name=${service}`).split("\n").filter(Boolean)) {
    const name = docker("inspect", "--format", "{{.Name}}", id).replace(/^\//, "");
    await expect(page.locator(`[data-testid="container"][data-name="${name}"]`)).toHaveCount(0);
  }

  // The edge to the overlay carries the VIP the engine reports there.
  const overlayId = docker("network", "inspect", "--format", "{{.Id}}", overlay);
  const vips = JSON.parse(docker("service", "inspect", "--format", "{{json .Endpoint.VirtualIPs}}", service)) as { NetworkID: string; Addr: string }[];
  const vip = vips.find((v) => v.NetworkID === overlayId)?.Addr;
  expect(vip).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  const label = page.locator(`[data-testid="service-vip"][data-service="${service}"][data-network="${overlay}"]`);
  await expect(label).toHaveAttribute("data-vip", vip ?? "");
  await expect(label).toHaveText(vip ?? "");

  // Host mode: reachable on the node that runs the task (node2), and only there; the port is not on the mesh.
  const port = serviceNode(page, pinned).locator(`[data-testid="service-port"][data-published="${HOST_PORT}"]`);
  await expect(port).toHaveAttribute("data-mode", "host", { timeout: SWARM_TIMEOUT });
  expect(psNodes(pinned)).toEqual([node2Hostname()]);
  await expect(port).toHaveText(`${HOST_PORT}→80/tcp · host: ${node2Hostname()}`, { timeout: SWARM_TIMEOUT });
  await expect(serviceNode(page, pinned).locator('[data-testid="task"]')).toHaveAttribute("data-node", node2Hostname());

  // The swarm's status: this engine manages, both nodes listed.
  const status = page.getByTestId("swarm-status");
  await expect(status).toHaveAttribute("data-role", "manager");
  for (const hostname of docker("node", "ls", "--format", "{{.Hostname}}").split("\n").filter(Boolean)) {
    await expect(status.locator(`[data-testid="swarm-node"][data-hostname="${hostname}"]`)).toBeVisible();
  }

  // A scale appears live: no reload.
  await page.evaluate(() => {
    (window as unknown as { cnmapNoReload?: boolean }).cnmapNoReload = true;
  });
  docker("service", "scale", "--detach", `${service}=3`);
  await expect(tasks).toHaveCount(3, { timeout: SWARM_TIMEOUT });
  await expect(node).toHaveAttribute("data-desired", "3", { timeout: SWARM_TIMEOUT });
  await until(`3 running tasks of ${service}`, () => runningCount(service) === 3);
  await expect(node.locator('[data-testid="task"][data-state="running"]')).toHaveCount(3, { timeout: SWARM_TIMEOUT });
  await expect.poll(async () => sameNodes(await tasks.evaluateAll((els) => els.map((e) => e.getAttribute("data-node") ?? "")), psNodes(service)), { timeout: SWARM_TIMEOUT }).toEqual({ same: true });
  expect(await page.evaluate(() => (window as unknown as { cnmapNoReload?: boolean }).cnmapNoReload)).toBe(true);

  // The inspector: the service's VIP and its tasks by node.
  await node.click();
  const inspector = page.getByTestId("service-inspector");
  await expect(inspector).toBeVisible();
  await expect(inspector.locator(`[data-testid="service-network"][data-network="${overlay}"]`)).toHaveAttribute("data-vip", vip ?? "");
  await expect(inspector.locator('[data-testid="inspector-task"]')).toHaveCount(3);
});
