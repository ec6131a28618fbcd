/**
 * What the wiring means, checked against the real engine: reachability
 * highlighting and the matrix, probes run inside containers (ping, DNS)
 * agreeing with the computed verdicts, the DNS view, the advisor, search and
 * filters.
 */
import { expect, test, type Page } from "@playwright/test";
import { cleanupLabelled, runContainer, uniqueName } from "../test/support/docker-cli";
import { containerId, createNetworkWithSubnet, ENGINE_TIMEOUT, inspectEndpoint, networkId, networkNode, openDashboard, sandboxOf } from "./helpers";

const names = {
  netA: uniqueName("e2e-qa"),
  netB: uniqueName("e2e-qb"),
  a1: uniqueName("e2e-qa1"),
  a2: uniqueName("e2e-qa2"),
  b1: uniqueName("e2e-qb1"),
  d1: uniqueName("e2e-qd1"),
  d2: uniqueName("e2e-qd2"),
  w1: uniqueName("e2e-qw1"),
};

/** Probes can wait for a timeout inside the container. */
const PROBE_TIMEOUT = 20_000;

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createNetworkWithSubnet(names.netA);
  createNetworkWithSubnet(names.netB);
  runContainer(names.a1, ["--network", names.netA]);
  runContainer(names.a2, ["--network", names.netA, "--network-alias", "shared-name"]);
  runContainer(names.b1, ["--network", names.netB]);
  runContainer(names.w1, ["--network", names.netA], ["httpd", "-f", "-p", "80", "-h", "/www"]);
  // The default bridge: no --network.
  runContainer(names.d1);
  runContainer(names.d2);
});

test.afterAll(() => {
  cleanupLabelled();
});

const sbx = (name: string) => `sbx:${containerId(name)}`;

async function probe(page: Page, from: string, kind: "ping" | "dns", target: string) {
  await openDashboard(page, `/?select=${sbx(from)}`);
  const form = page.getByTestId("probe-form");
  await form.getByTestId("probe-kind").selectOption(kind);
  await form.getByTestId("probe-target").fill(target);
  await form.getByTestId("probe-run").click();
  const result = page.getByTestId("probe-result");
  await expect(result).toBeVisible({ timeout: PROBE_TIMEOUT });
  return result;
}

test("selecting a sandbox highlights what it can reach and dims the rest", async ({ page }) => {
  await openDashboard(page);
  await sandboxOf(page, names.a1).click({ position: { x: 20, y: 10 } });
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.a2)}"]`)).toHaveClass(/cnmap-reach/);
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.b1)}"]`)).toHaveClass(/cnmap-dim/);
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.d1)}"]`)).toHaveClass(/cnmap-dim/);
  await expect(page.locator(`.react-flow__node[data-id="net:${networkId(names.netA)}"]`)).not.toHaveClass(/cnmap-dim/);
});

test("the matrix gives every pair a verdict with its reason", async ({ page }) => {
  await openDashboard(page);
  await page.getByTestId("open-matrix").click();
  const matrix = page.getByTestId("reach-matrix");
  const cell = (from: string, to: string) => matrix.locator(`[data-testid="reach-cell"][data-from="${containerId(from)}"][data-to="${containerId(to)}"]`);
  await expect(cell(names.a1, names.a2)).toHaveAttribute("data-reach", "yes");
  await expect(cell(names.a1, names.b1)).toHaveAttribute("data-reach", "no");
  await expect(cell(names.d1, names.d2)).toHaveAttribute("data-reach", "yes");
  await cell(names.a1, names.b1).click();
  await expect(matrix).toContainText("no shared network");
});

test("ping succeeds between containers on one user-defined network, as computed", async ({ page }) => {
  const result = await probe(page, names.a1, "ping", names.a2);
  await expect(result).toHaveAttribute("data-outcome", "success");
  await expect(result).toHaveAttribute("data-expected", "true");
  await expect(result).toHaveAttribute("data-agrees", "true");
  await expect(page.getByTestId("probe-output")).toContainText(/packets received|bytes from/);
});

test("ping fails between containers on separate networks, as computed", async ({ page }) => {
  const ip = inspectEndpoint(names.b1, names.netB).IPAddress;
  const result = await probe(page, names.a1, "ping", ip);
  await expect(result).toHaveAttribute("data-outcome", /^(failure|timeout)$/);
  await expect(result).toHaveAttribute("data-expected", "false");
  await expect(result).toHaveAttribute("data-agrees", "true");
});

test("an HTTP GET from the form reaches a web server on the shared network", async ({ page }) => {
  await openDashboard(page, `/?select=${sbx(names.a1)}`);
  const form = page.getByTestId("probe-form");
  await form.getByTestId("probe-kind").selectOption("http");
  await form.getByTestId("probe-target").fill(names.w1);
  await form.getByTestId("probe-port").fill("80");
  await form.getByTestId("probe-path").fill("/index.html");
  await form.getByTestId("probe-run").click();
  const result = page.getByTestId("probe-result");
  await expect(result).toHaveAttribute("data-outcome", "success", { timeout: PROBE_TIMEOUT });
  await expect(result).toHaveAttribute("data-agrees", "true");
  // The page the test image serves.
  await expect(page.getByTestId("probe-output")).toContainText("cnmap test page");
});

test("a container name resolves on a user-defined network, shown and confirmed by nslookup", async ({ page }) => {
  await openDashboard(page, `/?select=${sbx(names.a1)}`);
  const dns = page.getByTestId("dns-view").locator(`[data-testid="dns-network"][data-network="${names.netA}"]`);
  await expect(dns).toHaveAttribute("data-dns", "yes");
  await expect(dns.locator(`[data-testid="dns-name"][data-name="${names.a2}"]`)).toContainText(inspectEndpoint(names.a2, names.netA).IPAddress);
  await expect(dns.locator('[data-testid="dns-name"][data-name="shared-name"]')).toBeVisible();

  const result = await probe(page, names.a1, "dns", names.a2);
  await expect(result).toHaveAttribute("data-outcome", "success");
  await expect(result).toHaveAttribute("data-agrees", "true");
  await expect(page.getByTestId("probe-output")).toContainText(inspectEndpoint(names.a2, names.netA).IPAddress);
});

test("on the default bridge a container name does not resolve, as the DNS view says, so it is not probed", async ({ page }) => {
  await openDashboard(page, `/?select=${sbx(names.d1)}`);
  const dns = page.getByTestId("dns-view").locator('[data-testid="dns-network"][data-network="bridge"]');
  await expect(dns).toHaveAttribute("data-dns", "no");
  await expect(dns).toContainText(/no name resolution/i);

  // A probe goes only to names the container resolves (or addresses): the server refuses this one and says why.
  const form = page.getByTestId("probe-form");
  await form.getByTestId("probe-kind").selectOption("dns");
  await form.getByTestId("probe-target").fill(names.d2);
  await form.getByTestId("probe-run").click();
  const error = page.getByTestId("probe-error");
  await expect(error).toContainText(`${names.d2} is not a name ${names.d1} resolves on its networks`, { timeout: PROBE_TIMEOUT });
  await expect(error).toContainText(/default bridge/);
  await expect(page.getByTestId("probe-result")).toHaveCount(0);
});

test("the advisor flags a container on the default bridge, and its chip selects it", async ({ page }) => {
  await openDashboard(page);
  await page.getByTestId("open-advisor").click();
  const finding = page
    .getByTestId("advisor")
    .locator('[data-testid="advisor-finding"][data-kind="default-bridge"]')
    .filter({ has: page.locator('[data-testid="advisor-object"]', { hasText: names.d1 }) });
  await expect(finding).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(finding).toContainText("docker network");
  await finding.locator('[data-testid="advisor-object"]', { hasText: names.d1 }).click();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "sandbox");
  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${containerId(names.d1)}`));
});

test("search finds a container by its IP address and selects its endpoint", async ({ page }) => {
  const ip = inspectEndpoint(names.b1, names.netB).IPAddress;
  await openDashboard(page);
  await page.getByTestId("search").fill(ip);
  const hit = page.locator('[data-testid="search-result"]', { hasText: names.b1 }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "endpoint");
  await expect(page).toHaveURL(new RegExp(`select=ep(%3A|:)${networkId(names.netB)}(%3A|:)${containerId(names.b1)}`));
});

test("filters hide the predefined networks and keep one network's containers", async ({ page }) => {
  await openDashboard(page);
  await expect(networkNode(page, "bridge")).toBeVisible();
  await page.getByTestId("hide-predefined").check();
  await expect(networkNode(page, "bridge")).toHaveCount(0);
  await expect(page).toHaveURL(/hidePredefined=1/);
  await expect(networkNode(page, names.netA)).toBeVisible();

  await openDashboard(page, `/?net=${networkId(names.netA)}`);
  await expect(sandboxOf(page, names.a1)).toBeVisible();
  await expect(sandboxOf(page, names.b1)).toHaveCount(0);
  await expect(networkNode(page, names.netB)).toHaveCount(0);
});

test("Back returns to the previous selection with its filter, and the whole graph", async ({ page }) => {
  await openDashboard(page, `/?select=${sbx(names.a1)}`);
  await expect(page.getByTestId("inspector")).toContainText(names.a1);
  await sandboxOf(page, names.b1).click({ position: { x: 20, y: 10 } });
  await expect(page.getByTestId("inspector")).toContainText(names.b1);
  await page.getByTestId("hide-predefined").check();
  await expect(networkNode(page, "bridge")).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${containerId(names.a1)}`));
  await expect(page).not.toHaveURL(/hidePredefined/);
  await expect(page.getByTestId("inspector")).toContainText(names.a1);
  await expect(page.getByTestId("hide-predefined")).not.toBeChecked();
  for (const net of ["bridge", "host", "none", names.netA, names.netB]) await expect(networkNode(page, net)).toBeVisible();
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.a1)}"]`)).toHaveClass(/selected/);
});
