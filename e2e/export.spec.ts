/**
 * Exports of what is shown (issue 11, part 3), each checked against the
 * engine: the SVG holds every drawn network and container name, the PNG is
 * a picture, the JSON is /api/topology's own answer for those objects, the
 * Mermaid text parses with the mermaid package's own parser (in the browser,
 * where it runs), the Markdown report has each address `docker inspect`
 * gives.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";
import type { Topology } from "../lib/topology/types";
import { cleanupLabelled, docker, networkInspect, runContainer, uniqueName } from "../test/support/docker-cli";
import { createNetworkWithSubnet, ENGINE_TIMEOUT, inspectedIPv4, openDashboard, sandboxOf } from "./helpers";

const net = uniqueName("e2e-ex-net");
const web = uniqueName("e2e-ex-web");
const db = uniqueName("e2e-ex-db");

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  createNetworkWithSubnet(net);
  runContainer(web, ["--network", net, "--network-alias", "www", "-p", "127.0.0.1::80"]);
  runContainer(db, ["--network", net]);
});

test.afterAll(() => {
  cleanupLabelled();
});

async function exported(page: Page, testId: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const menu = page.getByTestId("export-menu");
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator("summary").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const file = await download.path();
  const bytes = readFileSync(file);
  return { name: download.suggestedFilename(), text: bytes.toString("utf8"), bytes };
}

async function openShown(page: Page): Promise<void> {
  await openDashboard(page, `/?net=${net}`);
  await expect(sandboxOf(page, web)).toBeVisible({ timeout: ENGINE_TIMEOUT });
  await expect(sandboxOf(page, db)).toBeVisible();
}

test("SVG and PNG pictures of what is drawn", async ({ page }) => {
  await openShown(page);
  const svg = await exported(page, "export-svg");
  expect(svg.name).toBe("cnmap-graph.svg");
  expect(svg.text.startsWith("data:") ? decodeURIComponent(svg.text) : svg.text).toMatch(/<svg/);
  const text = svg.text.startsWith("data:") ? decodeURIComponent(svg.text.slice(svg.text.indexOf(",") + 1)) : svg.text;
  const drawnNetworks = await page.locator('[data-testid="network-node"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
  const drawnContainers = await page.locator('[data-testid="container"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-name") ?? ""));
  expect(drawnNetworks).toContain(net);
  expect(drawnContainers).toEqual(expect.arrayContaining([web, db]));
  for (const name of [...drawnNetworks, ...drawnContainers]) expect(text, name).toContain(name);
  // The addresses drawn are the engine's.
  expect(text).toContain(inspectedIPv4(web, net));

  const png = await exported(page, "export-png");
  expect(png.name).toBe("cnmap-graph.png");
  const bytes = png.text.startsWith("data:") ? Buffer.from(png.text.slice(png.text.indexOf(",") + 1), "base64") : png.bytes;
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.length).toBeGreaterThan(10_000);
});

test("JSON is /api/topology's answer for what the filter shows", async ({ page, request }) => {
  await openShown(page);
  const file = await exported(page, "export-json");
  expect(file.name).toMatch(/^cnmap-[\w.-]+-\d{4}-\d\d-\d\dT\d{6}Z\.json$/);
  const shown = JSON.parse(file.text) as Topology;
  const whole = (await (await request.get("/api/topology")).json()) as Topology;
  expect(shown.networks).toEqual(whole.networks.filter((n) => n.name === net));
  const ids = new Set(shown.sandboxes.map((s) => s.id));
  expect(shown.sandboxes).toEqual(whole.sandboxes.filter((s) => ids.has(s.id)));
  expect(shown.sandboxes.map((s) => s.containers[0]?.name).sort()).toEqual([db, web].sort());
  expect(shown.endpoints).toEqual(whole.endpoints.filter((e) => ids.has(e.sandboxId) && e.networkId === shown.networks[0]?.id));
  const webEndpoint = shown.endpoints.find((e) => shown.sandboxes.find((s) => s.id === e.sandboxId)?.containers[0]?.name === web);
  expect(webEndpoint?.ipv4).toBe(inspectedIPv4(web, net));
  expect(webEndpoint?.aliases).toContain("www");
});

test("Mermaid parses with mermaid's own parser and names every shown network and container", async ({ page }) => {
  await openShown(page);
  const file = await exported(page, "export-mermaid");
  expect(file.name).toMatch(/\.mmd$/);
  expect(file.text.startsWith("graph LR\n")).toBe(true);
  for (const name of [net, web, db, inspectedIPv4(web, net)]) expect(file.text).toContain(name);
  await page.addScriptTag({ path: path.resolve(__dirname, "..", "node_modules", "mermaid", "dist", "mermaid.min.js") });
  const parsed = await page.evaluate(async (text) => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<{ diagramType: string }> } }).mermaid;
    return (await m.parse(text)).diagramType;
  }, file.text);
  expect(parsed).toMatch(/flowchart/);
  // The parser is not lenient: a broken text is refused.
  const refused = await page.evaluate(async () => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
    return m.parse('graph LR\n  a{{"x"}} ---|"y| b').then(
      () => "parsed",
      () => "refused",
    );
  });
  expect(refused).toBe("refused");
});

test("the Markdown report has each network's subnet and each container's address, as the engine says", async ({ page }) => {
  await openShown(page);
  const file = await exported(page, "export-markdown");
  expect(file.name).toMatch(/\.md$/);
  const [n] = networkInspect<{ IPAM: { Config: { Subnet: string; Gateway: string }[] } }>(net);
  expect(file.text).toContain(`### ${net}`);
  expect(file.text).toContain(`subnet \`${n?.IPAM.Config[0]?.Subnet}\`, gateway \`${n?.IPAM.Config[0]?.Gateway}\``);
  const row = (name: string): string | undefined => file.text.split("\n").find((l) => l.startsWith(`| ${name} | `));
  expect(row(web)).toMatch(new RegExp(`^\\| ${web} \\| running \\| ${inspectedIPv4(web, net).replace(/\./g, "\\.")} \\| .* \\| www \\|$`));
  expect(row(db)).toContain(`| ${db} | running | ${inspectedIPv4(db, net)} |`);
  const port = docker("port", web, "80/tcp").split(":").pop();
  expect(file.text).toContain(`| 127.0.0.1 | ${port} | ${web} | 80 | tcp |`);
  expect(file.text).toContain("## Advisor findings");
});

test("GET /api/export refuses an unknown format with 400, and follows the filter parameters", async ({ request }) => {
  const bad = await request.get("/api/export?format=pdf");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/format/);
  // A parameter given twice would be checked in one copy and used in the other.
  const twice = await request.get(`/api/export?format=json&net=${net}&net=${"x".repeat(5000)}`);
  expect(twice.status()).toBe(400);
  expect(((await twice.json()) as { error: { message: string } }).error.message).toMatch(/"net" is given more than once/);
  const md = await request.get(`/api/export?format=markdown&net=${net}`);
  expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
  expect(md.headers()["content-disposition"]).toMatch(/^attachment; filename="cnmap-[\w.-]+\.md"$/);
  const text = await md.text();
  expect(text).toContain(`### ${net}`);
  expect(text).not.toContain("### none");
});
