/**
 * Saved views and presentation links in Chromium (issue 11, part 2):
 * - with sign-in, a viewer saves a view (a filter, a selection, a node moved
 *   by hand, a zoom) and another person opens its link in a fresh browser:
 *   all four come back;
 * - without sign-in, the same through a link that carries the view itself;
 * - an admin's presentation link, opened in a fresh browser with no account,
 *   shows the graph and no editing control.
 */
import { expect, test, type Browser, type Page } from "./fixtures";
import { addUser } from "../test/support/users-cli";
import { cleanupLabelled, createNetwork, runContainer, uniqueName } from "../test/support/docker-cli";
import { freshDataDir, startServer, type RunningServer } from "../test/support/server";
import type { SavedView, ViewsBody } from "../lib/views/schema";
import { containerId, flowElement, flowPosition, networkId, networkNode, networkSettled, openDashboard, rectOf, sandboxOf, signInAs } from "./helpers";

const SIGNED_IN_PORT = 3429;
const LOCAL_PORT = 3430;

interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The canvas's pan and zoom, from React Flow's transform on its viewport. */
async function viewportOf(page: Page): Promise<Viewport> {
  const transform = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(\s*(-?[\d.e-]+)px\s*,\s*(-?[\d.e-]+)px\s*\)\s*scale\(\s*([\d.e-]+)\s*\)/.exec(transform);
  if (!m) throw new Error(`no translate/scale in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

function near(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 0.001;
}

interface Scene {
  net: string;
  moved: string;
  other: string;
}

/**
 * Arranges the screen to save: the filter (the scene's network only) and a
 * selection through the URL and a click, a sandbox dragged to a new place, a
 * zoom. Returns the moved node's position before the drag.
 */
async function arrange(page: Page, base: string, scene: Scene): Promise<{ before: { x: number; y: number } }> {
  await openDashboard(page, `${base}/?net=${scene.net}`);
  await expect(networkNode(page, scene.net)).toBeVisible();
  await expect(networkNode(page, "bridge")).toHaveCount(0);
  // A selection: the network, clicked.
  await networkNode(page, scene.net).click();
  await expect(page).toHaveURL(new RegExp(`select=net(:|%3A)${networkId(scene.net)}`));
  // A node moved by hand, to an empty place below the graph.
  const node = flowElement(page, `sbx:${containerId(scene.moved)}`);
  const before = await flowPosition(node);
  const r = await rectOf(sandboxOf(page, scene.moved));
  await page.mouse.move(r.x + r.width / 2, r.y + Math.min(10, r.height / 2));
  await page.mouse.down();
  await page.mouse.move(r.x + r.width / 2 + 40, r.y + r.height + 140, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await flowPosition(node)).y).toBeGreaterThan(before.y + 50);
  // A zoom (out: a graph this small fits at the canvas's largest zoom already).
  const start = await viewportOf(page);
  await page.locator(".react-flow__controls-zoomout").click();
  await expect.poll(async () => (await viewportOf(page)).zoom).toBeLessThan(start.zoom);
  return { before };
}

/** Saves the screen under `name` through the Views menu, and returns the link the menu gives for it. */
async function saveAndLink(page: Page, name: string): Promise<string> {
  const menu = page.getByTestId("views-menu");
  await menu.locator("summary").click();
  await page.getByTestId("view-name").fill(name);
  await page.getByTestId("view-save").click();
  const row = page.locator(`[data-testid="view-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  await row.getByTestId("view-copy").click();
  const link = await page.getByTestId("view-link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?engine=/);
  return link;
}

/** In a page opened on a view's link: the view's filter, selection, moved node and viewport are what the canvas shows. */
async function expectRestored(page: Page, scene: Scene, saved: SavedView): Promise<void> {
  // The link is spent: `view` leaves the URL, which carries the filter and the selection.
  await expect(page).not.toHaveURL(/[?&]view=|#view=/);
  await expect(page).toHaveURL(new RegExp(`net=${scene.net}`));
  await expect(page).toHaveURL(new RegExp(`select=net(:|%3A)${networkId(scene.net)}`));
  await expect(networkNode(page, scene.net)).toBeVisible();
  await expect(networkNode(page, "bridge")).toHaveCount(0);
  await expect(page.getByTestId("inspector")).toBeVisible();
  const id = `sbx:${containerId(scene.moved)}`;
  const want = saved.positions[id];
  expect(want, `the saved view holds ${id}`).toBeDefined();
  await expect.poll(async () => flowPosition(flowElement(page, id))).toEqual(want);
  await expect.poll(async () => near(await viewportOf(page), saved.viewport), { message: `viewport ${JSON.stringify(saved.viewport)}` }).toBe(true);
}

function scene(prefix: string): Scene {
  return { net: uniqueName(`${prefix}-net`), moved: uniqueName(`${prefix}-a`), other: uniqueName(`${prefix}-b`) };
}

function setUp(s: Scene): void {
  createNetwork(s.net);
  runContainer(s.moved, ["--network", s.net]);
  runContainer(s.other, ["--network", s.net]);
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  return context.newPage();
}

test.describe("saved views and presentation links, with sign-in", () => {
  let server: RunningServer;
  const dataDir = freshDataDir();
  const s = scene("vw");
  const passwords: Record<string, string> = {};

  test.beforeAll(async () => {
    setUp(s);
    passwords.ada = addUser(dataDir, "ada", "admin");
    passwords.vera = addUser(dataDir, "vera", "viewer");
    server = await startServer(SIGNED_IN_PORT, { CNMAP_DATA_DIR: dataDir });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  test("a viewer's view opens from its link for someone else, with its filter, selection, arrangement and zoom", async ({ browser }) => {
    const vera = await signInAs(browser, `${server.url}/`, "vera", passwords.vera ?? "");
    const { before } = await arrange(vera, server.url, s);
    const link = await saveAndLink(vera, "backend at a glance");
    expect(link).toMatch(/[?&]view=[0-9a-f-]{36}$/);
    const saved = await vera.evaluate(async () => ((await (await fetch("/api/views")).json()) as ViewsBody).views[0]);
    expect(saved?.name).toBe("backend at a glance");
    if (!saved) return;
    // What was saved is what was on screen: the moved node, the zoom.
    const id = `sbx:${containerId(s.moved)}`;
    const shown = await flowPosition(flowElement(vera, id));
    expect(saved.positions[id]?.x).toBeCloseTo(shown.x, -0.3);
    expect(saved.positions[id]?.y).toBeCloseTo(shown.y, -0.3);
    expect(saved.positions[id]?.y).toBeGreaterThan(before.y + 50);
    expect(near(saved.viewport, await viewportOf(vera))).toBe(true);

    // Someone else with a role on the engine, in a browser of their own, opens the link (signing in on the way).
    const ada = await signInAs(browser, link, "ada", passwords.ada ?? "");
    await expectRestored(ada, s, saved);
    // Shared, not theirs: ada's menu lists none of vera's views.
    await ada.getByTestId("views-menu").locator("summary").click();
    await expect(ada.getByTestId("view-row")).toHaveCount(0);
    await vera.context().close();
    await ada.context().close();
  });

  test("an admin's presentation link shows the graph in a fresh browser without an account, and no editing control", async ({ browser }) => {
    const ada = await signInAs(browser, `${server.url}/`, "ada", passwords.ada ?? "");
    await ada.getByTestId("present-links").click();
    const dialog = ada.getByTestId("present-links-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("present-link-label").fill("Wall screen");
    await dialog.getByTestId("present-link-query").fill(`net=${s.net}`);
    await dialog.getByTestId("present-link-create").click();
    const link = await dialog.getByTestId("present-link-value").textContent();
    expect(link).toMatch(/\/p\/cnmap_p_[A-Za-z0-9_-]{43}$/);
    await expect(dialog.locator('[data-testid="present-link-row"][data-label="Wall screen"]')).toBeVisible();

    const wall = await freshPage(browser);
    await networkSettled();
    await wall.goto(link ?? "");
    await expect(wall).toHaveURL(/\/present\?engine=local&net=/);
    await expect(networkNode(wall, s.net)).toBeVisible({ timeout: 30_000 });
    // A presentation draws each sandbox's far face: its owner's name, large.
    await expect(wall.locator(`[data-testid="sandbox-node"][data-owner="${s.moved}"]`)).toBeVisible();
    await expect(wall.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    // Read-only: no control that changes the engine, no saving of views, no account.
    for (const id of ["new-network", "prune-networks", "view-name", "view-save", "identity", "present-links", "people", "tokens"]) {
      await expect(wall.getByTestId(id), id).toHaveCount(0);
    }
    // The rest of cnmap stays closed to the link.
    const home = await wall.goto(`${server.url}/`);
    expect(home?.url()).toMatch(/\/login\?next=/);
    await wall.context().close();
    await ada.context().close();
  });
});

test.describe("saved views without sign-in", () => {
  let server: RunningServer;
  const s = scene("vl");

  test.beforeAll(async () => {
    setUp(s);
    server = await startServer(LOCAL_PORT, { CNMAP_DATA_DIR: freshDataDir() });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  test("a view kept in the browser opens from a link that carries it, in a fresh browser", async ({ browser }) => {
    const page = await freshPage(browser);
    await arrange(page, server.url, s);
    const link = await saveAndLink(page, "local view");
    expect(link).toMatch(/#view=[A-Za-z0-9_-]+$/);
    await expect(page.getByTestId("views-menu")).toHaveAttribute("data-mode", "browser");
    const saved = await page.evaluate(() => (JSON.parse(window.localStorage.getItem("cnmap.views.v1") ?? "[]") as SavedView[])[0]);
    expect(saved?.name).toBe("local view");
    if (!saved) return;

    const other = await freshPage(browser);
    await openDashboard(other, link);
    // The fragment rounds the viewport to a tenth of a pixel: compare with what the link carried.
    await expectRestored(other, s, { ...saved, viewport: { x: Math.round(saved.viewport.x * 10) / 10, y: Math.round(saved.viewport.y * 10) / 10, zoom: Math.round(saved.viewport.zoom * 1e4) / 1e4 } });
    // Opening a link does not add the view to that browser's own list.
    await other.getByTestId("views-menu").locator("summary").click();
    await expect(other.getByTestId("view-row")).toHaveCount(0);
    await page.context().close();
    await other.context().close();
  });
});
