/**
 * Published ports: a container running httpd with `-p <free port>:80` is
 * drawn with an edge from the host node to its sandbox, labelled with the
 * host address and port `docker port` reports; a request to that port from
 * here reaches the container, so the drawn path is the real one. A host-mode
 * container gets the dashed "host's network stack" edge.
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, docker, dockerTry, runContainer, uniqueName } from "../test/support/docker-cli";
import { freePort } from "../test/support/server";
import { containerId, ENGINE_TIMEOUT, flowElement, hitAtCentre, openDashboard, sandboxOf } from "./helpers";

const names = { web: uniqueName("e2e-pweb"), hostc: uniqueName("e2e-phost") };

/** `docker port` lines ("0.0.0.0:8080", "[::]:8080" or ":::8080") as [hostIp, hostPort], IPv4 first. */
function publishedBindings(container: string, port: string): [string, number][] {
  return docker("port", container, port)
    .split("\n")
    .filter(Boolean)
    .map((line): [string, number] => {
      const i = line.lastIndexOf(":");
      return [line.slice(0, i).replace(/^\[(.*)\]$/, "$1"), Number(line.slice(i + 1))];
    })
    .sort(([a], [b]) => Number(a.includes(":")) - Number(b.includes(":")));
}

let hostPort = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Another process may take the port between the probe and the run: try a few.
  for (let attempt = 0; ; attempt++) {
    hostPort = await freePort("0.0.0.0");
    try {
      runContainer(names.web, ["-p", `${hostPort}:80`], ["httpd", "-f", "-p", "80", "-h", "/www"]);
      break;
    } catch (err) {
      dockerTry("rm", "-f", names.web);
      if (attempt >= 4) throw err;
    }
  }
  runContainer(names.hostc, ["--network", "host"]);
});

test.afterAll(() => {
  cleanupLabelled();
});

test("a published port is drawn from the host to the container, and a request takes that path", async ({ page }, testInfo) => {
  const bindings = publishedBindings(names.web, "80/tcp");
  expect(bindings.length).toBeGreaterThan(0);
  for (const [, port] of bindings) expect(port).toBe(hostPort);
  const [firstIp] = bindings[0] ?? ["", 0];
  const fmt = (ip: string) => (ip.includes(":") ? `[${ip}]` : ip);
  const label = `${bindings.map(([ip, port]) => `${fmt(ip)}:${port}`).join(", ")} -> ${names.web}:80/tcp`;

  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openDashboard(page);

  const host = page.getByTestId("host-node");
  await expect(host).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(host).toBeVisible();
  await expect(host).toContainText("Docker host");
  await expect(flowElement(page, "host:engine")).toHaveCount(1);

  const edgeLabel = page.locator(`[data-testid="port-edge"][data-container="${names.web}"]`);
  await expect(edgeLabel, "one label for the port, its IPv4 and IPv6 bindings grouped").toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(edgeLabel).toBeVisible();
  await expect(edgeLabel).toHaveText(label);
  // `<hostIp>:<port> -> <name>:80/tcp`, other bindings of the same port (IPv6) listed after the first.
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(edgeLabel).toHaveText(new RegExp(`^${esc(`${fmt(firstIp)}:${hostPort}`)}(, [^ ]+)* -> ${esc(`${names.web}:80/tcp`)}$`));
  await expect(edgeLabel).toHaveAttribute("data-host-port", String(hostPort));
  await expect(edgeLabel).toHaveAttribute("data-container-port", "80");
  await expect(edgeLabel).toHaveAttribute("data-protocol", "tcp");
  await expect(edgeLabel).toHaveAttribute("data-host-ip", firstIp);

  // The edge runs from the host node to the container's sandbox, under its stable ID.
  const id = containerId(names.web);
  const edge = page.locator(`.react-flow__edge[data-id="port:${id}:${firstIp}:${hostPort}/tcp"]`);
  await expect(edge).toHaveCount(1);
  await expect(flowElement(page, `sbx:${id}`)).toBeVisible();
  await expect(sandboxOf(page, names.web)).toBeVisible();
  // Published-port labels are not endpoints: the endpoint contract is unchanged.
  await expect(page.locator(`[data-testid="endpoint"][data-container="${names.web}"]`)).toHaveCount(1);

  // Clickable like an endpoint label: it selects its edge.
  expect(await hitAtCentre(edgeLabel)).toBe("self");
  await edgeLabel.click();
  await expect(edge).toHaveClass(/selected/);
  await expect(edgeLabel).toHaveClass(/ring-1/);

  // Host mode: marked as using the host's ports directly.
  const hostMode = page.locator(`[data-testid="host-mode-edge"][data-container="${names.hostc}"]`);
  await expect(hostMode).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  await expect(hostMode).toContainText("host's network stack (ports used directly)");
  await expect(hostMode).toContainText(names.hostc);

  // The path is real: a request to the host port reaches httpd in the container.
  const res = await page.request.get(`http://127.0.0.1:${hostPort}/`);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("cnmap test page");

  await page.screenshot({ path: testInfo.outputPath("ports.png") });
  expect(errors).toEqual([]);
});

test("the port edge goes away with the container", async ({ page }) => {
  await openDashboard(page);
  const edgeLabel = page.locator(`[data-testid="port-edge"][data-container="${names.web}"]`);
  await expect(edgeLabel).toHaveCount(1, { timeout: ENGINE_TIMEOUT });
  docker("rm", "-f", names.web);
  await expect(edgeLabel).toHaveCount(0, { timeout: ENGINE_TIMEOUT });
  // The host-mode container still needs the host node.
  await expect(page.getByTestId("host-node")).toHaveCount(1);
});
