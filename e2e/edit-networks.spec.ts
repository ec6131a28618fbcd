/**
 * Network management through the UI, checked against the engine with the
 * docker CLI: create through the form (subnet and gateway), inline validation
 * that stops a bad network before the engine sees it, remove through the
 * node's dialog, and prune with a label filter (preview first, then exactly
 * those removed). Everything created carries this run's label.
 */
import { expect, test, type Page } from "./fixtures";
import {
  cleanupLabelled,
  createNetwork,
  dockerTry,
  LABEL,
  LABEL_KEY,
  networkInspect,
  RUN_ID,
  runContainer,
  uniqueName,
} from "../test/support/docker-cli";
import { createNetworkWithSubnet, ENGINE_TIMEOUT, networkNode, openDashboard } from "./helpers";

interface InspectedNetwork {
  Name: string;
  Labels: Record<string, string> | null;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] | null };
}

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  cleanupLabelled();
});

function exists(name: string): boolean {
  return dockerTry("network", "inspect", name).ok;
}

function randomSubnet(): { subnet: string; gateway: string } {
  const a = 160 + Math.floor(Math.random() * 90);
  const b = 1 + Math.floor(Math.random() * 254);
  return { subnet: `10.${a}.${b}.0/24`, gateway: `10.${a}.${b}.1` };
}

async function openCreateForm(page: Page): Promise<void> {
  await page.getByTestId("new-network").click();
  await expect(page.getByTestId("create-network-panel")).toBeVisible();
}

test("creates a network with a subnet and gateway through the form", async ({ page }) => {
  const name = uniqueName("e2e-ui-create");
  await openDashboard(page);
  await openCreateForm(page);
  const panel = page.getByTestId("create-network-panel");

  await page.getByTestId("net-name").fill(name);
  await expect(page.getByTestId("net-driver")).toHaveValue("bridge");
  // A free /24: the form itself says when one overlaps a network on the engine.
  let chosen = randomSubnet();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.getByTestId("net-subnet-0").fill(chosen.subnet);
    if ((await page.getByTestId("net-subnet-0-error").count()) === 0) break;
    chosen = randomSubnet();
  }
  await page.getByTestId("net-gateway-0").fill(chosen.gateway);
  await page.getByTestId("net-labels").fill(`${LABEL}\ncnmap.e2e=create`);
  await expect(page.getByTestId("net-subnet-0-error")).toHaveCount(0);
  await expect(page.getByTestId("net-gateway-0-error")).toHaveCount(0);

  // The equivalent command, live.
  const command = panel.getByTestId("command");
  await expect(command).toHaveText(
    `docker network create --driver bridge --subnet ${chosen.subnet} --gateway ${chosen.gateway} --label ${LABEL} --label cnmap.e2e=create ${name}`,
  );
  await expect(panel.getByTestId("copy-command")).toBeVisible();

  await page.getByTestId("net-create").click();
  await expect(panel).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await expect(networkNode(page, name)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });

  const [n] = networkInspect<InspectedNetwork>(name);
  expect(n?.IPAM.Config).toEqual([expect.objectContaining({ Subnet: chosen.subnet, Gateway: chosen.gateway })]);
  expect(n?.Labels).toEqual({ [LABEL_KEY]: RUN_ID, "cnmap.e2e": "create" });
});

test("inline validation stops a gateway outside the subnet and an overlapping subnet", async ({ page }) => {
  const taken = uniqueName("e2e-ui-taken");
  const { subnet: takenSubnet } = createNetworkWithSubnet(taken);
  const name = uniqueName("e2e-ui-invalid");
  await openDashboard(page);
  await expect(networkNode(page, taken)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await openCreateForm(page);

  await page.getByTestId("net-name").fill(name);
  await page.getByTestId("net-labels").fill(LABEL);

  // Gateway outside the subnet: said as soon as it is typed.
  let free = randomSubnet();
  while (free.subnet === takenSubnet) free = randomSubnet();
  await page.getByTestId("net-subnet-0").fill(free.subnet);
  await page.getByTestId("net-gateway-0").fill("192.0.2.1");
  await expect(page.getByTestId("net-gateway-0-error")).toHaveText(`gateway 192.0.2.1 is outside ${free.subnet}`);
  await expect(page.getByTestId("net-gateway-0")).toHaveAttribute("aria-invalid", "true");
  await page.getByTestId("net-create").click();
  await expect(page.getByTestId("net-form-invalid")).toBeVisible();
  await expect(page.getByTestId("create-network-panel")).toBeVisible();

  // A subnet inside one the engine already has.
  const inside = takenSubnet.replace(/\.0\/24$/, ".128/25");
  await page.getByTestId("net-subnet-0").fill(inside);
  await page.getByTestId("net-gateway-0").fill("");
  await expect(page.getByTestId("net-subnet-0-error")).toHaveText(`${inside} overlaps ${takenSubnet} of network "${taken}"`);
  await page.getByTestId("net-create").click();
  await expect(page.getByTestId("create-network-panel")).toBeVisible();
  await expect(page.getByTestId("net-name")).toHaveValue(name);

  // Nothing reached the engine.
  await page.waitForTimeout(500);
  expect(exists(name)).toBe(false);
});

test("removes a network through its dialog, and says why the engine refuses a busy one", async ({ page }) => {
  const name = uniqueName("e2e-ui-rm");
  const busy = uniqueName("e2e-ui-busy");
  const box = uniqueName("e2e-ui-box");
  createNetwork(name);
  createNetwork(busy);
  runContainer(box, ["--network", busy]);
  await openDashboard(page);

  // A busy network: the dialog lists the container, the engine refuses, the alert says why.
  await expect(networkNode(page, busy)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await networkNode(page, busy).getByTestId("network-remove").click();
  const dialog = page.getByTestId("remove-network-dialog");
  await expect(dialog.getByTestId("attached-running")).toContainText(box);
  await dialog.getByTestId("confirm").click();
  await expect(dialog.getByRole("alert")).toContainText(`Could not remove ${busy}`);
  await expect(dialog.getByRole("alert")).toContainText(box);
  expect(exists(busy)).toBe(true);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  // A free network: shown with its command, then gone from the engine and the canvas.
  await expect(networkNode(page, name)).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await networkNode(page, name).getByTestId("network-remove").click();
  await expect(dialog.getByTestId("remove-target")).toHaveText(name);
  await expect(dialog).toContainText("No container is attached to it.");
  await expect(dialog.getByTestId("command")).toHaveText(`docker network rm ${name}`);
  expect(exists(name)).toBe(true);
  await dialog.getByTestId("confirm").click();
  await expect(dialog).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  expect(exists(name)).toBe(false);
  await expect(networkNode(page, name)).toHaveCount(0, { timeout: ENGINE_TIMEOUT });

  // Predefined networks offer no remove action.
  await expect(networkNode(page, "bridge").getByTestId("network-remove")).toHaveCount(0);
});

test("prune with a label filter previews, then removes exactly those networks", async ({ page }) => {
  const tag = `cnmap.e2e.prune=${RUN_ID}`;
  const a = uniqueName("e2e-ui-prune-a");
  const b = uniqueName("e2e-ui-prune-b");
  const keep = uniqueName("e2e-ui-prune-keep");
  createNetwork(a, "--label", tag);
  createNetwork(b, "--label", tag);
  createNetwork(keep);
  await openDashboard(page);

  await page.getByTestId("prune-networks").click();
  const dialog = page.getByTestId("prune-dialog");
  await dialog.getByTestId("prune-labels").fill(tag);
  await expect(dialog.getByTestId("command")).toHaveText(`docker network prune --force --filter label=${tag}`);
  await expect(dialog.getByTestId("confirm")).toHaveCount(0);

  // The preview: exactly the two, and nothing removed yet.
  await dialog.getByTestId("prune-preview").click();
  await expect(dialog.getByTestId("prune-candidate")).toHaveCount(2, { timeout: ENGINE_TIMEOUT });
  expect((await dialog.getByTestId("prune-candidate").allTextContents()).sort()).toEqual([a, b].sort());
  expect(exists(a) && exists(b)).toBe(true);

  await dialog.getByTestId("confirm").click();
  await expect(dialog.getByTestId("pruned")).toHaveCount(2, { timeout: ENGINE_TIMEOUT });
  expect((await dialog.getByTestId("pruned").allTextContents()).sort()).toEqual([a, b].sort());
  expect(exists(a)).toBe(false);
  expect(exists(b)).toBe(false);
  expect(exists(keep)).toBe(true);
  await expect(networkNode(page, a)).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  await expect(networkNode(page, b)).toHaveCount(0);
});
