/**
 * The team console in two browsers at once, signed in as two people: a viewer
 * sees no editing control and a drag of theirs changes nothing; an operator
 * drags a container onto a network; the viewer's timeline names the operator;
 * the audit page lists the change. The engine is checked with docker inspect.
 */
import { expect, test, type Browser, type Page } from "./fixtures";
import { addUser } from "../test/support/users-cli";
import { cleanupLabelled, createNetwork, docker, runContainer, uniqueName } from "../test/support/docker-cli";
import { freshDataDir, startServer, type RunningServer } from "../test/support/server";
import { ENGINE_TIMEOUT, networkNode, rectOf, sandboxOf, signInAs } from "./helpers";

const PORT = 3228;

function networksOf(container: string): string[] {
  return Object.keys(JSON.parse(docker("inspect", "-f", "{{json .NetworkSettings.Networks}}", container)) as Record<string, unknown>).sort();
}

/** Signs in, and the header names the role the person has. */
async function signIn(browser: Browser, base: string, name: string, password: string): Promise<Page> {
  const page = await signInAs(browser, `${base}/`, name, password);
  await expect(page.getByTestId("identity")).toHaveAttribute("data-role", /viewer|operator|admin/);
  return page;
}

/** Drags the sandbox of `container` by its header onto `network`. */
async function drag(page: Page, container: string, network: string, during?: () => Promise<void>): Promise<void> {
  const s = await rectOf(sandboxOf(page, container));
  const t = await rectOf(networkNode(page, network));
  await page.mouse.move(s.x + s.width / 2, s.y + Math.min(10, s.height / 2));
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 10 });
  await during?.();
  await page.mouse.up();
}

test.describe("two people on one engine", () => {
  let server: RunningServer;
  const dataDir = freshDataDir();
  const net = uniqueName("tm-net");
  const webBox = uniqueName("tm-web");
  const viewBox = uniqueName("tm-view");
  const passwords: Record<string, string> = {};

  test.beforeAll(async () => {
    createNetwork(net);
    runContainer(webBox);
    runContainer(viewBox);
    passwords.vera = addUser(dataDir, "vera", "viewer");
    passwords.otto = addUser(dataDir, "otto", "operator");
    passwords.ada = addUser(dataDir, "ada", "admin");
    server = await startServer(PORT, { CNMAP_DATA_DIR: dataDir });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled();
  });

  test("a viewer looks, an operator rewires, and both see who did what", async ({ browser }) => {
    const vera = await signIn(browser, server.url, "vera", passwords.vera ?? "");
    const otto = await signIn(browser, server.url, "otto", passwords.otto ?? "");
    const veraChanges: string[] = [];
    vera.on("request", (r) => {
      if (r.method() !== "GET" && r.url().includes("/api/") && !r.url().endsWith("/api/session")) veraChanges.push(`${r.method()} ${r.url()}`);
    });

    // The viewer keeps the timeline open.
    const timeline = vera.getByTestId("timeline");
    if ((await timeline.getAttribute("data-open")) !== "true") await vera.getByTestId("timeline-toggle").click();
    await expect(timeline).toHaveAttribute("data-open", "true");

    // Each sees the other.
    await expect(vera.getByTestId("identity")).toHaveAttribute("data-role", "viewer");
    await expect(vera.getByTestId("presence")).toContainText("otto");
    await expect(otto.getByTestId("presence")).toContainText("vera");

    // The viewer has no editing control, and a drag arms nothing.
    await expect(networkNode(vera, net)).toBeVisible();
    await expect(vera.getByTestId("new-network")).toHaveCount(0);
    await expect(vera.getByTestId("prune-networks")).toHaveCount(0);
    await expect(vera.getByTestId("sandbox-menu")).toHaveCount(0);
    await drag(vera, viewBox, net, async () => {
      await expect(networkNode(vera, net)).not.toHaveAttribute("data-drop", /.*/);
    });
    // The operator may connect and disconnect, but not create or prune.
    await expect(otto.getByTestId("new-network")).toHaveCount(0);
    await expect(otto.getByTestId("sandbox-menu").first()).toBeVisible();

    await drag(otto, webBox, net, async () => {
      await expect(networkNode(otto, net)).toHaveAttribute("data-drop", "ok");
    });
    // The viewer's graph says who did it, on the network it touched (for a few seconds)...
    await expect(networkNode(vera, net).getByTestId("network-changed-by")).toHaveText(`otto connected ${webBox} to ${net}`);
    await expect.poll(() => networksOf(webBox), { timeout: ENGINE_TIMEOUT }).toContain(net);

    // ...and so does the viewer's timeline.
    const by = vera.locator(`[data-testid="timeline-entry"][data-action="connect"]`).getByTestId("timeline-by").filter({ hasText: "otto" });
    await expect(by).toHaveText(`otto connected ${webBox} to ${net}`);
    await expect(by).toHaveAttribute("data-actor", "otto");

    // A change made outside cnmap says so.
    docker("network", "disconnect", net, webBox);
    const outside = vera.locator(`[data-testid="timeline-entry"][data-action="disconnect"]`).getByTestId("timeline-by");
    await expect(outside).toHaveText("outside cnmap");

    // The audit page lists the operator's change (an operator sees their own entries).
    await otto.goto(`${server.url}/audit`);
    const row = otto.locator('[data-testid="audit-row"][data-action="network.connect"][data-actor="otto"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`docker network connect ${net} ${webBox}`);
    await expect(row).toHaveAttribute("data-outcome", "ok");

    // Nothing the viewer did reached the engine.
    expect(veraChanges).toEqual([]);
    expect(networksOf(viewBox)).toEqual(["bridge"]);
  });

  test("an operator makes an API token in the UI, a script uses it, and revoking it ends it", async ({ browser }) => {
    const otto = await signIn(browser, server.url, "otto", passwords.otto ?? "");
    await otto.getByTestId("tokens").click();
    const dialog = otto.getByTestId("tokens-dialog");
    // At most the operator's own role.
    await expect(dialog.getByTestId("token-role").locator("option")).toHaveText(["viewer", "operator"]);
    await dialog.getByTestId("token-name").fill("nightly");
    await dialog.getByTestId("token-role").selectOption("viewer");
    await dialog.getByTestId("token-create").click();
    const token = (await dialog.getByTestId("token-value").textContent()) ?? "";
    expect(token).toMatch(/^cnmap_/);
    await expect(dialog.locator('[data-testid="token-row"][data-name="nightly"]')).toContainText(token.slice(0, 12));

    const asScript = (): Promise<number> => fetch(`${server.url}/api/topology`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await asScript()).toBe(200);
    await dialog.locator('[data-testid="token-row"][data-name="nightly"]').getByTestId("token-revoke").click();
    await expect(dialog.locator('[data-testid="token-row"][data-name="nightly"]')).toHaveAttribute("data-revoked", "true");
    expect(await asScript()).toBe(401);
  });

  test("an admin adds a person, gives them a role everywhere or on one engine, and removes them, in the People dialog", async ({ browser }) => {
    const ada = await signIn(browser, server.url, "ada", passwords.ada ?? "");
    await ada.getByTestId("people").click();
    const dialog = ada.getByTestId("users-dialog");
    await dialog.getByTestId("user-name").fill("pat");
    await dialog.getByTestId("user-password").fill("pat-password-123");
    await dialog.getByTestId("user-role").selectOption("viewer");
    await dialog.getByTestId("user-add").click();
    const pat = dialog.locator('[data-testid="user-row"][data-name="pat"]');
    await expect(pat.getByTestId("user-roles")).toHaveText("viewer everywhere");
    // Pat signs in; what the server says Pat may do on this engine is the check.
    const signedIn = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "pat", password: "pat-password-123" }) });
    expect(signedIn.status).toBe(200);
    const patCookie = (signedIn.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    const patRole = (): Promise<string | undefined> =>
      fetch(`${server.url}/api/health`, { headers: { cookie: patCookie } })
        .then((r) => r.json() as Promise<{ you?: { role?: string } }>)
        .then((b) => b.you?.role);
    expect(await patRole()).toBe("viewer");

    // Operator on this one engine only: the engine's own role wins.
    await pat.getByTestId("user-engine-pick").selectOption("local");
    await pat.getByTestId("user-engine-role-pick").selectOption("operator");
    await pat.getByTestId("user-engine-add").click();
    await expect(pat.getByTestId("user-roles")).toHaveText("viewer everywhere, operator on local");
    expect(await patRole()).toBe("operator");
    await pat.locator('[data-testid="user-engine-role"][data-engine="local"]').getByTestId("user-engine-role-remove").click();
    await expect(pat.getByTestId("user-roles")).toHaveText("viewer everywhere");
    await expect(pat.getByTestId("user-engine-role")).toHaveCount(0);
    expect(await patRole()).toBe("viewer");

    await pat.getByTestId("user-set-role").selectOption("operator");
    await expect(pat.getByTestId("user-roles")).toHaveText("operator everywhere");
    expect(await patRole()).toBe("operator");
    await pat.getByTestId("user-remove").click();
    await expect(pat).toHaveCount(0);
    // The admin's own row offers no removal.
    await expect(dialog.locator('[data-testid="user-row"][data-name="ada"]').getByTestId("user-remove")).toHaveCount(0);
  });
});
