/**
 * The README's screenshots (docs/screenshot*.png, 1600x900): a small shop
 * application drawn live from the engine. The names are the plain demo names
 * unless another run holds them, then they get a unique suffix.
 *
 * The engine is shared (other runs and users keep their own objects on it),
 * so the page's topology requests are narrowed to the demo's objects and
 * Docker's predefined networks: everything drawn is still the engine's own
 * answer, only without strangers' objects crowding the picture.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";
import type { DatapathBody } from "../lib/datapath/types";
import type { Topology } from "../lib/topology/types";
import { cleanupLabelled, docker, dockerTry, runContainer, uniqueName } from "../test/support/docker-cli";
import {
  createNetworkWithSubnet,
  endpointLabel,
  ENGINE_TIMEOUT,
  networkNode,
  openDashboard,
  sandboxOf,
  waitForState,
} from "./helpers";

const OUT = path.resolve(__dirname, "..", "docs", "screenshot.png");
const OUT_INSIGHTS = path.resolve(__dirname, "..", "docs", "screenshot-insights.png");
const OUT_LINUX = path.resolve(__dirname, "..", "docs", "screenshot-linux.png");
const OUT_PRESENT = path.resolve(__dirname, "..", "docs", "screenshot-present.png");
const OUT_LAB = path.resolve(__dirname, "..", "docs", "screenshot-lab.png");

/** The plain name if no container or network has it yet, else a unique one. */
function demoName(plain: string): string {
  const taken = dockerTry("inspect", plain).ok || dockerTry("network", "inspect", plain).ok;
  return taken ? uniqueName(plain) : plain;
}

/** Serves /api/topology from the engine, keeping only the named networks and containers' namespaces. */
async function showOnly(page: Page, networks: string[], containers: string[]): Promise<void> {
  await page.route("**/api/topology", async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const t = (await response.json()) as Topology;
    const nets = t.networks.filter((x) => x.predefined || networks.includes(x.name));
    const sandboxes = t.sandboxes.filter((x) => containers.includes(x.containers[0]?.name ?? ""));
    const netIds = new Set(nets.map((x) => x.id));
    const sbxIds = new Set(sandboxes.map((x) => x.id));
    const endpoints = t.endpoints.filter((e) => netIds.has(e.networkId) && sbxIds.has(e.sandboxId));
    const narrowed: Topology = { ...t, networks: nets, sandboxes, endpoints };
    await route.fulfill({ response, json: narrowed });
  });
}

test.use({ viewport: { width: 1600, height: 900 } });

test.afterAll(() => {
  cleanupLabelled();
});

test("README screenshot of a demo application", async ({ page }) => {
  const n = {
    front: demoName("shop-frontend"),
    back: demoName("shop-backend"),
    web: demoName("shop-web"),
    api: demoName("shop-api"),
    metrics: demoName("shop-api-metrics"),
    db: demoName("shop-db"),
    worker: demoName("shop-worker"),
    legacy: demoName("legacy-app"),
    exporter: demoName("node-exporter"),
    batch: demoName("batch-job"),
  };
  createNetworkWithSubnet(n.front);
  createNetworkWithSubnet(n.back, "--internal");
  runContainer(n.web, ["--network", n.front, "--network-alias", "www", "-p", "127.0.0.1::80"], ["httpd", "-f", "-p", "80"]);
  runContainer(n.api, ["--network", n.front, "--network-alias", "api"]);
  docker("network", "connect", "--alias", "api", n.back, n.api);
  runContainer(n.metrics, ["--network", `container:${n.api}`]);
  runContainer(n.db, ["--network", n.back, "--network-alias", "db"]);
  runContainer(n.worker, ["--network", n.back], ["sh", "-c", "exit 0"]);
  runContainer(n.legacy);
  runContainer(n.exporter, ["--network", "host"]);
  runContainer(n.batch, ["--network", "none"]);
  await waitForState(n.worker, "exited");

  await showOnly(page, [n.front, n.back], Object.values(n));
  await openDashboard(page);
  for (const net of [n.front, n.back, "bridge", "host", "none"]) {
    await expect(networkNode(page, net)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  }
  for (const c of [n.web, n.api, n.db, n.worker, n.legacy, n.exporter, n.batch]) {
    await expect(sandboxOf(page, c)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  }
  await expect(sandboxOf(page, n.metrics)).toHaveAttribute("data-owner", n.api);
  await expect(endpointLabel(page, n.back, n.worker)).toHaveAttribute("data-active", "false");
  await expect(endpointLabel(page, n.back, n.api)).toBeVisible();
  await page.evaluate(() => document.fonts.ready);

  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });

  // The same graph with shop-api selected: what it reaches, and the inspector.
  await sandboxOf(page, n.api).click({ position: { x: 20, y: 10 } });
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-kind", "sandbox");
  await expect(inspector.locator('[data-field="sandbox-key"]')).toHaveAttribute("data-value", /netns/, { timeout: ENGINE_TIMEOUT });
  await expect(page.getByTestId("dns-view")).toBeVisible();
  await expect(page.locator(".react-flow__node.cnmap-reach").first()).toBeVisible();
  // The canvas narrowed for the panel and pans the selection back into view.
  await expect(sandboxOf(page, n.api)).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: OUT_INSIGHTS });

  // The same graph with the Linux layer: veth pairs, bridges and rules, the host's NAT. Only the demo's published port.
  const port = Number(docker("port", n.web, "80/tcp").split(":").pop());
  await page.route("**/api/datapath", async (route) => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const body = (await response.json()) as DatapathBody;
    await route.fulfill({ response, json: { ...body, nat: body.nat.filter((r) => r.hostPort === port), limits: [] } });
  });
  await openDashboard(page, `/?linux=1&net=${n.front},${n.back}`);
  await expect(endpointLabel(page, n.front, n.web).getByTestId("endpoint-linux")).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(networkNode(page, n.back).getByTestId("network-linux")).toBeVisible();
  await expect(page.getByTestId("host-nat")).toHaveCount(1);
  await page.waitForTimeout(400);
  await page.screenshot({ path: OUT_LINUX });

  // Presentation mode, dark, as a wall screen shows a change made with the CLI
  // (less motion: the fit lands at once and the pulse is a still ring, so the picture is the settled screen).
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(`/present?theme=dark&net=${n.front},${n.back}`);
  await expect(page.getByTestId("present-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  await expect(networkNode(page, n.back)).toBeVisible();
  docker("network", "connect", n.front, n.db);
  await expect(page.getByTestId("present-caption").first()).toContainText(`${n.db} joined ${n.front}`, { timeout: ENGINE_TIMEOUT });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: OUT_PRESENT });
});

test("README screenshot of a guided lab on the presentation screen", async ({ page }) => {
  const LAB = "isolation";
  const labObjects = (kind: "ps" | "network"): string[] =>
    (kind === "ps" ? docker("ps", "-aq", "--filter", `label=cnmap.lab=${LAB}`) : docker("network", "ls", "-q", "--filter", `label=cnmap.lab=${LAB}`)).split("\n").filter(Boolean);
  try {
    await page.emulateMedia({ reducedMotion: "reduce" });
    // Only the lab's networks and their containers: the engine is shared.
    await openDashboard(page, `/present?lab=${LAB}&net=cnmap-lab-${LAB}-front,cnmap-lab-${LAB}-back`);
    const panel = page.getByTestId("present-lab");
    await expect(panel).toHaveAttribute("data-next", "1");
    await page.keyboard.press("ArrowRight");
    await expect(panel).toHaveAttribute("data-next", "2", { timeout: 30_000 });
    await expect(panel.getByTestId("present-lab-verdicts").locator("li").first()).toBeVisible();
    await expect(networkNode(page, `cnmap-lab-${LAB}-front`)).toBeVisible({ timeout: ENGINE_TIMEOUT });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: OUT_LAB });
  } finally {
    const containers = labObjects("ps");
    if (containers.length > 0) docker("rm", "-f", ...containers);
    for (const n of labObjects("network")) docker("network", "rm", n);
  }
});
