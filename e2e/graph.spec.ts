/**
 * Every CNM case the dashboard draws, against objects this file creates with
 * the docker CLI: a user bridge with subnet and gateway, an internal network,
 * a container with a published port and aliases on both, one that joins its
 * namespace (--network container:…), host and none mode, a stopped container,
 * one on the default bridge, and macvlan on a veth parent.
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, docker, runContainer, uniqueName } from "../test/support/docker-cli";
import {
  addVethPair,
  containerId,
  containerItem,
  contains,
  createNetworkWithSubnet,
  deleteVethPair,
  endpointLabel,
  ENGINE_TIMEOUT,
  flowElement,
  hitAtCentre,
  inspectedIPv4,
  networkId,
  networkNode,
  openDashboard,
  rectOf,
  sandboxOf,
  vethName,
  waitForState,
} from "./helpers";

const stem = Math.random().toString(36).slice(2, 8);
const names = {
  front: uniqueName("e2e-front"),
  back: uniqueName("e2e-back"),
  mvnet: uniqueName("e2e-mvlan"),
  web: uniqueName("e2e-web"),
  sidecar: uniqueName("e2e-sidecar"),
  hostc: uniqueName("e2e-hostmode"),
  nonec: uniqueName("e2e-nonemode"),
  stopped: uniqueName("e2e-stopped"),
  legacy: uniqueName("e2e-legacy"),
  mvc: uniqueName("e2e-mvc"),
};
const webAliases = { front: `www-${stem}`, back: `api-${stem}` };
const veth = { a: vethName("a", stem), b: vethName("b", stem) };

let frontNet = { subnet: "", gateway: "" };
let hostPort = "";

/** Every (network, namespace owner) pair that must have an endpoint label. */
const endpoints: { network: string; owner: string; active: boolean }[] = [
  { network: names.front, owner: names.web, active: true },
  { network: names.back, owner: names.web, active: true },
  { network: names.front, owner: names.stopped, active: false },
  { network: "host", owner: names.hostc, active: true },
  { network: "none", owner: names.nonec, active: true },
  { network: "bridge", owner: names.legacy, active: true },
  { network: names.mvnet, owner: names.mvc, active: true },
];

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  frontNet = createNetworkWithSubnet(names.front);
  createNetworkWithSubnet(names.back, "--internal");
  addVethPair(veth.a, veth.b);
  createNetworkWithSubnet(names.mvnet, "--driver", "macvlan", "--opt", `parent=${veth.a}`);

  runContainer(names.web, ["--network", names.front, "--network-alias", webAliases.front, "-p", "127.0.0.1::80"], [
    "httpd",
    "-f",
    "-p",
    "80",
  ]);
  docker("network", "connect", "--alias", webAliases.back, names.back, names.web);
  runContainer(names.sidecar, ["--network", `container:${names.web}`]);
  runContainer(names.hostc, ["--network", "host"]);
  runContainer(names.nonec, ["--network", "none"]);
  runContainer(names.legacy);
  runContainer(names.mvc, ["--network", names.mvnet]);
  runContainer(names.stopped, ["--network", names.front], ["sh", "-c", "exit 0"]);
  // "127.0.0.1:49153" (and maybe an IPv6 line): keep the IPv4 host port.
  const published = docker("port", names.web, "80/tcp").split("\n")[0] ?? "";
  hostPort = published.slice(published.lastIndexOf(":") + 1);
});

test.afterAll(() => {
  cleanupLabelled();
  deleteVethPair(veth.a);
});

test("draws every network, sandbox and endpoint the engine reports", async ({ page }) => {
  await waitForState(names.stopped, "exited");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openDashboard(page);

  // Networks, by name, with what their node states.
  for (const name of [names.front, names.back, names.mvnet, "bridge", "host", "none"]) {
    await expect(networkNode(page, name), `network ${name}`).toBeVisible({ timeout: ENGINE_TIMEOUT });
  }
  await expect(flowElement(page, `net:${networkId(names.front)}`)).toContainText(names.front);
  await expect(networkNode(page, names.front)).toContainText(frontNet.subnet);
  await expect(networkNode(page, names.front)).toContainText(`gw ${frontNet.gateway}`);
  await expect(networkNode(page, names.back)).toContainText("internal");
  await expect(networkNode(page, names.mvnet)).toHaveAttribute("data-driver", "macvlan");
  await expect(networkNode(page, "bridge").getByTestId("no-dns")).toContainText("no DNS between containers");
  await expect(networkNode(page, names.front).getByTestId("no-dns")).toHaveCount(0);

  // Containers, each in one sandbox node; the joiner in its owner's.
  for (const name of [names.web, names.sidecar, names.hostc, names.nonec, names.stopped, names.legacy, names.mvc]) {
    await expect(sandboxOf(page, name), `sandbox of ${name}`).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
    await expect(containerItem(page, name)).toHaveCount(1);
  }
  const webSandbox = flowElement(page, `sbx:${containerId(names.web)}`);
  await expect(webSandbox.locator(`[data-testid="container"][data-name="${names.web}"]`)).toBeVisible();
  await expect(webSandbox.locator(`[data-testid="container"][data-name="${names.sidecar}"]`)).toBeVisible();
  await expect(sandboxOf(page, names.sidecar)).toHaveAttribute("data-owner", names.web);
  await expect(sandboxOf(page, names.stopped)).toHaveAttribute("data-stopped", "true");
  await expect(containerItem(page, names.stopped)).toHaveAttribute("data-state", "exited");

  // The published port, on the sandbox of the container that publishes it.
  expect(hostPort).toMatch(/^\d+$/);
  await expect(sandboxOf(page, names.web).getByTestId("port")).toContainText([`127.0.0.1:${hostPort} → 80/tcp`]);

  // Endpoints: one label per (network, namespace owner), with the engine's address.
  for (const ep of endpoints) {
    const label = endpointLabel(page, ep.network, ep.owner);
    await expect(label, `endpoint ${ep.owner} on ${ep.network}`).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
    await expect(label).toHaveAttribute("data-active", String(ep.active));
    const ipv4 = inspectedIPv4(ep.owner, ep.network);
    if (["host", "none"].includes(ep.network) || !ep.active) {
      expect(ipv4, `docker inspect reports no IPv4 for ${ep.owner} on ${ep.network}`).toBe("");
    } else {
      expect(ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
      await expect(label).toContainText(ipv4);
    }
  }
  await expect(endpointLabel(page, names.front, names.web)).toContainText(webAliases.front);
  await expect(endpointLabel(page, names.back, names.web)).toContainText(webAliases.back);
  await expect(flowElement(page, `ep:${networkId(names.back)}:${containerId(names.web)}`)).toHaveCount(1);
  // The joiner holds no endpoint of its own: its owner's are the namespace's.
  await expect(page.locator(`[data-testid="endpoint"][data-container="${names.sidecar}"]`)).toHaveCount(0);

  expect(errors).toEqual([]);
});

test("the first view fits the graph and every endpoint label is on top and clickable", async ({ page }) => {
  await openDashboard(page);
  for (const ep of endpoints) {
    await expect(endpointLabel(page, ep.network, ep.owner)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  }

  // fitView: each of our nodes lies wholly inside the canvas.
  const canvas = await rectOf(page.locator(".react-flow"));
  const nodes = [
    ...[names.front, names.back, names.mvnet, "bridge", "host", "none"].map((n) => networkNode(page, n)),
    ...[names.web, names.hostc, names.nonec, names.stopped, names.legacy, names.mvc].map((c) => sandboxOf(page, c)),
  ];
  for (const node of nodes) {
    const r = await rectOf(node);
    expect(contains(canvas, r), `node ${JSON.stringify(r)} within canvas ${JSON.stringify(canvas)}`).toBe(true);
  }

  for (const ep of endpoints) {
    const label = endpointLabel(page, ep.network, ep.owner);
    const what = `label of ${ep.owner} on ${ep.network}`;
    expect(contains(canvas, await rectOf(label)), `${what} within the canvas`).toBe(true);
    expect(await hitAtCentre(label), `${what} is on top at its centre`).toBe("self");
  }

  // Clicking a label selects its edge: React Flow marks the edge, the label shows a ring.
  // The first selection opens the side panel, which narrows the canvas: fit the graph to what is left.
  const first = endpoints[0];
  if (first) await endpointLabel(page, first.network, first.owner).click();
  await expect(page.getByTestId("inspector")).toBeVisible();
  await page.locator(".react-flow__controls-fitview").click();
  await page.waitForTimeout(400);
  for (const ep of endpoints) {
    const label = endpointLabel(page, ep.network, ep.owner);
    const edge = page.locator(`.react-flow__edge[data-id="ep:${networkId(ep.network)}:${containerId(ep.owner)}"]`);
    await label.click();
    await expect(label, `label of ${ep.owner} on ${ep.network} selected`).toHaveClass(/ring-1/);
    await expect(edge).toHaveClass(/selected/);
  }
  // One edge at a time: selecting another label clears the last one's ring.
  await endpointLabel(page, names.front, names.web).click();
  await expect(endpointLabel(page, names.front, names.web)).toHaveClass(/ring-1/);
  const last = endpoints[endpoints.length - 1];
  if (last) await expect(endpointLabel(page, last.network, last.owner)).not.toHaveClass(/ring-1/);
});
