/**
 * The page recovers by itself: opened while no engine answers, it explains
 * what is missing; when the engine comes back, the graph appears without a
 * reload. The engine's coming and going is a socket proxy the test controls.
 */
import { expect, test } from "./fixtures";
import { startServer, type RunningServer } from "../test/support/server";
import { startSocketProxy, type SocketProxy } from "../test/support/socket-proxy";

const PORT = 3225;

test.describe("engine comes back", () => {
  let proxy: SocketProxy;
  let server: RunningServer;

  test.beforeAll(async () => {
    proxy = await startSocketProxy(`/tmp/cnmap-e2e-proxy-${process.pid}.sock`);
    server = await startServer(PORT, { DOCKER_HOST: proxy.dockerHost });
    await proxy.cut();
  });
  test.afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  test("shows what is missing, then the graph once the engine answers", async ({ page }) => {
    await page.goto(server.url);
    const panel = page.getByTestId("engine-unavailable");
    await expect(panel).toBeVisible();
    await expect(page.getByTestId("engine-address")).toHaveText(proxy.dockerHost);
    await expect(panel).toContainText("DOCKER_HOST");

    await proxy.restore();
    await expect(page.locator('[data-testid="network-node"][data-name="bridge"]')).toBeVisible({ timeout: 20_000 });
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  });
});
