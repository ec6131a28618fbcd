/**
 * Editing a service's networks from the canvas, on the real two-node swarm:
 * dragging a service onto an overlay asks first (its tasks restart), shows
 * the CLI equivalent, and on confirmation attaches it
 * (`docker service update --network-add`), checked with `docker service
 * inspect`; dropping it on a local bridge is refused before the engine is
 * asked; removing the service→network edge detaches it (`--network-rm`).
 * Everything made here carries this run's label and is removed in afterAll.
 */
import { execFileSync } from "node:child_process";
import { expect, test, type Locator, type Page } from "../fixtures";
import { docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../../test/support/docker-cli";
import { createNetworkWithSubnet, dragOnto, ENGINE_TIMEOUT, networkNode, openDashboard } from "../helpers";

test.describe.configure({ mode: "serial" });

const SWARM_TIMEOUT = 60_000;
const home = uniqueName("e2e-sw-home");
const extra = uniqueName("e2e-sw-extra");
const bridge = uniqueName("e2e-sw-bridge");
const service = uniqueName("e2e-sw-edit");

function node2Host(): string {
  const host = process.env.CNMAP_SWARM_NODE2_HOST;
  if (!host) throw new Error("no two-node swarm: run these specs with `npm run test:swarm` (scripts/test-swarm.sh makes the swarm)");
  return host;
}

/** The networks in the service's spec, by name, as `docker service inspect` says. */
function specNetworks(): string[] {
  const targets = JSON.parse(docker("service", "inspect", "--format", "{{json .Spec.TaskTemplate.Networks}}", service)) as { Target: string }[] | null;
  return (targets ?? []).map((t) => docker("network", "inspect", "--format", "{{.Name}}", t.Target)).sort();
}

function serviceNode(page: Page, name: string): Locator {
  return page.locator(`[data-testid="service-node"][data-name="${name}"]`);
}

test.beforeAll(async () => {
  node2Host();
  expect(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).toBe("active");
  docker("network", "create", "--driver", "overlay", "--attachable", "--label", LABEL, home);
  docker("network", "create", "--driver", "overlay", "--label", LABEL, extra);
  createNetworkWithSubnet(bridge);
  docker("service", "create", "--detach", "--quiet", "--name", service, "--label", LABEL, "--container-label", LABEL, "--network", home, "--replicas", "1", "--no-resolve-image", TEST_IMAGE, "sleep", "600");
});

test.afterAll(async () => {
  dockerTry("service", "rm", service);
  await expect
    .poll(() => {
      const here = docker("ps", "-aq", "--filter", `label=${LABEL}`, "--filter", "label=com.docker.swarm.service.id");
      const there = execFileSync("docker", ["-H", node2Host(), "ps", "-aq", "--filter", `label=${LABEL}`], { encoding: "utf8" }).trim();
      return here === "" && there === "";
    }, { timeout: SWARM_TIMEOUT, intervals: [250] })
    .toBe(true);
  for (const n of [home, extra, bridge]) dockerTry("network", "rm", n);
});

test("drag a service onto an overlay: asked first, then attached as docker service inspect shows; a local bridge is refused", async ({ page }) => {
  await openDashboard(page);
  const node = serviceNode(page, service);
  await expect(node).toBeVisible({ timeout: SWARM_TIMEOUT });
  await expect(networkNode(page, extra)).toBeVisible({ timeout: ENGINE_TIMEOUT });

  // A local bridge: refused in cnmap's words, nothing sent, the spec unchanged.
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/services/")) sent.push(`${r.method()} ${r.url()}`);
  });
  await dragOnto(page, node, networkNode(page, bridge));
  await expect(page.getByText(/a service can join only swarm-scope networks/)).toBeVisible();
  await expect(page.getByTestId("service-network-dialog")).toHaveCount(0);
  expect(sent).toEqual([]);
  expect(specNetworks()).toEqual([home]);

  // The overlay: the dialog warns and shows the command; cancel changes nothing.
  await dragOnto(page, node, networkNode(page, extra));
  const dialog = page.getByTestId("service-network-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("service-network-warning")).toContainText("restart");
  await expect(dialog).toContainText(`docker service update --network-add ${extra} ${service}`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  expect(sent).toEqual([]);
  expect(specNetworks()).toEqual([home]);

  // Again, confirmed: the engine has it, and the canvas draws the new edge.
  await dragOnto(page, node, networkNode(page, extra));
  await page.getByTestId("service-network-confirm").click();
  await expect(page.getByTestId("service-network-dialog")).toHaveCount(0, { timeout: SWARM_TIMEOUT });
  expect(specNetworks()).toEqual([extra, home].sort());
  await expect(page.locator(`[data-testid="service-vip"][data-service="${service}"][data-network="${extra}"]`)).toBeVisible({ timeout: SWARM_TIMEOUT });
});

test("remove the service→network edge: detached as docker service inspect shows", async ({ page }) => {
  await openDashboard(page);
  const label = page.locator(`[data-testid="service-vip"][data-service="${service}"][data-network="${extra}"]`);
  await expect(label).toBeVisible({ timeout: SWARM_TIMEOUT });
  await label.click();
  await label.getByTestId("service-network-remove").click();
  const dialog = page.getByTestId("service-network-dialog");
  await expect(dialog).toContainText(`docker service update --network-rm ${extra} ${service}`);
  await page.getByTestId("service-network-confirm").click();
  await expect(dialog).toHaveCount(0, { timeout: SWARM_TIMEOUT });
  expect(specNetworks()).toEqual([home]);
  await expect(label).toHaveCount(0, { timeout: SWARM_TIMEOUT });
});
