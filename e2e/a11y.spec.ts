/**
 * Accessibility: the canvas by keyboard (Tab and the arrow keys move, Enter
 * inspects, focus always visible), dialogs that keep focus inside, and an
 * axe-core check of the main pages in both themes (no serious or critical
 * violation).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, createNetwork, runContainer, uniqueName } from "../test/support/docker-cli";
import { freshDataDir, startServer, type RunningServer } from "../test/support/server";
import { addUser } from "../test/support/users-cli";
import { clickOnCanvas, ENGINE_TIMEOUT, flowPosition, networkId, networkSettled, openDashboard } from "./helpers";

const PORT = 3235;
const net = uniqueName("ax-net");
const boxes = [uniqueName("ax-web"), uniqueName("ax-api")];
const FILTER = `net=${net}`;

/** axe's serious and critical findings on the page as it is, each as "rule: target". */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary?.split("\n")[1]?.trim() ?? ""})`));
}

const focusedId = (page: Page): Promise<string | null> => page.evaluate(() => document.activeElement?.closest(".react-flow__node, .react-flow__edge")?.getAttribute("data-id") ?? null);

test.describe("accessibility", () => {
  test.beforeAll(() => {
    createNetwork(net);
    for (const b of boxes) runContainer(b, ["--network", net]);
  });
  test.afterAll(() => {
    expect(cleanupLabelled()).toEqual([]);
  });

  test("the canvas by keyboard: Tab reaches a node, the arrows move between nodes, Enter inspects, Escape lets go; focus is visible", async ({ page }) => {
    await openDashboard(page, `/?${FILTER}&hidePredefined=1`);
    await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(boxes.length, { timeout: ENGINE_TIMEOUT });
    // Tab from the page's start until focus is on a canvas node.
    await page.locator("body").focus();
    let id: string | null = null;
    const tabbed: string[] = [];
    for (let i = 0; i < 60 && !id?.startsWith("net:") && !id?.startsWith("sbx:"); i++) {
      await page.keyboard.press("Tab");
      id = await focusedId(page);
      if (id) tabbed.push(id);
    }
    expect(id, "Tab reaches a canvas node").toMatch(/^(net|sbx):/);
    // On its way it met the endpoints (React Flow puts edges before nodes).
    expect(tabbed.filter((x) => x.startsWith("ep:")).length).toBe(boxes.length);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe("none");

    // From the network, down reaches a sandbox; up comes back.
    const netNode = `net:${networkId(net)}`;
    const netWrapper = page.locator(`.react-flow__node[data-id="${netNode}"]`);
    await netWrapper.click();
    const placed = await flowPosition(netWrapper);
    await netWrapper.focus();
    await page.keyboard.press("ArrowDown");
    const below = await focusedId(page);
    expect(below).toMatch(/^sbx:/);
    await page.keyboard.press("ArrowUp");
    expect(await focusedId(page)).toBe(netNode);
    // The arrows moved focus, not the node (selected, React Flow's own arrows would have moved it).
    expect(await flowPosition(netWrapper)).toEqual(placed);

    // Enter inspects the focused node: the URL and the inspector say so.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`select=${encodeURIComponent(below ?? "")}`));
    await expect(page.getByTestId("inspector")).toBeVisible();
    // An edge (Tab reached them above), and Enter selects it.
    await page.locator(".react-flow__edge").first().focus();
    const edge = await focusedId(page);
    expect(edge).toMatch(/^ep:/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`select=${encodeURIComponent(edge ?? "")}`));
    await page.keyboard.press("Escape");
    await expect(page).not.toHaveURL(/select=/);
  });

  test("a dialog keeps focus inside until it closes, then gives it back", async ({ page }) => {
    await openDashboard(page, `/?${FILTER}`);
    const opener = page.getByTestId("new-network");
    await opener.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    // A modal <dialog> lets Tab leave the page for the browser's own controls (the body has focus
    // meanwhile), never for the page behind it.
    const where = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? "browser" : el.closest("dialog") ? "dialog" : `page: ${el.outerHTML.slice(0, 80)}`;
      });
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      seen.add(await where());
    }
    expect([...seen].sort()).toEqual(["browser", "dialog"]);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  });

  for (const theme of ["light", "dark"] as const) {
    test(`axe finds no serious or critical violation: dashboard, inspector, a dialog, presentation (${theme})`, async ({ page }) => {
      // Every page's findings, gathered before one assertion: a run shows them all.
      const found: string[] = [];
      const check = async (where: string): Promise<void> => {
        found.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
      };
      await openDashboard(page, `/?${FILTER}&theme=${theme}`);
      await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(boxes.length, { timeout: ENGINE_TIMEOUT });
      await check("dashboard");

      await clickOnCanvas(page, page.locator(`[data-testid="network-node"][data-name="${net}"]`));
      await expect(page.getByTestId("inspector")).toBeVisible();
      await check("network inspector");
      // The panel narrowed the canvas: the whole graph in view again first, as a person would.
      await page.locator(".react-flow__controls-fitview").click();
      await clickOnCanvas(page, page.locator(`[data-testid="sandbox-node"][data-owner="${boxes[0]}"]`));
      await expect(page.getByTestId("inspector")).toContainText(boxes[0] ?? "");
      await check("sandbox inspector");

      await page.getByTestId("new-network").click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await check("create dialog");
      await page.keyboard.press("Escape");

      await networkSettled();
      await page.goto(`/present?${FILTER}&theme=${theme}`);
      await expect(page.getByTestId("present-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
      await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(boxes.length);
      await check("presentation");
      expect(found).toEqual([]);
    });
  }

  test.describe("with sign-in", () => {
    let server: RunningServer;
    const dataDir = freshDataDir();
    let password = "";
    test.beforeAll(async () => {
      password = addUser(dataDir, "ada", "admin");
      server = await startServer(PORT, { CNMAP_DATA_DIR: dataDir });
    });
    test.afterAll(async () => {
      await server?.stop();
    });

    test("axe finds no serious or critical violation on the sign-in page and the audit trail", async ({ page }) => {
      await networkSettled();
      await page.goto(`${server.url}/login`);
      await expect(page.getByTestId("login-submit")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("login-username").fill("ada");
      await page.getByTestId("login-password").fill(password);
      await page.getByTestId("login-submit").click();
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
      await page.goto(`${server.url}/audit`);
      await expect(page.getByRole("heading").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
