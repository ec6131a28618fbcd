/**
 * A server whose DOCKER_HOST points nowhere (the second web server of
 * playwright.config.ts): the page loads, says which address it tried and how
 * to fix it, and nothing crashes.
 */
import { expect, test } from "./fixtures";
import { MISSING_ENGINE, UNREACHABLE_URL } from "./helpers";

test("with no engine the page explains which address it tried", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const response = await page.goto(`${UNREACHABLE_URL}/`);
  expect(response?.status()).toBe(200);

  const panel = page.getByTestId("engine-unavailable");
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId("engine-address")).toHaveText(MISSING_ENGINE);
  await expect(panel).toContainText("How to fix it");
  await expect(page.getByRole("heading", { name: "cnmap" })).toBeVisible();
  await expect(page.locator(".react-flow")).toHaveCount(0);
  // The event stream is up (the server answers) but reports the engine as lost.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "engine-lost", { timeout: 15_000 });

  // It keeps retrying without crashing: still the same panel a poll later.
  const topology = await page.waitForResponse((r) => r.url().endsWith("/api/topology"), { timeout: 15_000 });
  expect(topology.status()).toBe(503);
  await expect(panel).toBeVisible();
  await expect(page.getByText("Application error")).toHaveCount(0);
  expect(errors).toEqual([]);
});
