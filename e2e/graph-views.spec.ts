/**
 * The canvas's views for large engines, on a small one made here: clusters
 * (group by network) with the engine's own counts, opened and folded; focus
 * on one node and its neighbours, left with Back; and the compact level of
 * detail when zoomed out. Each view is checked against `docker inspect`.
 */
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, docker, networkInspect, runContainer, uniqueName } from "../test/support/docker-cli";
import { clusterNodeId } from "../lib/graph/ids";
import { emptyPanePoint } from "../test/support/pane";
import { createNetworkWithSubnet, ENGINE_TIMEOUT, endpointLabel, networkId, networkNode, openDashboard, sandboxOf } from "./helpers";

const names = {
  a: uniqueName("e2e-grp-a"),
  b: uniqueName("e2e-grp-b"),
  onA: [uniqueName("e2e-grp-a1"), uniqueName("e2e-grp-a2"), uniqueName("e2e-grp-a3")],
  onB: [uniqueName("e2e-grp-b1"), uniqueName("e2e-grp-b2")],
  both: uniqueName("e2e-grp-ab"),
};
const ids = { a: "", b: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createNetworkWithSubnet(names.a);
  createNetworkWithSubnet(names.b);
  for (const c of names.onA) runContainer(c, ["--network", names.a]);
  for (const c of names.onB) runContainer(c, ["--network", names.b]);
  runContainer(names.both, ["--network", names.a]);
  docker("network", "connect", names.b, names.both);
  ids.a = networkId(names.a);
  ids.b = networkId(names.b);
});

test.afterAll(() => {
  cleanupLabelled();
});

/** Containers on a network, as the engine says. */
function onNetwork(name: string): number {
  const [n] = networkInspect<{ Containers: Record<string, unknown> }>(name);
  return Object.keys(n?.Containers ?? {}).length;
}

const cluster = (page: Page, networkRef: string) => page.locator(`.react-flow [data-id="${clusterNodeId("network", networkRef)}"] [data-testid="cluster-node"]`);
/** Only this test's networks, so other objects on the engine change nothing. */
const only = () => `net=${names.a},${names.b}`;

test("grouped by network: one cluster per network with the engine's counts, opened and folded again", async ({ page }) => {
  await openDashboard(page, `/?group=network&${only()}`);
  await expect(page.getByTestId("group-select")).toHaveAttribute("data-drawn", "network");
  const a = cluster(page, ids.a);
  const b = cluster(page, ids.b);
  await expect(a).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(b).toBeVisible();
  // Each sandbox is in exactly one cluster: its first network's. The one on both is in one of the two.
  const countA = Number(await a.getAttribute("data-count"));
  const countB = Number(await b.getAttribute("data-count"));
  expect(countA + countB).toBe(names.onA.length + names.onB.length + 1);
  expect(countA).toBeGreaterThanOrEqual(names.onA.length);
  expect(countB).toBeGreaterThanOrEqual(names.onB.length);
  // No sandbox is drawn on its own; the networks show the engine's endpoint counts.
  for (const c of [...names.onA, ...names.onB, names.both]) await expect(sandboxOf(page, c)).toHaveCount(0);
  await expect(networkNode(page, names.a)).toHaveAttribute("data-endpoints", String(onNetwork(names.a)));
  await expect(networkNode(page, names.b)).toHaveAttribute("data-endpoints", String(onNetwork(names.b)));
  // The container on both networks joins the other network to its cluster: a link of one endpoint.
  const other = countA === names.onA.length ? { from: ids.a, to: ids.b } : { from: ids.b, to: ids.a };
  await expect(page.locator(`.react-flow [data-id="link:net:${other.from}->${clusterNodeId("network", other.to)}"]`)).toHaveCount(1);

  // Open A: its sandboxes are drawn one by one, the cluster goes.
  await a.getByTestId("cluster-expand").click();
  await expect(a).toHaveCount(0);
  for (const c of names.onA) await expect(sandboxOf(page, c)).toBeVisible();
  for (const c of names.onB) await expect(sandboxOf(page, c)).toHaveCount(0);
  await expect(endpointLabel(page, names.a, names.onA[0] as string)).toBeVisible();

  // Fold it back.
  await page.getByTestId("collapse-all").click();
  await expect(cluster(page, ids.a)).toBeVisible();
  for (const c of names.onA) await expect(sandboxOf(page, c)).toHaveCount(0);

  // Each sandbox again, and the URL says so.
  await page.getByTestId("group-select").selectOption("none");
  await expect(page).toHaveURL(/[?&]group=none/);
  await expect(page.locator('[data-testid="cluster-node"]')).toHaveCount(0);
  for (const c of [...names.onA, ...names.onB, names.both]) await expect(sandboxOf(page, c)).toBeVisible();
});

test("a change on the engine reaches a grouped view: the network's count and the cluster's", async ({ page }) => {
  await openDashboard(page, `/?group=network&${only()}`);
  const before = onNetwork(names.b);
  await expect(networkNode(page, names.b)).toHaveAttribute("data-endpoints", String(before));
  const clusterB = cluster(page, ids.b);
  const inCluster = Number(await clusterB.getAttribute("data-count"));
  const late = uniqueName("e2e-grp-b3");
  runContainer(late, ["--network", names.b]);
  expect(onNetwork(names.b)).toBe(before + 1);
  await expect(networkNode(page, names.b)).toHaveAttribute("data-endpoints", String(before + 1), { timeout: ENGINE_TIMEOUT });
  // On B only: it joins B's cluster, it is not drawn on its own.
  await expect(clusterB).toHaveAttribute("data-count", String(inCluster + 1));
  await expect(sandboxOf(page, late)).toHaveCount(0);
  docker("rm", "-f", late);
  await expect(networkNode(page, names.b)).toHaveAttribute("data-endpoints", String(before), { timeout: ENGINE_TIMEOUT });
  await expect(clusterB).toHaveAttribute("data-count", String(inCluster));
});

test("a selected sandbox inside a cluster is drawn: its cluster opens", async ({ page }) => {
  const target = names.onB[0] as string;
  const [c] = JSON.parse(docker("inspect", target)) as { Id: string }[];
  await openDashboard(page, `/?group=network&${only()}&select=sbx:${c?.Id ?? ""}`);
  await expect(sandboxOf(page, target)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(cluster(page, ids.a)).toBeVisible();
});

test("focus on a network: it and its sandboxes only; Back draws everything again", async ({ page }) => {
  await openDashboard(page, `/?group=none&${only()}&select=net:${ids.a}`);
  await page.getByTestId("focus-enter").click();
  await expect(page).toHaveURL(new RegExp(`[?&]focus=net%3A${ids.a}|[?&]focus=net:${ids.a}`));
  await expect(page.getByTestId("focus-banner")).toContainText(names.a);
  // The sandboxes the engine has on it, and nothing else.
  for (const c of [...names.onA, names.both]) await expect(sandboxOf(page, c)).toBeVisible();
  for (const c of names.onB) await expect(sandboxOf(page, c)).toHaveCount(0);
  await expect(networkNode(page, names.b)).toHaveCount(0);
  expect(onNetwork(names.a)).toBe(names.onA.length + 1);

  await page.goBack();
  await expect(page.getByTestId("focus-banner")).toHaveCount(0);
  await expect(networkNode(page, names.b)).toBeVisible();
  for (const c of names.onB) await expect(sandboxOf(page, c)).toBeVisible();
});

test("zoomed out, nodes are compact and endpoint labels are left out; zoomed in, they come back", async ({ page }) => {
  await openDashboard(page, `/?group=none&${only()}`);
  const label = endpointLabel(page, names.a, names.onA[0] as string);
  await expect(label).toBeVisible();
  const zoomOut = page.locator(".react-flow__controls-zoomout");
  // Each click zooms out by 1.2x: below 0.2 a small graph is drawn with compact nodes (a large one below 0.45).
  await expect
    .poll(async () => {
      await zoomOut.click();
      return page.locator(`[data-testid="network-node"][data-name="${names.a}"][data-detail="compact"]`).count();
    }, { timeout: 20_000 })
    .toBe(1);
  await expect(label).toHaveCount(0);
  await expect(page.locator(`[data-testid="network-label"]`).filter({ hasText: String(onNetwork(names.a)) }).first()).toBeVisible();
  await expect(sandboxOf(page, names.onA[0] as string)).toHaveCount(0);
  await expect(page.locator(`[data-testid="sandbox-node"][data-owner="${names.onA[0]}"][data-detail="compact"]`)).toBeVisible();

  const zoomIn = page.locator(".react-flow__controls-zoomin");
  await expect
    .poll(async () => {
      await zoomIn.click();
      return label.count();
    }, { timeout: 20_000 })
    .toBe(1);
  await expect(sandboxOf(page, names.onA[0] as string)).toBeVisible();
});

test("React Flow's wrapper is never scrolled: not by a script, not to reveal a node past its edge", async ({ page }) => {
  await openDashboard(page, `/?group=none&${only()}`);
  const node = networkNode(page, names.a);
  await expect(node).toBeVisible();
  const scrolled = await page.evaluate(() => {
    const wrapper = document.querySelector(".react-flow") as HTMLElement;
    const node = document.querySelector(".react-flow__node") as HTMLElement;
    // A node moved past the bottom edge, then brought into view as focus or find-in-page would.
    node.style.transform = `translate(0px, ${wrapper.clientHeight + 400}px)`;
    node.scrollIntoView();
    wrapper.scrollTop = 40;
    return { overflow: getComputedStyle(wrapper).overflow, top: wrapper.scrollTop, left: wrapper.scrollLeft };
  });
  expect(scrolled).toEqual({ overflow: "clip", top: 0, left: 0 });
});

test("a gesture moves the drawing as one layer: the level of detail changes when it ends, not during it", async ({ page }) => {
  await openDashboard(page, `/?group=none&${only()}`);
  const label = endpointLabel(page, names.a, names.onA[0] as string);
  await expect(label).toBeVisible();
  const node = networkNode(page, names.a);
  await expect(node).toBeVisible();
  await expect(node).not.toHaveAttribute("data-detail", "compact");
  const root = page.locator(".react-flow");
  await expect(root).not.toHaveClass(/cnmap-moving/);
  // The dot grid (DotBackground): its step follows the settled zoom, and it is not drawn while the wheel zooms.
  const grid = page.locator('[data-testid="rf__background"] > div');
  await expect(grid).toHaveCSS("opacity", "1");
  const step = await grid.evaluate((el) => getComputedStyle(el).backgroundSize);

  // A spot of the pane with nothing drawn on it: a drag there pans.
  const start = await page.evaluate(emptyPanePoint);
  expect(start, "an empty spot of the pane").not.toBeNull();
  const { x, y } = start as { x: number; y: number };
  // The pointer the drag is made with, and whether the pane holds it.
  await page.evaluate(() =>
    document.addEventListener("pointerdown", (e) => document.body.setAttribute("data-test-pointer", String(e.pointerId)), { capture: true, once: true }),
  );
  const paneHoldsPointer = () =>
    page.evaluate(() => (document.querySelector(".react-flow__pane") as Element).hasPointerCapture(Number(document.body.getAttribute("data-test-pointer"))));
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 40, y - 20, { steps: 4 });
  await expect(root).toHaveClass(/cnmap-moving/);
  // The drag keeps the pointer: its moves are not hit-tested against the drawing (canvas/pane-drag.ts).
  expect(await paneHoldsPointer()).toBe(true);
  // A pan keeps the grid.
  await expect(grid).toHaveCSS("opacity", "1");

  // The wheel while the button is held belongs to the same gesture (d3-zoom counts it as one):
  // zoom far out, under the 0.2 where a small graph's nodes turn compact.
  const scale = () => page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport") as HTMLElement).transform).a);
  for (let i = 0; i < 16; i++) await page.mouse.wheel(0, 240);
  await expect.poll(scale).toBeLessThan(0.2);
  // Still in the gesture: nothing has been drawn again (checked now, not waited for: the gesture holds it).
  await expect(node).not.toHaveAttribute("data-detail", "compact");
  await expect(label).toHaveCount(1);
  // The grid is hidden, not drawn again at each notch.
  await expect(grid).toHaveCSS("opacity", "0");
  await expect(grid).toHaveCSS("background-size", step);

  await page.mouse.up();
  await expect(root).not.toHaveClass(/cnmap-moving/);
  expect(await paneHoldsPointer()).toBe(false);
  await expect(node).toHaveAttribute("data-detail", "compact");
  await expect(label).toHaveCount(0);
  // Compact, the handles are not drawn (a pixel on screen), but edges still end at them.
  await expect(node.locator(".react-flow__handle").first()).toBeHidden();
  // Settled under a zoom of 0.2, the grid's step would be under 5 px: none is drawn.
  await expect(grid).toHaveCount(0);
  // Wheeled back in (a gesture of its own, which d3-zoom ends 150 ms after its last notch): the grid is back.
  for (let i = 0; i < 16; i++) await page.mouse.wheel(0, -240);
  await expect.poll(scale).toBeGreaterThan(0.5);
  await expect(grid).toHaveCount(1);
  await expect(grid).toHaveCSS("opacity", "1");
});
