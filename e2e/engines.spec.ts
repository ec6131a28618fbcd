/**
 * Several engines in one dashboard: the switcher, the engine in the URL, each
 * engine's own live graph, and an engine that is down while the others work.
 * The second engine is a dockerd in its own network namespace
 * (scripts/engine2-up.sh; scripts/test-all.sh starts it).
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, docker, LABEL, TEST_IMAGE, uniqueName } from "../test/support/docker-cli";
import { startServer, type RunningServer } from "../test/support/server";
import { containerItem, engine2Down, engine2Up, MISSING_ENGINE, networkNode, networkSettled, openDashboard } from "./helpers";

const PORT = 3227;
const local = process.env.DOCKER_HOST || "unix:///var/run/docker.sock";

test.describe("several engines", () => {
  let server: RunningServer;
  let engine2 = { host: "", started: false };
  const d2 = (...args: string[]): string => docker("-H", engine2.host, ...args);
  const net2 = uniqueName("e2-net");
  const box2 = uniqueName("e2-box");
  const box1 = uniqueName("e1-box");

  test.beforeAll(async () => {
    engine2 = engine2Up();
    d2("network", "create", "--label", LABEL, net2);
    d2("run", "-d", "--label", LABEL, "--name", box2, "--network", net2, TEST_IMAGE, "sleep", "600");
    docker("run", "-d", "--label", LABEL, "--name", box1, TEST_IMAGE, "sleep", "600");
    server = await startServer(PORT, { CNMAP_ENGINES: `main=${local};second=${engine2.host};gone=${MISSING_ENGINE}` });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled(LABEL, engine2.host);
    cleanupLabelled();
    engine2Down(engine2);
  });

  test("switches engines through the URL, each with its own live graph; one down leaves the others working", async ({ page }) => {
    await openDashboard(page, server.url);
    const switcher = page.getByTestId("engine-switcher");
    await expect(switcher).toHaveValue("main");
    await expect(switcher.locator("option")).toHaveText(["main", "second", "gone (down)"]);
    await expect(containerItem(page, box1)).toBeVisible();

    await switcher.selectOption("second");
    await expect(page).toHaveURL(/[?&]engine=second\b/);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    await expect(networkNode(page, net2)).toBeVisible();
    await expect(containerItem(page, box2)).toBeVisible();
    await expect(containerItem(page, box1)).toHaveCount(0);
    await expect(page.getByTestId("engine-info")).toContainText(engine2.host);

    // Live: a change made on the second engine with its own CLI is drawn.
    const later = uniqueName("e2-later");
    d2("network", "create", "--label", LABEL, later);
    await expect(networkNode(page, later)).toBeVisible();

    // A link opens the same engine.
    await networkSettled();
    await page.reload();
    await expect(page.getByTestId("engine-switcher")).toHaveValue("second");
    await expect(networkNode(page, net2)).toBeVisible();

    // An engine that is down says so; the others are one choice away.
    await page.getByTestId("engine-switcher").selectOption("gone");
    await expect(page.getByTestId("engine-unavailable")).toBeVisible();
    await expect(page.getByTestId("engine-address")).toHaveText(MISSING_ENGINE);
    await page.getByTestId("engine-switcher").selectOption("main");
    await expect(page).not.toHaveURL(/engine=/);
    await expect(containerItem(page, box1)).toBeVisible();
    await expect(networkNode(page, net2)).toHaveCount(0);
  });
});
