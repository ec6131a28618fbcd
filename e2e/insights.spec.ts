/**
 * What the wiring means, checked against the real engine: reachability
 * highlighting and the matrix, probes run inside containers (ping, DNS)
 * agreeing with the computed verdicts, the DNS view, the advisor, search and
 * filters.
 */
import { expect, test, type Locator, type Page } from "./fixtures";
import { cleanupLabelled, docker, dockerTry, LABEL, runContainer, TEST_IMAGE, uniqueName } from "../test/support/docker-cli";
import { clickOnCanvas, containerId, createNetworkWithSubnet, ENGINE_TIMEOUT, inspectEndpoint, networkId, networkNode, openDashboard, sandboxOf } from "./helpers";

const names = {
  netA: uniqueName("e2e-qa"),
  netB: uniqueName("e2e-qb"),
  a1: uniqueName("e2e-qa1"),
  a2: uniqueName("e2e-qa2"),
  b1: uniqueName("e2e-qb1"),
  d1: uniqueName("e2e-qd1"),
  d2: uniqueName("e2e-qd2"),
  d3: uniqueName("e2e-qd3"),
  w1: uniqueName("e2e-qw1"),
  // Networks no container uses, for the advisor.
  u1: uniqueName("e2e-qu1"),
  u2: uniqueName("e2e-qu2"),
  u3: uniqueName("e2e-qu3"),
  uc: uniqueName("e2e-quc"),
};

/** This run's containers on the default bridge. */
const bridged = [names.d1, names.d2, names.d3];
/** This run's unused networks. */
const unused = [names.u1, names.u2, names.u3];

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
  runContainer(names.d3);
  for (const u of unused) createNetworkWithSubnet(u);
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

// ---- the advisor, one entry per kind -----------------------------------------

function advisorPanel(page: Page): Locator {
  return page.getByTestId("advisor");
}

/** The advisor's entry for a kind with several findings. */
function findingGroup(page: Page, kind: string): Locator {
  return advisorPanel(page).locator(`[data-testid="advisor-group"][data-kind="${kind}"]`);
}

function chip(scope: Locator, id: string): Locator {
  return scope.locator(`[data-testid="advisor-object"][data-id="${id}"]`);
}

/** A chip anywhere on the page, to filter entries by (`has` takes a page-level locator). */
function anyChip(page: Page, id: string): Locator {
  return page.locator(`[data-testid="advisor-object"][data-id="${id}"]`);
}

/** The group's subject chips, all of them (past "+N more"). */
async function allSubjects(group: Locator): Promise<Locator> {
  const subjects = group.getByTestId("advisor-group-subjects");
  const more = subjects.locator('[data-testid="advisor-objects-more"][aria-expanded="false"]');
  if ((await more.count()) > 0) await more.click();
  return subjects;
}

/** Containers whose configuration puts them on the default bridge, running or not, as the engine lists them. */
function countOnDefaultBridge(): number {
  return docker("ps", "-aq", "--filter", "network=bridge").split("\n").filter(Boolean).length;
}

async function openAdvisor(page: Page): Promise<void> {
  await openDashboard(page);
  await page.getByTestId("open-advisor").click();
  await expect(advisorPanel(page)).toBeVisible();
}

test("the advisor shows the containers on the default bridge as one entry, with the engine's count and a chip each", async ({ page }) => {
  await openAdvisor(page);
  const group = findingGroup(page, "default-bridge");
  await expect(group).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  // One entry for the kind, not one per container.
  await expect(advisorPanel(page).locator(':scope > ol > [data-testid="advisor-finding"][data-kind="default-bridge"]')).toHaveCount(0);
  await expect(group).toHaveAttribute("data-severity", "warning");
  // The count is what the engine says (others may have containers there too), in the title as well.
  await expect(async () => {
    const n = countOnDefaultBridge();
    expect(n).toBeGreaterThanOrEqual(bridged.length);
    await expect(group).toHaveAttribute("data-count", String(n), { timeout: 1_000 });
    await expect(group.getByTestId("advisor-group-count")).toHaveText(String(n), { timeout: 1_000 });
    await expect(group.getByTestId("advisor-group-title")).toHaveText(`${n} containers are on the default bridge`, { timeout: 1_000 });
  }).toPass({ timeout: ENGINE_TIMEOUT });

  // A chip per container, the default bridge itself once among the others involved.
  const subjects = await allSubjects(group);
  for (const name of bridged) await expect(chip(subjects, containerId(name))).toContainText(name);
  await expect(async () => {
    const n = Number(await group.getAttribute("data-count"));
    await expect(subjects.locator('[data-testid="advisor-object"][data-kind="sandbox"]')).toHaveCount(n, { timeout: 1_000 });
  }).toPass({ timeout: ENGINE_TIMEOUT });
  await expect(group.getByTestId("advisor-group-related").locator('[data-testid="advisor-object"]')).toHaveCount(1);
  await expect(chip(group.getByTestId("advisor-group-related"), networkId("bridge"))).toContainText("bridge");
  // Each container's fix differs (a network of its own): no one command for all is offered.
  await expect(group.getByTestId("advisor-group-fix")).toHaveCount(0);
  await expect(group).toContainText(/cannot resolve each other by name/);
});

test("expanding the group lists each finding with its own fix; a chip selects the container on the canvas", async ({ page }) => {
  await openAdvisor(page);
  const group = findingGroup(page, "default-bridge");
  await expect(group.getByTestId("advisor-group-findings")).toHaveCount(0);
  await group.getByTestId("advisor-group-toggle").click();
  await expect(group.getByTestId("advisor-group-toggle")).toHaveAttribute("aria-expanded", "true");
  const findings = group.getByTestId("advisor-group-findings").locator('[data-testid="advisor-finding"]');
  await expect(async () => {
    const n = Number(await group.getAttribute("data-count"));
    await expect(findings).toHaveCount(Math.min(n, 50), { timeout: 1_000 });
  }).toPass({ timeout: ENGINE_TIMEOUT });
  for (const name of bridged) {
    const finding = findings.filter({ has: anyChip(page, containerId(name)) });
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText(`${name} is on the default bridge`);
    await expect(finding.getByTestId("command")).toHaveText(
      `docker network create ${name}-net && docker network connect ${name}-net ${name} && docker network disconnect bridge ${name}`,
    );
  }

  // A chip in the group's list selects the container: on the canvas, in the inspector and in the URL.
  await chip(group.getByTestId("advisor-group-subjects"), containerId(names.d2)).click();
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.d2)}"]`)).toHaveClass(/selected/);
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "sandbox");
  await expect(page.getByTestId("inspector")).toContainText(names.d2);
  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${containerId(names.d2)}`));

  // Back on the advisor, the group is still open; a chip of one finding selects its container too.
  await page.getByTestId("tab-advisor").click();
  await expect(group.getByTestId("advisor-group-toggle")).toHaveAttribute("aria-expanded", "true");
  const d1 = findings.filter({ has: anyChip(page, containerId(names.d1)) });
  await chip(d1, containerId(names.d1)).click();
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.d1)}"]`)).toHaveClass(/selected/);
  await expect(page.locator(`.react-flow__node[data-id="${sbx(names.d2)}"]`)).not.toHaveClass(/selected/);
  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${containerId(names.d1)}`));
});

test("unused networks make one entry with one docker network rm for all; a chip selects the network; using one takes it off", async ({ page }) => {
  await openAdvisor(page);
  const group = findingGroup(page, "unused-network");
  await expect(group).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(group).toHaveAttribute("data-severity", "info");
  const subjects = await allSubjects(group);
  for (const u of unused) await expect(chip(subjects, networkId(u))).toContainText(u);
  // The command for all removes exactly the networks listed, in their order.
  const fixAll = group.getByTestId("advisor-group-fix").getByTestId("command");
  await expect(async () => {
    const listed = await subjects.locator('[data-testid="advisor-object"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
    expect(listed.length).toBe(Number(await group.getAttribute("data-count")));
    await expect(fixAll).toHaveText(`docker network rm ${listed.join(" ")}`, { timeout: 1_000 });
  }).toPass({ timeout: ENGINE_TIMEOUT });

  await chip(subjects, networkId(names.u1)).click();
  await expect(page.locator(`.react-flow__node[data-id="net:${networkId(names.u1)}"]`)).toHaveClass(/selected/);
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "network");

  // A container on u3: the live update takes u3 out of the group and out of the command.
  await page.getByTestId("tab-advisor").click();
  runContainer(names.uc, ["--network", names.u3]);
  await expect(chip(subjects, networkId(names.u3))).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await expect(fixAll).not.toContainText(names.u3);
  await expect(chip(subjects, networkId(names.u2))).toHaveCount(1);
  await expect(fixAll).toContainText(` ${names.u2}`);
});

test("the badge counts kinds and findings as the panel groups them, and the severity tabs agree", async ({ page }) => {
  await openAdvisor(page);
  const badge = page.getByTestId("open-advisor");
  const panel = advisorPanel(page);
  const entries = async () => {
    const groups = await panel.locator(':scope > ol > [data-testid="advisor-group"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))));
    const singles = await panel.locator(':scope > ol > [data-testid="advisor-finding"]').count();
    return { kinds: groups.length + singles, findings: groups.reduce((a, b) => a + b, 0) + singles };
  };
  const tabCount = async (severity: string) => Number(await panel.locator(`[data-testid="advisor-filter"][data-severity="${severity}"]`).getAttribute("data-count"));

  await expect(async () => {
    const shown = await entries();
    // At least this run's default-bridge and unused-network groups.
    expect(shown.kinds).toBeGreaterThanOrEqual(2);
    expect(Number(await badge.getAttribute("data-kinds"))).toBe(shown.kinds);
    expect(Number(await badge.getAttribute("data-findings"))).toBe(shown.findings);
    await expect(badge).toHaveText(`Advisor · ${shown.kinds} kinds · ${shown.findings}`, { timeout: 1_000 });
    await expect(page.getByTestId("tab-advisor")).toHaveText(`Advisor (${shown.kinds} kinds · ${shown.findings})`, { timeout: 1_000 });
    expect(await tabCount("all")).toBe(shown.findings);
    expect((await tabCount("error")) + (await tabCount("warning")) + (await tabCount("info"))).toBe(shown.findings);
  }).toPass({ timeout: ENGINE_TIMEOUT });

  // One severity: only its findings, still grouped, adding up to the tab's count.
  for (const severity of ["warning", "info"] as const) {
    await panel.locator(`[data-testid="advisor-filter"][data-severity="${severity}"]`).click();
    await expect(async () => {
      const severities = await panel.locator(':scope > ol > [data-severity]').evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
      expect(new Set(severities)).toEqual(new Set([severity]));
      expect((await entries()).findings).toBe(await tabCount(severity));
    }).toPass({ timeout: ENGINE_TIMEOUT });
  }
  await expect(findingGroup(page, "unused-network")).toHaveCount(1);
  await expect(findingGroup(page, "default-bridge")).toHaveCount(0);
});

test("at scale the chips stop at a dozen with '+N more', and the findings come 50 at a time", async ({ page }) => {
  test.setTimeout(180_000);
  // Created, never started, on the default bridge: 50 findings without a single new host interface (a burst of new
  // bridges makes Chromium drop requests in flight with ERR_NETWORK_CHANGED).
  const many = Array.from({ length: 50 }, (_, i) => uniqueName(`e2e-qm${i}`));
  try {
    const ids = new Map(many.map((n) => [n, docker("create", "--label", LABEL, "--name", n, TEST_IMAGE, "sleep", "600")] as const));
    const idOf = (n: string) => ids.get(n) ?? "(missing)";
    await openAdvisor(page);
    const group = findingGroup(page, "default-bridge");
    await expect(async () => {
      expect(Number(await group.getAttribute("data-count"))).toBeGreaterThanOrEqual(many.length + bridged.length);
    }).toPass({ timeout: ENGINE_TIMEOUT });
    // Others may add or remove containers meanwhile: each check reads the group's count with what it checks.
    const count = async () => Number(await group.getAttribute("data-count"));
    const subjects = group.getByTestId("advisor-group-subjects");
    const chips = subjects.locator('[data-testid="advisor-object"]');
    await expect(chips).toHaveCount(12);
    await expect(async () => {
      await expect(subjects.getByTestId("advisor-objects-more")).toHaveText(`+${(await count()) - 12} more`, { timeout: 1_000 });
    }).toPass({ timeout: ENGINE_TIMEOUT });
    await subjects.getByTestId("advisor-objects-more").click();
    await expect(async () => {
      await expect(chips).toHaveCount(await count(), { timeout: 1_000 });
    }).toPass({ timeout: ENGINE_TIMEOUT });
    for (const n of many) await expect(chip(subjects, idOf(n))).toHaveCount(1);

    await group.getByTestId("advisor-group-toggle").click();
    const list = group.getByTestId("advisor-group-findings");
    const items = list.locator('[data-testid="advisor-finding"]');
    await expect(items).toHaveCount(50);
    await expect(list.locator('[data-testid="command-box"]')).toHaveCount(50);
    await expect(async () => {
      const left = (await count()) - 50;
      await expect(list.getByTestId("advisor-findings-more")).toHaveText(`Show ${Math.min(left, 50)} more (${left} not shown)`, { timeout: 1_000 });
    }).toPass({ timeout: ENGINE_TIMEOUT });
    await list.getByTestId("advisor-findings-more").click();
    await expect(async () => {
      await expect(items).toHaveCount(Math.min(await count(), 100), { timeout: 1_000 });
    }).toPass({ timeout: ENGINE_TIMEOUT });
    // Should others' containers make more than a hundred, page on to the end.
    while ((await list.getByTestId("advisor-findings-more").count()) > 0) await list.getByTestId("advisor-findings-more").click();
    for (const n of many) {
      await expect(list.locator(`[data-testid="advisor-finding"]`).filter({ has: anyChip(page, idOf(n)) }).getByTestId("command")).toHaveText(
        `docker network create ${n}-net && docker network connect ${n}-net ${n} && docker network disconnect bridge ${n}`,
      );
    }
  } finally {
    dockerTry("rm", "-f", ...many);
  }
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

/** Opens a link that selects a1, then selects b1 on the canvas: Back has somewhere to go. */
async function openA1ThenSelectB1(page: Page): Promise<void> {
  await openDashboard(page, `/?select=${sbx(names.a1)}`);
  await expect(page.getByTestId("inspector")).toContainText(names.a1);
  // The link brought a1 into view, not b1: the whole graph first, as a person would.
  await page.locator(".react-flow__controls-fitview").click();
  await clickOnCanvas(page, sandboxOf(page, names.b1), { position: { x: 20, y: 10 } });
  await expect(page.getByTestId("inspector")).toContainText(names.b1);
}

test("Back returns to the previous selection with its filter, and the whole graph", async ({ page }) => {
  await openA1ThenSelectB1(page);
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

test("Back at once after a filter change, before the page has caught up with its own URL, takes the filter back too", async ({ page }) => {
  await openA1ThenSelectB1(page);
  // A slow machine: the page's own render of the new URL is still to come when Back arrives.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 20 });
  await page.getByTestId("hide-predefined").check();
  await page.goBack();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${containerId(names.a1)}`));
  await expect(page).not.toHaveURL(/hidePredefined/);
  await expect(page.getByTestId("inspector")).toContainText(names.a1);
  await expect(page.getByTestId("hide-predefined")).not.toBeChecked();
  await expect(networkNode(page, "bridge")).toBeVisible();
});
