/**
 * The inspector against `docker inspect`: a network, a sandbox and an
 * endpoint selected on the canvas (or opened by a link) show what the engine
 * reports for them, and the selection lives in the URL.
 */
import { expect, test, type Page } from "./fixtures";
import { cleanupLabelled, inspect, networkInspect, runContainer, uniqueName } from "../test/support/docker-cli";
import { containerId, createNetworkWithSubnet, endpointLabel, ENGINE_TIMEOUT, networkId, networkNode, openDashboard, networkSettled, sandboxOf } from "./helpers";

const names = { net: uniqueName("e2e-inet"), web: uniqueName("e2e-iweb"), api: uniqueName("e2e-iapi") };

interface InspectedNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal: boolean;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] };
  Options: Record<string, string>;
  Containers: Record<string, { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string }>;
}

interface InspectedContainer {
  Id: string;
  Config: { Hostname: string };
  HostConfig: { NetworkMode: string; Dns: string[] | null; DnsSearch: string[] | null; ExtraHosts: string[] | null };
  NetworkSettings: {
    SandboxKey: string;
    Networks: Record<string, { EndpointID: string; IPAddress: string; IPPrefixLen: number; MacAddress: string; Gateway: string; Aliases: string[] | null }>;
  };
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createNetworkWithSubnet(names.net, "--opt", "com.docker.network.bridge.enable_icc=true");
  runContainer(names.web, ["--network", names.net, "--dns", "192.0.2.53", "--dns-search", "example.test", "--add-host", "printer.example.test:192.0.2.10"]);
  runContainer(names.api, ["--network", names.net, "--network-alias", "api-alias"]);
});

test.afterAll(() => {
  cleanupLabelled();
});

const field = (page: Page, name: string) => page.getByTestId("inspector").locator(`[data-field="${name}"]`);

test("a network opened by a link shows what docker network inspect shows", async ({ page }) => {
  const [n] = networkInspect<InspectedNetwork>(names.net);
  if (!n) throw new Error("no network");
  await openDashboard(page, `/?select=net:${n.Id}`);
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-kind", "network");
  await expect(field(page, "id")).toContainText(n.Id);
  await expect(field(page, "name")).toHaveText(n.Name);
  await expect(field(page, "driver")).toHaveText(n.Driver);
  await expect(field(page, "scope")).toHaveText(n.Scope);
  await expect(field(page, "subnet").first()).toHaveText(n.IPAM.Config[0]?.Subnet ?? "");
  await expect(field(page, "gateway").first()).toHaveText(n.IPAM.Config[0]?.Gateway ?? "");
  await expect(field(page, "bridge-device")).toHaveText(`br-${n.Id.slice(0, 12)}`);
  // Options are explained in words.
  await expect(inspector.locator('[data-testid="inspector-option"][data-key="com.docker.network.bridge.enable_icc"]')).toContainText(/talk/i);
  // Every endpoint docker lists, with its address and MAC.
  const listed = Object.values(n.Containers);
  expect(listed.length).toBe(2);
  for (const c of listed) {
    const row = inspector.locator(`[data-testid="inspector-endpoint"][data-container="${c.Name}"]`);
    await expect(row.locator('[data-field="ipv4"]')).toHaveText(c.IPv4Address);
    await expect(row.locator('[data-field="mac"]')).toHaveText(c.MacAddress);
  }
  // The raw JSON, on demand, is the engine's.
  await expect(page.getByTestId("raw-json")).toHaveCount(0);
  await page.getByTestId("raw-json-toggle").first().click();
  await expect(page.getByTestId("raw-json")).toContainText(`"Id": "${n.Id}"`);
  // The selected node is the one highlighted on the canvas.
  await expect(page.locator(`.react-flow__node[data-id="net:${n.Id}"]`)).toHaveClass(/selected/);
});

test("a sandbox selected on the canvas shows its container's network settings, and the URL keeps it", async ({ page }) => {
  const [c] = inspect<InspectedContainer>(names.web);
  if (!c) throw new Error("no container");
  const ep = c.NetworkSettings.Networks[names.net];
  if (!ep) throw new Error("no endpoint");
  await openDashboard(page);
  await sandboxOf(page, names.web).click({ position: { x: 20, y: 10 } });
  await expect(page).toHaveURL(new RegExp(`select=sbx(%3A|:)${c.Id}`));
  const check = async () => {
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "sandbox");
    await expect(field(page, "network-mode")).toHaveText(c.HostConfig.NetworkMode);
    await expect(field(page, "sandbox-key")).toHaveText(c.NetworkSettings.SandboxKey, { timeout: ENGINE_TIMEOUT });
    await expect(field(page, "hostname")).toContainText(c.Config.Hostname);
    await expect(field(page, "dns")).toContainText("192.0.2.53");
    await expect(field(page, "dns-search")).toContainText("example.test");
    await expect(field(page, "extra-hosts")).toContainText("printer.example.test");
    await expect(field(page, "extra-hosts")).toContainText("192.0.2.10");
    const row = page.getByTestId("inspector").locator(`[data-testid="inspector-endpoint"][data-network="${names.net}"]`);
    await expect(row.locator('[data-field="ipv4"]')).toHaveText(ep.IPAddress);
    await expect(row.locator('[data-field="mac"]')).toHaveText(ep.MacAddress);
    await expect(row.locator('[data-field="gateway"]')).toHaveText(ep.Gateway);
    await expect(row.locator('[data-field="endpoint-id"]')).toContainText(ep.EndpointID.slice(0, 12));
  };
  await check();
  // A link to this view opens the same view.
  await networkSettled();
  await page.reload();
  await check();
});

test("an endpoint shows its EndpointID and addresses, and links to its network", async ({ page }) => {
  const [c] = inspect<InspectedContainer>(names.api);
  const ep = c?.NetworkSettings.Networks[names.net];
  if (!c || !ep) throw new Error("no endpoint");
  await openDashboard(page);
  await endpointLabel(page, names.net, names.api).click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-kind", "endpoint");
  await expect(page).toHaveURL(new RegExp(`select=ep(%3A|:)${networkId(names.net)}(%3A|:)${containerId(names.api)}`));
  await expect(field(page, "endpoint-id")).toContainText(ep.EndpointID);
  await expect(field(page, "ipv4")).toContainText(ep.IPAddress);
  await expect(field(page, "mac")).toHaveText(ep.MacAddress);
  await expect(inspector).toContainText("api-alias");
  // From the endpoint to its network, inside the panel.
  await field(page, "network").getByRole("button").first().click();
  await expect(inspector).toHaveAttribute("data-kind", "network");
  await expect(page).toHaveURL(new RegExp(`select=net(%3A|:)${networkId(names.net)}`));
  await expect(networkNode(page, names.net)).toBeVisible();
});

test("closing the inspector clears the selection", async ({ page }) => {
  await openDashboard(page, `/?select=net:${networkId(names.net)}`);
  await expect(page.getByTestId("inspector")).toBeVisible();
  await page.getByTestId("inspector-close").click();
  await expect(page.getByTestId("inspector")).toHaveCount(0);
  await expect(page).not.toHaveURL(/select=/);
});
