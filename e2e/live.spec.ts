/**
 * The graph follows the engine without a reload: objects created, connected,
 * disconnected and removed with the docker CLI appear and disappear while the
 * page stays open. And a node the user drags keeps its place across reloads.
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, createNetwork, docker, networkInspect, runContainer, uniqueName } from "../test/support/docker-cli";
import {
  containerId,
  endpointLabel,
  ENGINE_TIMEOUT,
  flowElement,
  flowPosition,
  hitAtCentre,
  inspectedIPv4,
  networkId,
  networkNode,
  openDashboard,
  rectOf,
  networkSettled,
  sandboxOf,
} from "./helpers";

interface InspectedNetwork {
  Containers?: Record<string, { Name: string; IPv4Address: string }>;
}

/** Names of the containers `docker network inspect` lists on the network. */
function containersOn(network: string): string[] {
  const [n] = networkInspect<InspectedNetwork>(network);
  return Object.values(n?.Containers ?? {}).map((c) => c.Name);
}

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  cleanupLabelled();
});

test("networks, sandboxes and endpoints appear and disappear live", async ({ page }) => {
  const net = uniqueName("e2e-live-net");
  const box = uniqueName("e2e-live-box");
  await openDashboard(page);
  const before = page.url();

  // A new network: its node appears.
  createNetwork(net);
  await expect(networkNode(page, net)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(flowElement(page, `net:${networkId(net)}`)).toHaveCount(1);

  // A container on it: its sandbox and its endpoint appear, with the engine's address.
  runContainer(box, ["--network", net]);
  expect(containersOn(net)).toContain(box);
  await expect(sandboxOf(page, box)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  const label = endpointLabel(page, net, box);
  await expect(label).toHaveAttribute("data-active", "true", { timeout: ENGINE_TIMEOUT });
  await expect(label).toContainText(inspectedIPv4(box, net));
  await expect(flowElement(page, `ep:${networkId(net)}:${containerId(box)}`)).toHaveCount(1);

  // Disconnected: the endpoint goes, the sandbox stays (the container still runs).
  docker("network", "disconnect", net, box);
  expect(containersOn(net)).not.toContain(box);
  await expect(label).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await expect(sandboxOf(page, box)).toBeVisible();

  // Connected again, then the container removed: endpoint and sandbox go.
  docker("network", "connect", net, box);
  await expect(label).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  docker("rm", "-f", box);
  await expect(sandboxOf(page, box)).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await expect(label).toHaveCount(0);
  expect(containersOn(net)).toEqual([]);

  // The network removed: its node goes.
  docker("network", "rm", net);
  await expect(networkNode(page, net)).toHaveCount(0, { timeout: ENGINE_TIMEOUT });

  expect(page.url(), "no reload happened").toBe(before);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
});

test("a dragged node keeps its position across a reload", async ({ page }) => {
  const net = uniqueName("e2e-drag-net");
  createNetwork(net);
  const id = `net:${networkId(net)}`;
  await openDashboard(page);
  const node = flowElement(page, id);
  await expect(node).toBeVisible({ timeout: ENGINE_TIMEOUT });

  const start = await flowPosition(node);
  // Grab the node by its name (nothing may cover it) and move it in steps.
  const title = networkNode(page, net).getByText(net, { exact: true });
  expect(await hitAtCentre(title), "the node's name is not covered").toBe("self");
  const r = await rectOf(title);
  const grab = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 60, grab.y + 40, { steps: 10 });
  await page.mouse.move(grab.x + 120, grab.y + 80, { steps: 10 });
  await page.mouse.up();

  await expect.poll(async () => (await flowPosition(node)).x).not.toBe(start.x);
  const dragged = await flowPosition(node);
  expect(dragged.y).not.toBe(start.y);
  // Saved in localStorage under the node's stable ID.
  await expect
    .poll(() =>
      page.evaluate((key) => {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          if (k?.startsWith("cnmap.positions") && (localStorage.getItem(k) ?? "").includes(`"${key}"`)) return true;
        }
        return false;
      }, id),
    )
    .toBe(true);

  await networkSettled();
  await page.reload();
  await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
  await expect(node).toBeVisible({ timeout: ENGINE_TIMEOUT });
  const after = await flowPosition(node);
  expect(after.x).toBeCloseTo(Math.round(dragged.x), 0);
  expect(after.y).toBeCloseTo(Math.round(dragged.y), 0);
});
