/**
 * The inspector's Logs section (issue 10, section 5) in Chromium: a
 * labelled container's known lines show, stderr marked apart; the follow
 * toggle brings a line written after it was turned on; and the section
 * passes axe in both themes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { cleanupLabelled, docker, runContainer, uniqueName } from "../test/support/docker-cli";
import { containerId, ENGINE_TIMEOUT, openDashboard } from "./helpers";

const box = uniqueName("e2e-logs");

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  runContainer(box, [], ["sh", "-c", "echo hello-from-stdout; sleep 0.1; echo oops-on-stderr >&2; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after-follow; sleep 600"]);
});

test.afterAll(() => {
  cleanupLabelled();
});

for (const theme of ["light", "dark"] as const) {
  test(`the logs panel shows the container's lines, stderr apart, and passes axe (${theme})`, async ({ page }) => {
    await openDashboard(page, `/?select=sbx:${containerId(box)}&theme=${theme}`);
    const panel = page.getByTestId("logs-panel");
    await expect(panel).toBeVisible({ timeout: ENGINE_TIMEOUT });
    await expect(panel.locator('[data-testid="log-line"][data-stream="stdout"]', { hasText: "hello-from-stdout" })).toBeVisible({ timeout: ENGINE_TIMEOUT });
    await expect(panel.locator('[data-testid="log-line"][data-stream="stderr"]', { hasText: "oops-on-stderr" })).toBeVisible();
    await expect(panel.getByTestId("logs-note")).toContainText(`docker logs --timestamps --tail 200 ${box}`);
    const result = await new AxeBuilder({ page }).include('[data-testid="logs-panel"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
    expect(serious).toEqual([]);
  });
}

test("follow brings a line written after it was turned on, and turns off", async ({ page }) => {
  await openDashboard(page, `/?select=sbx:${containerId(box)}`);
  const panel = page.getByTestId("logs-panel");
  await expect(panel.getByTestId("log-line").filter({ hasText: "oops-on-stderr" })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await panel.getByTestId("logs-follow").check();
  await expect(panel.getByTestId("logs-follow-status")).toHaveText(/Following/);
  docker("exec", box, "sh", "-c", ": > /tmp/go");
  await expect(panel.getByTestId("log-line").filter({ hasText: "after-follow" })).toBeVisible({ timeout: ENGINE_TIMEOUT });
  // Each line once: the stream continued from the tail without repeating it.
  await expect(panel.getByTestId("log-line").filter({ hasText: "oops-on-stderr" })).toHaveCount(1);
  await panel.getByTestId("logs-follow").uncheck();
  await expect(panel.getByTestId("logs-follow-status")).toHaveCount(0);
  await expect(panel.getByTestId("log-line").filter({ hasText: "after-follow" })).toHaveCount(1);
});
