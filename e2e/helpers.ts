/**
 * Shared pieces of the end-to-end tests: locators scoped by name (never by
 * count: other objects may exist on the engine), engine look-ups through the
 * docker CLI, and a few geometry checks done in the page.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { createNetwork, docker, dockerTry, inspect, LABEL_KEY, RUN_ID } from "../test/support/docker-cli";

export const LIVE_URL = "http://127.0.0.1:3220";
export const UNREACHABLE_URL = "http://127.0.0.1:3221";
export const MISSING_ENGINE = "unix:///tmp/cnmap-no-such-engine.sock";

/** How long the engine and the page may take to show a change. */
export const ENGINE_TIMEOUT = 10_000;

// ---- locators ---------------------------------------------------------------

export function networkNode(page: Page, name: string): Locator {
  return page.locator(`[data-testid="network-node"][data-name="${name}"]`);
}

export function containerItem(page: Page, name: string): Locator {
  return page.locator(`[data-testid="container"][data-name="${name}"]`);
}

/** The sandbox node that holds the named container. */
export function sandboxOf(page: Page, containerName: string): Locator {
  return page.locator('[data-testid="sandbox-node"]').filter({ has: containerItem(page, containerName) });
}

/** The endpoint label of `owner`'s namespace on `network`. */
export function endpointLabel(page: Page, network: string, owner: string): Locator {
  return page.locator(`[data-testid="endpoint"][data-network="${network}"][data-container="${owner}"]`);
}

/** React Flow's wrapper of a node or edge, by its stable ID (net:…, sbx:…, ep:…). */
export function flowElement(page: Page, id: string): Locator {
  return page.locator(`.react-flow [data-id="${id}"]`);
}

/**
 * Waits until no IPv6 address on the host is tentative. Each interface Docker
 * brings up (a bridge's first port, a veth) gets a link-local address about
 * 1.3 s later, once duplicate address detection ends, and Chromium takes that
 * as a network change: requests starting then fail with ERR_NETWORK_CHANGED.
 * A CI run lost the page's runtime chunk that way, loaded a second after its
 * spec's beforeAll started a container, so the page never started. Every
 * page load waits for the host's addresses to settle first: a condition of
 * the kernel's, not a delay.
 */
export async function networkSettled(): Promise<void> {
  await expect
    // An address whose detection failed stays tentative for good: it is no change to come.
    .poll(() => execFileSync("ip", ["-6", "-o", "addr", "show", "tentative", "-dadfailed"], { encoding: "utf8" }).trim(), {
      message: "IPv6 addresses still tentative on the host",
      timeout: ENGINE_TIMEOUT,
      intervals: [50],
    })
    .toBe("");
}

/** Opens the dashboard and waits until the canvas is drawn and the event stream is live. */
export async function openDashboard(page: Page, url = "/"): Promise<void> {
  await networkSettled();
  await page.goto(url);
  await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
}

// ---- engine -----------------------------------------------------------------

interface InspectedEndpoint {
  NetworkID: string;
  IPAddress: string;
  IPPrefixLen: number;
}

interface InspectedContainer {
  Id: string;
  State: { Status: string };
  NetworkSettings: { Networks: Record<string, InspectedEndpoint> };
}

/** The container's endpoint on `network` as `docker inspect` reports it. */
export function inspectEndpoint(container: string, network: string): InspectedEndpoint {
  const [c] = inspect<InspectedContainer>(container);
  const ep = c?.NetworkSettings.Networks[network];
  if (!ep) throw new Error(`docker inspect: ${container} has no endpoint on ${network}`);
  return ep;
}

/** The IPv4 address with its prefix, the way the label shows it ("" when none). */
export function inspectedIPv4(container: string, network: string): string {
  const ep = inspectEndpoint(container, network);
  return ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen}` : "";
}

export function containerId(name: string): string {
  const [c] = inspect<InspectedContainer>(name);
  if (!c) throw new Error(`docker inspect: no container ${name}`);
  return c.Id;
}

export function networkId(name: string): string {
  return docker("network", "inspect", "--format", "{{.ID}}", name);
}

function randomOctet(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/**
 * Creates a labelled network with a random /24 in 10.0.0.0/8 and a gateway,
 * retrying when the pool overlaps one another network (or another run) holds.
 */
export function createNetworkWithSubnet(name: string, ...args: string[]): { subnet: string; gateway: string } {
  let last = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = `10.${randomOctet(160, 250)}.${randomOctet(1, 254)}`;
    const subnet = `${base}.0/24`;
    const gateway = `${base}.1`;
    try {
      createNetwork(name, "--subnet", subnet, "--gateway", gateway, ...args);
      return { subnet, gateway };
    } catch (err) {
      last = String((err as { stderr?: string }).stderr ?? err);
      if (!/overlap|in use/i.test(last)) throw err;
    }
  }
  throw new Error(`no free subnet for ${name}: ${last}`);
}

/** A short interface name (at most 15 characters), unique enough for one run. */
export function vethName(suffix: "a" | "b", stem: string): string {
  return `cnv${stem}${suffix}`.slice(0, 15);
}

/** Adds a veth pair (both ends up) to be a macvlan parent. */
export function addVethPair(a: string, b: string): void {
  execFileSync("ip", ["link", "add", a, "type", "veth", "peer", "name", b], { stdio: "pipe" });
  execFileSync("ip", ["link", "set", a, "up"], { stdio: "pipe" });
  execFileSync("ip", ["link", "set", b, "up"], { stdio: "pipe" });
}

/** Deletes a veth pair (deleting one end removes both); quiet if it is gone. */
export function deleteVethPair(a: string): void {
  try {
    execFileSync("ip", ["link", "delete", a], { stdio: "pipe" });
  } catch {
    /* already gone */
  }
}

/** Waits until `docker inspect` reports the container in `status` (e.g. "exited"). */
export async function waitForState(container: string, status: string): Promise<void> {
  await expect
    .poll(() => inspect<InspectedContainer>(container)[0]?.State.Status, { timeout: 30_000 })
    .toBe(status);
}

/** Removes named objects of this run that may still exist; never anything unlabelled. */
export function removeIfLabelled(kind: "container" | "network", name: string): void {
  const label = `${LABEL_KEY}=${RUN_ID}`;
  const list =
    kind === "container"
      ? dockerTry("ps", "-aq", "--filter", `label=${label}`, "--filter", `name=^${name}$`)
      : dockerTry("network", "ls", "-q", "--filter", `label=${label}`, "--filter", `name=^${name}$`);
  for (const id of list.stdout.split("\n").filter(Boolean)) {
    if (kind === "container") dockerTry("rm", "-f", id);
    else dockerTry("network", "rm", id);
  }
}

// ---- geometry in the page ---------------------------------------------------

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function rectOf(locator: Locator): Promise<Rect> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box (not rendered)");
  return box;
}

/** True when `inner` lies within `outer` (one pixel of slack for rounding). */
export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.width <= outer.x + outer.width + 1 &&
    inner.y + inner.height <= outer.y + outer.height + 1
  );
}

/**
 * What `document.elementFromPoint` finds at the centre of the element: "self"
 * when the element or one of its descendants is on top, else a description of
 * whatever covers it.
 */
export async function hitAtCentre(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit && (hit === el || el.contains(hit))) return "self";
    if (!hit) return "nothing";
    const owner = hit.closest("[data-id]");
    const testId = hit.closest("[data-testid]")?.getAttribute("data-testid") ?? "";
    return `${hit.tagName.toLowerCase()}.${String(hit.className)} in ${owner?.getAttribute("data-id") ?? "?"} (${testId})`;
  });
}

/** Waits until a person could click it: inside the visible canvas and on top at its centre. */
export async function expectOnCanvas(page: Page, locator: Locator): Promise<void> {
  const canvas = page.locator(".react-flow").first();
  await expect
    .poll(async () => {
      const [outer, inner] = await Promise.all([canvas.boundingBox(), locator.boundingBox()]);
      if (!outer || !inner) return "not drawn";
      if (!contains(outer, inner)) return `outside the canvas: ${JSON.stringify(inner)} in ${JSON.stringify(outer)}`;
      return hitAtCentre(locator);
    })
    .toBe("self");
}

/**
 * Clicks something on the canvas once a person could (expectOnCanvas).
 * Playwright would otherwise scroll React Flow's wrapper to reach it, which
 * React Flow undoes on the next frame: the click could land on the pane and
 * clear the selection.
 */
export async function clickOnCanvas(page: Page, locator: Locator, options?: { position: { x: number; y: number } }): Promise<void> {
  await expectOnCanvas(page, locator);
  await locator.click(options);
}

/** The node's position in flow coordinates, from React Flow's transform on its wrapper. */
export async function flowPosition(node: Locator): Promise<{ x: number; y: number }> {
  const transform = await node.evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/.exec(transform);
  if (!m?.[1] || !m[2]) throw new Error(`no translate() in node transform "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

// ---- people and engines ------------------------------------------------------

/** Signs `name` in at `url` in a browser context of their own; resolves once the graph is drawn and live. */
export async function signInAs(browser: Browser, url: string, name: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  await networkSettled();
  await page.goto(url);
  // No session: the sign-in page, which brings the person back afterwards.
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByTestId("login-username").fill(name);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
  return page;
}

const SCRIPTS = path.resolve(__dirname, "..", "scripts");

/** The second engine: CNMAP_ENGINE2_HOST when given, else one started here (and `started`, so engine2Down stops it). */
export function engine2Up(): { host: string; started: boolean } {
  const given = process.env.CNMAP_ENGINE2_HOST;
  if (given) return { host: given, started: false };
  const host = execFileSync("bash", [path.join(SCRIPTS, "engine2-up.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return { host, started: true };
}

/** Stops the second engine if engine2Up started it. */
export function engine2Down(engine: { started: boolean }): void {
  if (engine.started) execFileSync("bash", [path.join(SCRIPTS, "engine2-down.sh")], { stdio: "inherit" });
}

/** Drags a node by its header and releases it over the centre of `to`; `during` runs before the release. */
export async function dragOnto(page: Page, from: Locator, to: Locator, during?: () => Promise<void>): Promise<void> {
  const s = await rectOf(from);
  const t = await rectOf(to);
  const grab = { x: s.x + s.width / 2, y: s.y + Math.min(10, s.height / 2) };
  // The grab point must be on the node itself (not under a panel, the minimap or another node).
  const onNode = await from.evaluate((el, p) => {
    const hit = document.elementFromPoint(p.x, p.y);
    return hit !== null && el.contains(hit);
  }, grab);
  expect(onNode, "the dragged node's header is covered at the grab point").toBe(true);
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 10 });
  await during?.();
  await page.mouse.up();
}
