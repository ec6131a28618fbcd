/**
 * The Linux layer (issue 13): turned on from the canvas, it draws each
 * endpoint's veth pair on its label, the bridge on its network and the DNAT
 * rule of a published port on the host. Each is checked against the kernel
 * (`ip -o link`, /sys/class/net) and `iptables -S`, not against the page.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { expect, test } from "./fixtures";
import { cleanupLabelled, docker, runContainer, uniqueName } from "../test/support/docker-cli";
import { containerId, createNetworkWithSubnet, ENGINE_TIMEOUT, endpointLabel, networkId, networkNode, openDashboard } from "./helpers";

const net = uniqueName("e2e-lx-net");
const web = uniqueName("e2e-lx-web");
const plain = uniqueName("e2e-lx-plain");

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createNetworkWithSubnet(net);
  runContainer(web, ["--network", net, "-p", "127.0.0.1::80"]);
  runContainer(plain);
});

test.afterAll(() => {
  cleanupLabelled();
});

test("the Linux toggle draws the veth pair, the bridge and the NAT rule, as the kernel has them", async ({ page }) => {
  await openDashboard(page, `/?net=${net}`);
  const label = endpointLabel(page, net, web);
  await expect(label).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(label.getByTestId("endpoint-linux")).toHaveCount(0);

  await page.getByTestId("linux-toggle").click();
  await expect(page.getByTestId("linux-toggle")).toHaveAttribute("aria-pressed", "true");
  await expect(page).toHaveURL(/[?&]linux=1/);

  // The veth name read off the edge is the host end of web's eth0: `<veth>@if<eth0's ifindex>` on the host.
  const linux = label.getByTestId("endpoint-linux");
  await expect(linux).toBeVisible({ timeout: ENGINE_TIMEOUT });
  const text = (await linux.textContent()) ?? "";
  const m = /^(\S+) ⇄ (\S+)$/.exec(text.trim());
  expect(m, text).not.toBeNull();
  const [, containerIf, veth] = m as RegExpExecArray;
  expect(containerIf).toBe("eth0");
  const pid = docker("inspect", "-f", "{{.State.Pid}}", web);
  const inside = execFileSync("nsenter", ["-t", pid, "-n", "ip", "-o", "link", "show", "dev", "eth0"], { encoding: "utf8" });
  const eth0 = /^(\d+): eth0@if(\d+):/.exec(inside);
  const onHost = execFileSync("ip", ["-o", "link", "show", "dev", veth ?? ""], { encoding: "utf8" });
  expect(onHost).toMatch(new RegExp(`^${eth0?.[2]}: ${veth}@if${eth0?.[1]}: `));

  // The network's bridge and its ports, as /sys/class/net says.
  const bridge = `br-${networkId(net).slice(0, 12)}`;
  const bridgeLine = networkNode(page, net).getByTestId("network-linux");
  await expect(bridgeLine).toHaveAttribute("data-device", bridge);
  await expect(bridgeLine).toHaveAttribute("data-ports", String(readdirSync(`/sys/class/net/${bridge}/brif`).length));

  // The host node shows the DNAT rule of web's published port, aimed at web's address.
  const port = docker("port", web, "80/tcp").split(":").pop() ?? "";
  const ip = docker("inspect", "-f", `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, web);
  const nat = page.locator(`[data-testid="host-nat"][data-host-port="${port}"]`);
  await expect(nat).toHaveAttribute("data-to", `${ip}:80`);
  const rule = await nat.getAttribute("title");
  const rules = execFileSync("iptables", ["-t", "nat", "-S", "DOCKER"], { encoding: "utf8" }).split("\n");
  expect(rules).toContain(rule?.split("\n")[0]);

  // web's sandbox: its resolver is the embedded DNS server, as its resolv.conf says.
  const resolver = page.locator('[data-testid="sandbox-node"]', { has: page.locator(`[data-testid="container"][data-name="${web}"]`) }).getByTestId("sandbox-linux");
  await expect(resolver).toHaveAttribute("data-embedded", "true");
  expect(docker("exec", web, "cat", "/etc/resolv.conf")).toMatch(/^nameserver 127\.0\.0\.11$/m);

  // Off again: the labels are as before.
  await page.getByTestId("linux-toggle").click();
  await expect(label.getByTestId("endpoint-linux")).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]linux=1/);
});

test("a blocked pair in Who reaches whom names the host's rule that blocks it", async ({ page }) => {
  await openDashboard(page, "/?linux=1");
  await expect(page.getByTestId("linux-toggle")).toHaveAttribute("aria-pressed", "true");
  // The layer has been read once the veth shows on web's edge.
  await expect(endpointLabel(page, net, web).getByTestId("endpoint-linux")).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await page.getByTestId("open-matrix").click();
  const matrix = page.getByTestId("reach-matrix");
  const cell = matrix.locator(`[data-testid="reach-cell"][data-from="${containerId(web)}"][data-to="${containerId(plain)}"]`);
  await expect(cell).toHaveAttribute("data-reach", "no");
  await cell.click();
  await expect(matrix).toContainText("no shared network");
  const bridge = `br-${networkId(net).slice(0, 12)}`;
  const jump = `-A DOCKER-ISOLATION-STAGE-1 -i ${bridge} ! -o ${bridge} -j DOCKER-ISOLATION-STAGE-2`;
  const drop = "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP";
  await expect(matrix.getByTestId("reach-rules")).toContainText(jump);
  await expect(matrix.getByTestId("reach-rules")).toContainText(drop);
  // Both are rules the host has.
  const rules = [
    ...execFileSync("iptables", ["-S", "DOCKER-ISOLATION-STAGE-1"], { encoding: "utf8" }).split("\n"),
    ...execFileSync("iptables", ["-S", "DOCKER-ISOLATION-STAGE-2"], { encoding: "utf8" }).split("\n"),
  ];
  expect(rules).toContain(jump);
  expect(rules).toContain(drop);
});
