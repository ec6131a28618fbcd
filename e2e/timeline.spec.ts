/**
 * The event timeline: changes made with the docker CLI while the page is open
 * appear as entries carrying the engine's IDs, the filters narrow them, an
 * entry selects and centres its node, and an entry whose object was removed
 * says so and links nowhere. The panel sits beside the canvas, collapsible,
 * covering neither the canvas controls nor the header's buttons.
 */
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, createNetwork, docker, inspect, networkInspect, runContainer, uniqueName } from "../test/support/docker-cli";
import { startServer, type RunningServer } from "../test/support/server";
import { startSocketProxy, type SocketProxy } from "../test/support/socket-proxy";
import { ENGINE_TIMEOUT, hitAtCentre, openDashboard, networkSettled, rectOf } from "./helpers";

/** The server behind a socket proxy the gap test cuts (recovery uses 3225, read-only 3226). */
const GAP_PORT = 3227;

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  cleanupLabelled();
});

/** Opens the timeline (it starts collapsed so the canvas keeps its width). */
async function openTimeline(page: Page): Promise<void> {
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toHaveAttribute("data-open", "false");
  await page.getByTestId("timeline-toggle").click();
  await expect(timeline).toHaveAttribute("data-open", "true");
}

function entry(page: Page, type: string, action: string, id: string) {
  return page.locator(`[data-testid="timeline-entry"][data-type="${type}"][data-action="${action}"][data-id="${id}"]`);
}

test("create, connect, start and disconnect appear with the engine's IDs; filters narrow; an entry selects its node", async ({
  page,
}) => {
  const net = uniqueName("e2e-tl-net");
  const box = uniqueName("e2e-tl-box");
  await openDashboard(page);
  await openTimeline(page);

  createNetwork(net);
  runContainer(box, ["--network", net]);
  docker("network", "disconnect", net, box);

  // The IDs as the engine reports them.
  const netId = networkInspect<{ Id: string }>(net)[0]?.Id ?? "";
  const boxId = inspect<{ Id: string }>(box)[0]?.Id ?? "";
  expect(netId).toMatch(/^[0-9a-f]{64}$/);
  expect(boxId).toMatch(/^[0-9a-f]{64}$/);

  const netCreate = entry(page, "network", "create", netId);
  const connect = entry(page, "network", "connect", netId).and(page.locator(`[data-container="${boxId}"]`));
  const disconnect = entry(page, "network", "disconnect", netId).and(page.locator(`[data-container="${boxId}"]`));
  const boxCreate = entry(page, "container", "create", boxId);
  const boxStart = entry(page, "container", "start", boxId);
  for (const e of [netCreate, connect, disconnect, boxCreate, boxStart]) await expect(e).toHaveCount(1, { timeout: ENGINE_TIMEOUT });

  // In words, with names from the topology, newest first.
  await expect(netCreate).toContainText(`network ${net} created`);
  await expect(connect).toContainText(`${box} connected to ${net}`);
  await expect(disconnect).toContainText(`${box} disconnected from ${net}`);
  await expect(boxStart).toContainText(`container ${box} started`);
  const order = await page
    .getByTestId("timeline-entry")
    .evaluateAll((els) => els.map((el) => `${el.getAttribute("data-type")}:${el.getAttribute("data-action")}:${el.getAttribute("data-id")}`));
  const at = (key: string) => order.indexOf(key);
  expect(at(`network:disconnect:${netId}`)).toBeLessThan(at(`container:start:${boxId}`));
  expect(at(`container:start:${boxId}`)).toBeLessThan(at(`container:create:${boxId}`));
  expect(at(`container:create:${boxId}`)).toBeLessThan(at(`network:create:${netId}`));

  // Links: the network's entry to its node, the container's to its sandbox.
  await expect(netCreate).toHaveAttribute("data-node", `net:${netId}`);
  await expect(boxStart).toHaveAttribute("data-node", `sbx:${boxId}`, { timeout: ENGINE_TIMEOUT });
  await expect(disconnect).toHaveAttribute("data-node", `sbx:${boxId}`);

  // Filter by type: container entries go, network entries stay.
  await page.getByTestId("timeline-filter-type").selectOption("network");
  await expect(boxCreate).toHaveCount(0);
  await expect(boxStart).toHaveCount(0);
  await expect(page.locator('[data-testid="timeline-entry"][data-type="container"]')).toHaveCount(0);
  await expect(netCreate).toHaveCount(1);
  await expect(connect).toHaveCount(1);
  await page.getByTestId("timeline-filter-type").selectOption("all");
  await expect(boxStart).toHaveCount(1);

  // Filter by action, then by name.
  await page.getByTestId("timeline-filter-action").selectOption("disconnect");
  await expect(disconnect).toHaveCount(1);
  await expect(connect).toHaveCount(0);
  await expect(netCreate).toHaveCount(0);
  await page.getByTestId("timeline-filter-action").selectOption("");
  await page.getByTestId("timeline-filter-text").fill(box);
  await expect(boxCreate).toHaveCount(1);
  await expect(connect).toHaveCount(1); // its container is the box
  await expect(netCreate).toHaveCount(0);
  await page.getByTestId("timeline-filter-text").fill("");
  await expect(netCreate).toHaveCount(1);

  // Clicking the network's entry selects and centres its node.
  await netCreate.getByRole("button").click();
  const selected = page.locator(`.react-flow__node.selected[data-id="net:${netId}"]`);
  await expect(selected).toHaveCount(1);
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);
  await expect
    .poll(async () => {
      const canvas = await rectOf(page.locator(".react-flow"));
      const node = await rectOf(selected);
      const dx = node.x + node.width / 2 - (canvas.x + canvas.width / 2);
      const dy = node.y + node.height / 2 - (canvas.y + canvas.height / 2);
      return Math.hypot(dx, dy) < 40;
    })
    .toBe(true);

  // Clicking the container's entry selects its sandbox instead.
  await boxStart.getByRole("button").click();
  await expect(page.locator(`.react-flow__node.selected[data-id="sbx:${boxId}"]`)).toHaveCount(1);
  await expect(selected).toHaveCount(0);

  // Removed: its entries say so and link nowhere.
  docker("rm", "-f", box);
  await expect(entry(page, "container", "destroy", boxId)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(boxStart).toHaveAttribute("data-gone", "true", { timeout: ENGINE_TIMEOUT });
  await expect(boxStart).toContainText("removed");
  await expect(boxStart.getByRole("button")).toHaveCount(0);
  await expect(boxStart).toContainText(`container ${box} started`); // the name outlives the container
  docker("network", "rm", net);
  await expect(netCreate).toHaveAttribute("data-gone", "true", { timeout: ENGINE_TIMEOUT });
  await expect(netCreate.getByRole("button")).toHaveCount(0);
});

test("the panel covers neither the canvas controls nor the header's buttons, and collapses", async ({ page }) => {
  await openDashboard(page);
  const timeline = page.getByTestId("timeline");
  // Collapsed at first, then open; the choice outlives a reload.
  await expect(page.getByTestId("timeline-filters")).toHaveCount(0);
  expect((await rectOf(timeline)).width).toBeLessThan(50);
  await openTimeline(page);
  await networkSettled();
  await page.reload();
  await expect(timeline).toHaveAttribute("data-open", "true", { timeout: 30_000 });
  for (const control of [
    page.locator(".react-flow__controls-zoomin"),
    page.locator(".react-flow__controls-fitview"),
    page.getByTestId("new-network"),
    page.getByTestId("live-status"),
  ]) {
    expect(await hitAtCentre(control)).toBe("self");
  }
  const open = await rectOf(timeline);
  const canvasOpen = await rectOf(page.locator(".react-flow"));
  expect(open.x + open.width).toBeLessThanOrEqual(canvasOpen.x + 1);

  await page.getByTestId("timeline-toggle").click();
  await expect(timeline).toHaveAttribute("data-open", "false");
  await expect(page.getByTestId("timeline-filters")).toHaveCount(0);
  const closed = await rectOf(timeline);
  expect(closed.width).toBeLessThan(50);
  await expect.poll(async () => (await rectOf(page.locator(".react-flow"))).width).toBeGreaterThan(canvasOpen.width + 200);

  await page.getByTestId("timeline-toggle").click();
  await expect(timeline).toHaveAttribute("data-open", "true");
});

test.describe("the engine goes away and comes back", () => {
  let proxy: SocketProxy;
  let server: RunningServer;

  test.beforeAll(async () => {
    proxy = await startSocketProxy(`/tmp/cnmap-e2e-tl-proxy-${process.pid}.sock`);
    server = await startServer(GAP_PORT, { DOCKER_HOST: proxy.dockerHost });
  });
  test.afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  test("a gap marker says events may be missing, above the events after it", async ({ page }) => {
    await openDashboard(page, server.url);
    await openTimeline(page);
    await expect(page.getByTestId("timeline-gap")).toHaveCount(0);

    await proxy.cut();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "engine-lost", { timeout: 30_000 });
    await proxy.restore();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    const gap = page.getByTestId("timeline-gap");
    await expect(gap).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
    await expect(gap).toContainText("gap: events may be missing");
    await expect(gap).toHaveAttribute("data-reason", "engine");

    // An event after the gap is listed above the marker.
    const net = uniqueName("e2e-tl-gap");
    createNetwork(net);
    const id = networkInspect<{ Id: string }>(net)[0]?.Id ?? "";
    await expect(entry(page, "network", "create", id)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
    const kinds = await page
      .locator('[data-testid="timeline"] li')
      .evaluateAll((els) => els.map((el) => (el.getAttribute("data-testid") === "timeline-gap" ? "gap" : el.getAttribute("data-id"))));
    expect(kinds.indexOf(id)).toBeLessThan(kinds.indexOf("gap"));
  });
});
