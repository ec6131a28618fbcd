/**
 * Presentation mode (/present, ?mode=present): a wall screen of the live
 * engine. Read-only whatever the role, type a room can read, fitted again on
 * every change, each change captioned, light and dark.
 */
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, createNetwork, docker, inspect, runContainer, uniqueName } from "../test/support/docker-cli";
import { ENGINE_TIMEOUT, flowElement, flowPosition, inspectedIPv4, networkId, networkSettled, openDashboard } from "./helpers";

/**
 * Names as people give them (a wall screen shows "web07", not a test run's
 * 30-character ID): a short random tag keeps them apart from other runs'; the
 * run's label still marks every object for cleanup.
 */
// Digits only: every digit is as wide as another, so whether a name fits its node does not depend on the draw.
const TAG = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
const NETS = [`front-${TAG}`, `back-${TAG}`, `data-${TAG}`];
/** The figure: names readable from 3 m on a 1080p screen, for up to 30 sandboxes. */
const SANDBOXES = 30;
const boxes = Array.from({ length: SANDBOXES }, (_, i) => `${["web", "api", "db"][i % 3]}${String(i).padStart(2, "0")}-${TAG}`);
const FILTER = `net=${NETS.join(",")}`;
const FULL_HD = { width: 1920, height: 1080 };

async function openPresentation(page: Page, url: string): Promise<void> {
  await networkSettled();
  await page.goto(url);
  await expect(page.getByTestId("presentation")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("present-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
}

const sandboxNode = (page: Page, owner: string) => page.locator(`[data-testid="sandbox-node"][data-owner="${owner}"]`);
const networkNode = (page: Page, name: string) => page.locator(`[data-testid="network-node"][data-name="${name}"]`);

/**
 * Every drawn node inside the pane; the smallest network and sandbox name on
 * screen in CSS pixels; the network labels' text, and those cut short.
 * (Sandbox names may be cut at this size: the block layout stacks the three
 * networks' blocks into a tall strip, whose fit leaves ~170 px for a name at
 * 16 px; see the closing note of 2026-11-26.)
 */
async function fitFigures(page: Page): Promise<{ nodes: number; inside: number; minNamePx: number; minSandboxPx: number; labels: string[]; cut: string[] }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!pane || !viewport) return { nodes: 0, inside: 0, minNamePx: 0, minSandboxPx: 0, labels: [], cut: [] };
    const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => n.getBoundingClientRect());
    const inside = nodes.filter((r) => r.left >= pane.left - 1 && r.right <= pane.right + 1 && r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1).length;
    const onScreen = (els: HTMLElement[]): number => (els.length > 0 ? Math.min(...els.map((l) => parseFloat(getComputedStyle(l).fontSize) * scale)) : 0);
    const labels = [...document.querySelectorAll<HTMLElement>('[data-testid="network-label"]')];
    const names = [...document.querySelectorAll<HTMLElement>('[data-testid="sandbox-name"]')];
    return {
      nodes: nodes.length,
      inside,
      minNamePx: onScreen(labels),
      minSandboxPx: onScreen(names),
      labels: labels.map((l) => l.textContent ?? "").sort(),
      cut: labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent ?? ""),
    };
  });
}

test.describe("presentation mode", () => {
  test.beforeAll(() => {
    for (const n of NETS) createNetwork(n);
    boxes.forEach((b, i) => {
      const extra = i % 5 === 0 ? ["--network-alias", `${b}-alias`] : [];
      runContainer(b, ["--network", NETS[i % NETS.length] ?? "", ...extra]);
      // Every third container is on two networks, as services that bridge tiers are.
      if (i % 3 === 0) docker("network", "connect", NETS[(i + 1) % NETS.length] ?? "", b);
    });
  });
  test.afterAll(() => {
    expect(cleanupLabelled()).toEqual([]);
  });

  test("30 sandboxes at 1080p: every node in view, network names at least 24 px, no editing control, a drag changes nothing", async ({ browser }) => {
    // No animation: the fit lands at once, so what is measured is the fit, not a frame of its way there.
    const context = await browser.newContext({ viewport: FULL_HD, reducedMotion: "reduce" });
    const page = await context.newPage();
    const mutations: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET") mutations.push(`${r.method()} ${r.url()}`);
    });
    await openPresentation(page, `/present?${FILTER}`);
    await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(SANDBOXES, { timeout: ENGINE_TIMEOUT });
    await expect(page.locator('[data-testid="network-node"]')).toHaveCount(NETS.length);
    await expect.poll(async () => (await fitFigures(page)).inside).toBe(SANDBOXES + NETS.length);
    const fit = await fitFigures(page);
    expect(fit.minNamePx).toBeGreaterThanOrEqual(24);
    // Readable means the names themselves, whole: "front-x1y2 · 14", not "fr… · 14".
    const perNet = (n: string): number => boxes.filter((_, i) => NETS[i % NETS.length] === n || (i % 3 === 0 && NETS[(i + 1) % NETS.length] === n)).length;
    expect(fit.labels).toEqual(NETS.map((n) => `${n} · ${perNet(n)}`).sort());
    // 16 px, less what a 15% zoom step may round (sizes follow the zoom by steps, not every frame: use-detail).
    expect(fit.minSandboxPx).toBeGreaterThanOrEqual(16 / Math.sqrt(1.15));
    expect(fit.cut).toEqual([]);

    // No editing chrome at all: no header, toolbar, menus, remove buttons, view controls or dialogs.
    for (const id of ["new-network", "prune-networks", "sandbox-menu", "network-remove", "view-group", "export-menu", "theme-switch", "search"]) {
      await expect(page.getByTestId(id)).toHaveCount(0);
    }
    await expect(page.locator(".react-flow__controls, .react-flow__minimap")).toHaveCount(0);
    await expect(page.locator(".react-flow").getByRole("button")).toHaveCount(0);

    // Drag a sandbox onto a network it is not on: nothing is sent, nothing moves, the engine is unchanged.
    const box = boxes[1] ?? "";
    const target = NETS[0] ?? "";
    const wrapper = sandboxNode(page, box).locator("xpath=..");
    const placed = await flowPosition(wrapper);
    const before = await sandboxNode(page, box).boundingBox();
    const to = await networkNode(page, target).boundingBox();
    if (!before || !to) throw new Error("nodes not on screen");
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    // Mid-drag: the node has not followed the pointer (an editable canvas would carry it to the
    // network and snap it back on the drop), and no network offers itself as a drop target.
    expect(await flowPosition(wrapper)).toEqual(placed);
    await expect(page.locator("[data-drop], [data-testid=\"drop-hint\"]")).toHaveCount(0);
    await page.mouse.up();
    const [c] = inspect<{ NetworkSettings: { Networks: Record<string, unknown> } }>(box);
    expect(Object.keys(c?.NetworkSettings.Networks ?? {})).toEqual([NETS[1]]);
    expect(mutations).toEqual([]);
    // A drag on a presentation pans the view; the node keeps its place in the graph.
    expect(await flowPosition(wrapper)).toEqual(placed);
    await context.close();
  });

  test("a change made with the CLI pulses and is captioned, in words and with its address", async ({ browser }) => {
    const context = await browser.newContext({ viewport: FULL_HD });
    const page = await context.newPage();
    await openPresentation(page, `/present?${FILTER}`);
    await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(SANDBOXES, { timeout: ENGINE_TIMEOUT });
    const box = boxes[2] ?? "";
    const net = NETS[0] ?? "";
    docker("network", "connect", net, box);
    const ip = inspectedIPv4(box, net).split("/")[0];
    await expect(page.getByTestId("present-caption").first()).toHaveText(`${box} joined ${net} · ${ip}`, { timeout: ENGINE_TIMEOUT });
    const [c] = inspect<{ Id: string }>(box);
    const edge = flowElement(page, `ep:${networkId(net)}:${c?.Id}`);
    await expect(edge).toHaveClass(/cnmap-pulse/);
    await expect(sandboxNode(page, box).locator("xpath=..")).toHaveClass(/cnmap-pulse/);
    // The screen still fits: the new edge changed no node, and every node is in view.
    expect((await fitFigures(page)).inside).toBe(SANDBOXES + NETS.length);

    docker("network", "disconnect", net, box);
    await expect(page.getByTestId("present-caption").first()).toHaveText(`${box} left ${net}`, { timeout: ENGINE_TIMEOUT });
    await context.close();
  });

  test("a new container is fitted into view, and the pulse is still when the viewer asks for less motion", async ({ browser }) => {
    const context = await browser.newContext({ viewport: FULL_HD, reducedMotion: "reduce" });
    const page = await context.newPage();
    await openPresentation(page, `/present?${FILTER}`);
    await expect(page.locator('[data-testid="sandbox-node"]')).toHaveCount(SANDBOXES, { timeout: ENGINE_TIMEOUT });
    const extra = uniqueName("pr-new");
    runContainer(extra, ["--network", NETS[2] ?? ""]);
    await expect(page.getByTestId("present-caption").first()).toHaveText(`${extra} started`, { timeout: ENGINE_TIMEOUT });
    await expect.poll(async () => (await fitFigures(page)).inside).toBe(SANDBOXES + 1 + NETS.length);
    const pulsing = sandboxNode(page, extra);
    await expect(pulsing.locator("xpath=..")).toHaveClass(/cnmap-pulse/);
    expect(await pulsing.evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
    docker("rm", "-f", extra);
    await expect(page.getByTestId("present-caption").first()).toHaveText(`${extra} removed`, { timeout: ENGINE_TIMEOUT });
    await context.close();
  });

  test("?mode=present keeps the filter and the selection; the status line names the engine", async ({ page }) => {
    const selected = NETS[1] ?? "";
    await openPresentation(page, `/?${FILTER}&select=net:${networkId(selected)}&mode=present`);
    await expect(page.locator('[data-testid="network-node"]')).toHaveCount(NETS.length);
    // Nothing outside the filter (the predefined networks) is drawn.
    await expect(page.locator('[data-testid="network-node"][data-name="bridge"]')).toHaveCount(0);
    // The selection's highlight: the selected network in focus, a network it does not reach dimmed.
    await expect(flowElement(page, `net:${networkId(selected)}`)).toHaveClass(/cnmap-focus/);
    await expect(page.getByTestId("present-status")).toContainText(/unix:\/\/|tcp:\/\//);
    await expect(page.getByTestId("present-status")).toContainText(`${NETS.length} networks`);
    // And back: the dashboard with the same view.
    const exit = page.getByTestId("present-exit");
    await expect(exit).toHaveAttribute("href", `/?${FILTER.replace(/,/g, "%2C")}&select=net%3A${networkId(selected)}`);
  });

  test("dark and light: the system's preference, unless ?theme= says otherwise; the dashboard's switch too", async ({ browser }) => {
    const dark = await browser.newContext({ colorScheme: "dark" });
    const page = await dark.newPage();
    await openPresentation(page, `/present?${FILTER}`);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    // The canvas is dark too, not only the page: its colour (lab(), oklch()… as the CSS has it) painted and read back as RGB.
    const paneLightness = (): Promise<number> =>
      page.locator(".react-flow").evaluate((el) => {
        const ctx = document.createElement("canvas").getContext("2d");
        if (!ctx) return -1;
        ctx.fillStyle = getComputedStyle(el).backgroundColor;
        ctx.fillRect(0, 0, 1, 1);
        const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
        return (r + g + b) / 3;
      });
    expect(await paneLightness()).toBeLessThan(40);
    await openPresentation(page, `/present?${FILTER}&theme=light`);
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    expect(await paneLightness()).toBeGreaterThan(230);
    await dark.close();

    const light = await browser.newContext({ colorScheme: "light" });
    const p2 = await light.newPage();
    await openPresentation(p2, `/present?${FILTER}&theme=dark`);
    await expect(p2.locator("html")).toHaveClass(/\bdark\b/);
    // The dashboard: the switch chooses, and the choice outlives a reload.
    await networkSettled();
    await p2.goto(`/?${FILTER}`);
    await expect(p2.locator("html")).not.toHaveClass(/\bdark\b/);
    await p2.getByTestId("theme-switch").selectOption("dark");
    await expect(p2.locator("html")).toHaveClass(/\bdark\b/);
    await p2.reload();
    await expect(p2.locator("html")).toHaveClass(/\bdark\b/);
    await expect(p2.getByTestId("theme-switch")).toHaveValue("dark");
    await p2.getByTestId("theme-switch").selectOption("system");
    await expect(p2.locator("html")).not.toHaveClass(/\bdark\b/);
    await light.close();
  });

  test("?cycle= goes round the saved views, each with its own filter", async ({ browser }) => {
    // No sign-in on this server: views live in the browser, as a wall screen's own would.
    const context = await browser.newContext({ viewport: FULL_HD, reducedMotion: "reduce" });
    const page = await context.newPage();
    for (const [name, net] of [["front view", NETS[0]], ["back view", NETS[1]]] as const) {
      await openDashboard(page, `/?net=${net}`);
      await page.getByTestId("views-menu").locator("summary").click();
      await page.getByTestId("view-name").fill(name);
      await page.getByTestId("view-save").click();
      await expect(page.locator(`[data-testid="view-row"][data-name="${name}"]`)).toBeVisible();
    }
    await openPresentation(page, "/present?cycle=5");
    const drawnNetworks = page.locator('[data-testid="network-node"]');
    await expect(page.getByTestId("present-cycle")).toHaveAttribute("data-view", "front view");
    await expect(drawnNetworks).toHaveCount(1);
    await expect(networkNode(page, NETS[0] ?? "")).toBeVisible();
    // Five seconds on, the next view: its filter, drawn and fitted.
    await expect(page.getByTestId("present-cycle")).toHaveAttribute("data-view", "back view", { timeout: 12_000 });
    await expect(networkNode(page, NETS[1] ?? "")).toBeVisible();
    await expect(drawnNetworks).toHaveCount(1);
    await expect.poll(async () => (await fitFigures(page)).inside).toBe(1 + boxes.filter((_, i) => i % 3 !== 2).length);
    await context.close();
  });

  test("a guided lab on the presentation: → runs each step, the graph and the engine follow", async ({ page }) => {
    test.setTimeout(120_000);
    const LAB = "isolation";
    const labelled = (): string[] => docker("network", "ls", "--format", "{{.Name}}", "--filter", `label=cnmap.lab=${LAB}`).split("\n").filter(Boolean).sort();
    try {
      await openPresentation(page, `/present?lab=${LAB}`);
      const panel = page.getByTestId("present-lab");
      await expect(panel).toHaveAttribute("data-next", "1");
      await expect(panel.getByTestId("present-lab-step")).toContainText("docker network create");
      await expect(page.getByTestId("present-lab-hint")).toHaveText("Press → to run this step.");
      // A step adds interfaces to the host: each press waits for the host's addresses to settle first.
      await networkSettled();
      await page.keyboard.press("ArrowRight");
      await expect(panel).toHaveAttribute("data-next", "2", { timeout: 30_000 });
      expect(labelled()).toEqual(["cnmap-lab-isolation-back", "cnmap-lab-isolation-front"]);
      await expect(networkNode(page, "cnmap-lab-isolation-front")).toBeVisible({ timeout: ENGINE_TIMEOUT });
      await expect(panel.getByTestId("present-lab-verdicts").locator("li").first()).toHaveAttribute("data-verdict", "pass");
      await networkSettled();
      await page.keyboard.press("ArrowRight");
      await expect(panel).toHaveAttribute("data-next", "done", { timeout: 30_000 });
      await expect(page.getByTestId("present-lab-done")).toBeVisible();
      await expect(panel.getByTestId("present-lab-verdicts").locator("li[data-verdict=pass]")).not.toHaveCount(0);
      await expect(panel.getByTestId("present-lab-verdicts").locator("li[data-verdict=fail]")).toHaveCount(0);
    } finally {
      for (const c of docker("ps", "-aq", "--filter", `label=cnmap.lab=${LAB}`).split("\n").filter(Boolean)) docker("rm", "-f", c);
      for (const n of labelled()) docker("network", "rm", n);
    }
  });
});
