/**
 * The dashboard on a swarm manager (the two-node swarm of
 * scripts/swarm-up.sh, made by scripts/test-swarm.sh before this project
 * runs): an attachable overlay network made in the test is drawn, and a
 * standalone container on it shows with the overlay address the engine gave
 * it. Objects carry this run's label and are removed in afterAll.
 */
import { expect, test } from "../fixtures";
import { cleanupLabelled, createNetwork, docker, runContainer, uniqueName } from "../../test/support/docker-cli";
import { endpointLabel, ENGINE_TIMEOUT, inspectedIPv4, networkNode, openDashboard, sandboxOf } from "../helpers";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  if (!process.env.CNMAP_SWARM_NODE2_HOST) {
    throw new Error("no two-node swarm: run these specs with `npm run test:swarm` (scripts/test-swarm.sh makes the swarm)");
  }
  expect(docker("info", "--format", "{{.Swarm.LocalNodeState}}")).toBe("active");
});

test.afterAll(() => {
  cleanupLabelled();
});

test("an attachable overlay and a standalone container on it are drawn on a swarm manager", async ({ page }) => {
  const overlay = uniqueName("e2e-sw-ov");
  const box = uniqueName("e2e-sw-box");
  createNetwork(overlay, "--driver", "overlay", "--attachable");
  runContainer(box, ["--network", overlay]);
  await openDashboard(page);
  await expect(networkNode(page, overlay)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(sandboxOf(page, box)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  const label = endpointLabel(page, overlay, box);
  await expect(label).toHaveAttribute("data-active", "true", { timeout: ENGINE_TIMEOUT });
  await expect(label).toContainText(inspectedIPv4(box, overlay));
});
