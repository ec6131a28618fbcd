/**
 * Read-only mode (CNMAP_READ_ONLY=1), for demo and teaching screens: the
 * graph is drawn and live, but every editing control is gone, a drag onto a
 * network sends nothing, and the engine is unchanged.
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, createNetwork, docker, runContainer, uniqueName } from "../test/support/docker-cli";
import { startServer, type RunningServer } from "../test/support/server";
import { containerItem, networkNode, openDashboard, sandboxOf } from "./helpers";

const PORT = 3226;

test.describe("read-only mode", () => {
  let server: RunningServer;
  const net = uniqueName("ro-net");
  const box = uniqueName("ro-box");

  test.beforeAll(async () => {
    createNetwork(net);
    runContainer(box);
    server = await startServer(PORT, { CNMAP_READ_ONLY: "1" });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  test("shows the graph without any editing control, and a drop changes nothing", async ({ page }) => {
    const mutations: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET") mutations.push(`${r.method()} ${r.url()}`);
    });
    await openDashboard(page, server.url);
    await expect(page.getByTestId("read-only-badge")).toBeVisible();
    await expect(networkNode(page, net)).toBeVisible();
    await expect(containerItem(page, box)).toBeVisible();

    await expect(page.getByTestId("new-network")).toHaveCount(0);
    await expect(page.getByTestId("prune-networks")).toHaveCount(0);
    await expect(page.getByTestId("sandbox-menu")).toHaveCount(0);
    await expect(networkNode(page, net).getByRole("button")).toHaveCount(0);

    // Selecting an endpoint offers no Disconnect, and Delete does nothing.
    const label = page.locator(`[data-testid="endpoint"][data-container="${box}"]`);
    await label.click();
    await expect(page.getByRole("button", { name: /disconnect/i })).toHaveCount(0);
    await page.keyboard.press("Delete");

    // Drag the sandbox onto the network: no request, no endpoint.
    const from = await sandboxOf(page, box).boundingBox();
    const to = await networkNode(page, net).boundingBox();
    if (!from || !to) throw new Error("nodes not on screen");
    await page.mouse.move(from.x + 20, from.y + 8);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await page.waitForTimeout(1000);

    expect(mutations).toEqual([]);
    const networks = JSON.parse(docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", box)) as Record<string, unknown>;
    expect(Object.keys(networks)).toEqual(["bridge"]);
    await expect(page.locator(`[data-testid="endpoint"][data-container="${box}"]`)).toHaveCount(1);
  });
});
