/**
 * A guided lab through the UI, in Chromium against the real engine: the
 * isolation lab's two steps are run from the Labs panel, the graph shows
 * what they made, `docker inspect` checks the engine, the probes' verdicts
 * show, a reload finds the lab where it was, and Reset removes everything
 * carrying the lab's label. In read-only mode the Labs button is off and
 * says why.
 */
import { expect, test, type Page } from "./fixtures";
import { docker, inspect } from "../test/support/docker-cli";
import { freePort, startServer, type RunningServer } from "../test/support/server";
import { ENGINE_TIMEOUT, networkNode, networkSettled, openDashboard } from "./helpers";

const LAB = "isolation";
const FRONT = "cnmap-lab-isolation-front";
const BACK = "cnmap-lab-isolation-back";
const WEB = "cnmap-lab-isolation-web";
const DB = "cnmap-lab-isolation-db";
/** A step makes host interfaces: the probes and the graph take a few seconds. */
const STEP_TIMEOUT = 30_000;

function labelled(kind: "containers" | "networks"): string[] {
  const args = kind === "containers" ? ["ps", "-a", "--format", "{{.Names}}"] : ["network", "ls", "--format", "{{.Name}}"];
  return docker(...args, "--filter", `label=cnmap.lab=${LAB}`).split("\n").filter(Boolean).sort();
}

interface Inspected {
  State: { Status: string };
  Config: { Labels: Record<string, string> | null };
  NetworkSettings: { Networks: Record<string, unknown> };
}

async function openLab(page: Page): Promise<void> {
  await page.getByTestId("labs-button").click();
  const dialog = page.getByTestId("labs-dialog");
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-testid="lab-open"][data-lab="${LAB}"]`).click();
  await expect(page.getByTestId("lab-panel")).toHaveAttribute("data-lab", LAB);
}

async function runStep(page: Page, step: number): Promise<void> {
  // Each step adds interfaces to the host: Chromium drops requests started while their addresses settle.
  await networkSettled();
  const card = page.locator(`[data-testid="lab-step"][data-step="${step}"]`);
  await expect(card).toHaveAttribute("data-status", "next");
  await card.getByTestId("lab-run-step").click();
  await expect(card).toHaveAttribute("data-status", "done", { timeout: STEP_TIMEOUT });
  await expect(card.getByTestId("lab-probe")).not.toHaveCount(0, { timeout: STEP_TIMEOUT });
}

test.describe("guided labs", () => {
  test.beforeAll(() => {
    // Only the lab's own objects, left by an earlier run that died: nothing else is touched.
    for (const c of labelled("containers")) docker("rm", "-f", c);
    for (const n of labelled("networks")) docker("network", "rm", n);
  });
  test.afterAll(() => {
    for (const c of labelled("containers")) docker("rm", "-f", c);
    for (const n of labelled("networks")) docker("network", "rm", n);
  });

  test("runs the isolation lab step by step from the Labs panel, and resets it", async ({ page }) => {
    test.setTimeout(150_000);
    await openDashboard(page);
    await openLab(page);
    const panel = page.getByTestId("lab-panel");
    await expect(panel).toHaveAttribute("data-next", "1");

    // Step 1 shows the exact commands it will run.
    const first = page.locator('[data-testid="lab-step"][data-step="1"]');
    await expect(first.getByTestId("command")).toContainText(`docker network create --label cnmap.lab=${LAB} ${FRONT}`);
    await expect(first.getByTestId("command")).toContainText(`docker run --detach --name ${WEB} --label cnmap.lab=${LAB} --network ${FRONT}`);
    await runStep(page, 1);
    await expect(first.getByTestId("lab-probe")).toHaveAttribute("data-verdict", "pass");
    await expect(first.getByTestId("lab-probe")).toHaveAttribute("data-outcome", /failure|timeout/);

    // The engine has what step 1 said, labelled; the graph draws it by itself.
    expect(labelled("networks")).toEqual([BACK, FRONT]);
    const [web, db] = inspect<Inspected>(WEB, DB);
    expect(web?.State.Status).toBe("running");
    expect(web?.Config.Labels?.["cnmap.lab"]).toBe(LAB);
    expect(Object.keys(web?.NetworkSettings.Networks ?? {})).toEqual([FRONT]);
    expect(Object.keys(db?.NetworkSettings.Networks ?? {})).toEqual([BACK]);
    await expect(networkNode(page, FRONT)).toBeVisible({ timeout: ENGINE_TIMEOUT });
    await expect(networkNode(page, BACK)).toBeVisible({ timeout: ENGINE_TIMEOUT });

    await expect(panel).toHaveAttribute("data-next", "2");
    await runStep(page, 2);
    const second = page.locator('[data-testid="lab-step"][data-step="2"]');
    await expect(second.getByTestId("lab-probe")).toHaveCount(2);
    for (const probe of await second.getByTestId("lab-probe").all()) await expect(probe).toHaveAttribute("data-verdict", "pass");
    expect(Object.keys(inspect<Inspected>(WEB)[0]?.NetworkSettings.Networks ?? {}).sort()).toEqual([BACK, FRONT]);
    await expect(panel).toHaveAttribute("data-next", "done");
    await expect(page.getByTestId("lab-finished")).toBeVisible();

    // A reload finds the lab where it is, with the probes' results.
    await networkSettled();
    await page.reload();
    await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
    await openLab(page);
    await expect(panel).toHaveAttribute("data-next", "done");
    await expect(second.getByTestId("lab-probe")).toHaveCount(2);

    // Reset: nothing labelled stays, and the graph lets go of it.
    await networkSettled();
    await page.getByTestId("lab-reset").click();
    await expect(panel).toHaveAttribute("data-next", "1", { timeout: STEP_TIMEOUT });
    await expect(page.getByTestId("lab-objects")).toHaveText("Nothing of this lab is on the engine.");
    expect(labelled("containers")).toEqual([]);
    expect(labelled("networks")).toEqual([]);
    await expect(networkNode(page, FRONT)).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  });

  test.describe("read-only", () => {
    let server: RunningServer;
    test.beforeAll(async () => {
      server = await startServer(await freePort(), { CNMAP_READ_ONLY: "1" });
    });
    test.afterAll(async () => {
      await server?.stop();
    });

    test("the Labs button is off and says why", async ({ page }) => {
      await openDashboard(page, server.url);
      const button = page.getByTestId("labs-button");
      await expect(button).toBeDisabled();
      await expect(button).toHaveAttribute("title", /read-only \(CNMAP_READ_ONLY\)/);
    });
  });
});
