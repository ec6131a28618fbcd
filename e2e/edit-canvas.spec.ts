/**
 * Editing on the canvas, against the real engine: drag a container onto a
 * network to connect it, a refused drop (onto `none`) that sends nothing,
 * Delete on a selected endpoint (with a confirmation for the last one), and
 * "connect with options" through the dialog. Every change is checked with
 * `docker inspect`, not only on the page.
 */
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, inspect, runContainer, uniqueName } from "../test/support/docker-cli";
import {
  clickOnCanvas,
  containerId,
  createNetworkWithSubnet,
  dragOnto,
  endpointLabel,
  ENGINE_TIMEOUT,
  expectOnCanvas,
  flowElement,
  flowPosition,
  inspectedIPv4,
  networkNode,
  openDashboard,
  sandboxOf,
} from "./helpers";

const names = {
  a: uniqueName("e2e-edit-a"),
  b: uniqueName("e2e-edit-b"),
  web: uniqueName("e2e-edit-web"),
};
let netA = { subnet: "", gateway: "" };

interface Inspected {
  NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> };
}

function networksOf(container: string): string[] {
  return Object.keys(inspect<Inspected>(container)[0]?.NetworkSettings.Networks ?? {}).sort();
}

/** Records the mutation requests the page sends. */
function recordMutations(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/api/networks/")) sent.push(`${r.method()} ${r.url()}`);
  });
  return sent;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  netA = createNetworkWithSubnet(names.a);
  createNetworkWithSubnet(names.b);
  runContainer(names.web, ["--network", names.a]);
});

test.afterAll(() => {
  cleanupLabelled();
});

test("dragging a container onto a network connects it, and the node goes back", async ({ page }) => {
  await openDashboard(page);
  const sandbox = sandboxOf(page, names.web);
  const target = networkNode(page, names.b);
  await expect(sandbox).toBeVisible();
  await expect(target).toBeVisible();
  const wrapper = flowElement(page, `sbx:${containerId(names.web)}`);
  const before = await flowPosition(wrapper);

  await dragOnto(page, sandbox, target, async () => {
    await expect(target).toHaveAttribute("data-drop", "ok");
    await expect(page.getByTestId("drop-hint")).toContainText(`Drop to connect to ${names.b}`);
  });

  const done = page.getByTestId("action-done").filter({ hasText: names.b });
  await expect(done).toContainText(`Connected ${names.web} to ${names.b}`);
  await expect(done.getByTestId("command")).toHaveText(`docker network connect ${names.b} ${names.web}`);
  await expect.poll(() => networksOf(names.web), { timeout: ENGINE_TIMEOUT }).toEqual([names.a, names.b].sort());
  // The edge is drawn from the engine's answer, with the address the engine gave.
  await expect(endpointLabel(page, names.b, names.web)).toContainText(inspectedIPv4(names.web, names.b).split("/")[0] ?? "", {
    timeout: ENGINE_TIMEOUT,
  });
  await expect(target).not.toHaveAttribute("data-drop", /.*/);
  expect(await flowPosition(wrapper)).toEqual(before);
});

test("a drop onto none is refused with the reason and sends nothing", async ({ page }) => {
  const sent = recordMutations(page);
  await openDashboard(page);
  const none = networkNode(page, "none");
  await dragOnto(page, sandboxOf(page, names.web), none, async () => {
    await expect(none).toHaveAttribute("data-drop", "refused");
    await expect(page.getByTestId("drop-hint")).toContainText("cannot be joined later");
  });
  await expect(page.getByTestId("action-error")).toContainText("cannot be joined later");
  await page.waitForTimeout(500);
  expect(sent).toEqual([]);
  expect(networksOf(names.web)).toEqual([names.a, names.b].sort());
});

test("Delete removes a selected endpoint; the last one asks for confirmation first", async ({ page }) => {
  const sent = recordMutations(page);
  await openDashboard(page);

  // Not the last endpoint: removed at once.
  await clickOnCanvas(page, endpointLabel(page, names.b, names.web));
  await expect(page.getByTestId("selection-panel").getByTestId("command")).toHaveText(`docker network disconnect ${names.b} ${names.web}`);
  // The side panel opens on it, narrowing the canvas: what was clicked is brought back into view.
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "endpoint");
  await expectOnCanvas(page, endpointLabel(page, names.b, names.web));
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("disconnect-dialog")).toHaveCount(0);
  await expect.poll(() => networksOf(names.web), { timeout: ENGINE_TIMEOUT }).toEqual([names.a]);
  await expect(endpointLabel(page, names.b, names.web)).toHaveCount(0);
  await expect(page.getByTestId("action-done").filter({ hasText: `from ${names.b}` })).toBeVisible();

  // The last endpoint: Backspace opens the confirmation; Cancel keeps it.
  await clickOnCanvas(page, endpointLabel(page, names.a, names.web));
  // Selected (as the panel shows) before the key that acts on the selection.
  await expect(page.getByTestId("selection-panel").getByTestId("command")).toHaveText(`docker network disconnect ${names.a} ${names.web}`);
  await page.keyboard.press("Backspace");
  const dialog = page.getByTestId("disconnect-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("no network at all");
  await expect(dialog.getByTestId("command")).toHaveText(`docker network disconnect ${names.a} ${names.web}`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect(networksOf(names.web)).toEqual([names.a]);
  expect(sent).toHaveLength(1);

  // …and the confirm button removes it.
  await clickOnCanvas(page, endpointLabel(page, names.a, names.web));
  await expect(page.getByTestId("selection-panel").getByTestId("command")).toHaveText(`docker network disconnect ${names.a} ${names.web}`);
  await page.keyboard.press("Delete");
  await page.getByTestId("confirm").click();
  await expect.poll(() => networksOf(names.web), { timeout: ENGINE_TIMEOUT }).toEqual([]);
  await expect(endpointLabel(page, names.a, names.web)).toHaveCount(0);
  // Nodes are never deleted by the keys.
  await expect(sandboxOf(page, names.web)).toBeVisible();
});

test("connect with options: an alias and a fixed IPv4 through the dialog", async ({ page }) => {
  await openDashboard(page);
  const ip = netA.gateway.replace(/\.1$/, ".77");
  const alias = `svc-${names.web.slice(-5)}`;

  await clickOnCanvas(page, sandboxOf(page, names.web).getByTestId("sandbox-menu"));
  // The menu opens where the canvas has room for it (upwards near its bottom edge).
  await clickOnCanvas(page, page.getByTestId("menu-connect"));
  const dialog = page.getByTestId("connect-dialog");
  await expect(dialog).toBeVisible();
  const networkId = await networkNode(page, names.a).evaluate((el) => el.closest("[data-id]")?.getAttribute("data-id")?.slice(4) ?? "");
  await dialog.getByTestId("connect-network").selectOption(networkId);

  // Validation as the user types.
  await dialog.getByTestId("connect-ipv4").fill("10.0.0.300");
  await expect(dialog.getByTestId("error-ipv4")).toHaveText(/^not an IP address: IPv4 as four decimal numbers 0-255 without leading zeros/);
  await expect(dialog.getByTestId("connect-submit")).toBeDisabled();
  await dialog.getByTestId("connect-ipv4").fill(ip);
  await dialog.getByTestId("connect-aliases").fill(alias);
  await expect(dialog.getByTestId("error-ipv4")).toHaveCount(0);
  await expect(dialog.getByTestId("command")).toHaveText(`docker network connect --alias ${alias} --ip ${ip} ${names.a} ${names.web}`);

  await dialog.getByTestId("connect-submit").click();
  await expect(dialog).toHaveCount(0);
  await expect
    .poll(() => inspect<Inspected>(names.web)[0]?.NetworkSettings.Networks[names.a]?.IPAddress, { timeout: ENGINE_TIMEOUT })
    .toBe(ip);
  expect(inspect<Inspected>(names.web)[0]?.NetworkSettings.Networks[names.a]?.Aliases).toContain(alias);
  const label = endpointLabel(page, names.a, names.web);
  await expect(label).toContainText(ip);
  await expect(label).toContainText(alias);
});
