/**
 * A global admin adds the second engine in the Engines dialog (the form
 * refusing bad input in the server's words first), switches to it and sees
 * its graph, then removes it; another person who has it open sees that it
 * was removed, and by whom, instead of a page that keeps trying. The second
 * engine is a dockerd in its own network namespace (scripts/engine2-up.sh);
 * its objects are made and checked with its own CLI.
 */
import { expect, test } from "./fixtures";
import { cleanupLabelled, createNetwork, docker, dockerTry, LABEL, TEST_IMAGE, uniqueName } from "../test/support/docker-cli";
import { freePort, freshDataDir, startServer, type RunningServer } from "../test/support/server";
import { addUser } from "../test/support/users-cli";
import { containerItem, engine2Down, engine2Up, networkNode, signInAs } from "./helpers";


test.describe("engines added in the UI", () => {
  let server: RunningServer;
  let engine2 = { host: "", started: false };
  const d2 = (...args: string[]): string => docker("-H", engine2.host, ...args);
  const dataDir = freshDataDir();
  const passwords: Record<string, string> = {};
  const net1 = uniqueName("ui-e1-net");
  const net2 = uniqueName("ui-e2-net");
  const box2 = uniqueName("ui-e2-box");

  test.beforeAll(async () => {
    engine2 = engine2Up();
    createNetwork(net1);
    d2("network", "create", "--label", LABEL, net2);
    d2("run", "-d", "--label", LABEL, "--name", box2, "--network", net2, TEST_IMAGE, "sleep", "600");
    passwords.ada = addUser(dataDir, "ada", "admin");
    passwords.vera = addUser(dataDir, "vera", "viewer");
    server = await startServer(await freePort(), { CNMAP_DATA_DIR: dataDir });
  });
  test.afterAll(async () => {
    await server?.stop();
    cleanupLabelled(LABEL, engine2.host);
    cleanupLabelled();
    engine2Down(engine2);
  });

  test("an admin adds the second engine, works on it, and removes it; a viewer who had it open is told", async ({ browser }) => {
    const ada = await signInAs(browser, `${server.url}/`, "ada", passwords.ada ?? "");
    await expect(ada.getByTestId("engine-switcher")).toHaveCount(0);

    await ada.getByTestId("engines").click();
    const dialog = ada.getByTestId("engines-dialog");
    const localRow = dialog.locator('[data-testid="engine-row"][data-id="local"]');
    await expect(localRow.getByTestId("engine-origin")).toHaveText("environment (DOCKER_HOST)");
    await expect(localRow.getByTestId("engine-status")).toContainText(`Docker ${docker("version", "--format", "{{.Server.Version}}")}`);
    await expect(localRow.getByTestId("engine-remove")).toHaveCount(0);

    // The form refuses bad input as it is typed, in the server's words, and shows the server's own refusals under their field.
    await dialog.getByTestId("new-engine-name").fill("bad name");
    await dialog.getByTestId("new-engine-address").fill("ftp://x");
    await expect(dialog.getByTestId("new-engine-address-error")).toHaveText('"ftp://x": ftp:// is not an engine address (unix, tcp or ssh)');
    await dialog.getByTestId("new-engine-add").click();
    await expect(dialog.getByTestId("new-engine-name-error")).toContainText('"bad name" is not an engine name');
    await dialog.getByTestId("new-engine-name").fill("LOCAL");
    await dialog.getByTestId("new-engine-address").fill(engine2.host);
    await expect(dialog.getByTestId("new-engine-name-error")).toHaveCount(0);
    await dialog.getByTestId("new-engine-add").click();
    await expect(dialog.getByTestId("new-engine-name-error")).toHaveText(/^An engine named local exists already \(DOCKER_HOST\)/);

    await dialog.getByTestId("new-engine-name").fill("second");
    await dialog.getByTestId("new-engine-add").click();
    await expect(dialog.getByTestId("engine-added")).toHaveAttribute("data-connected", "true");
    await expect(dialog.getByTestId("engine-added")).toContainText(`Added second: Docker ${d2("version", "--format", "{{.Server.Version}}")}`);
    const secondRow = dialog.locator('[data-testid="engine-row"][data-id="second"]');
    await expect(secondRow.getByTestId("engine-origin")).toHaveText(/^added by ada on \d{4}-\d\d-\d\d$/);
    await expect(secondRow.getByTestId("engine-status")).toHaveText(
      `Docker ${d2("version", "--format", "{{.Server.Version}}")}, swarm ${d2("info", "--format", "{{.Swarm.LocalNodeState}}")}, logging ${d2("info", "--format", "{{.LoggingDriver}}")}, debug ${d2("info", "--format", "{{.Debug}}") === "true" ? "on" : "off"}`,
    );
    // The switcher has it at once, without a reload.
    await expect(ada.getByTestId("engine-switcher").locator("option")).toHaveText(["local", "second"]);
    await dialog.getByRole("button", { name: "Close" }).click();

    await ada.getByTestId("engine-switcher").selectOption("second");
    await expect(ada).toHaveURL(/[?&]engine=second\b/);
    await expect(ada.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    await expect(networkNode(ada, net2)).toBeVisible();
    await expect(containerItem(ada, box2)).toBeVisible();
    await expect(networkNode(ada, net1)).toHaveCount(0);
    await expect(ada.getByTestId("engine-info")).toContainText(engine2.host);

    // Another person has the same engine open.
    const vera = await signInAs(browser, `${server.url}/?engine=second`, "vera", passwords.vera ?? "");
    await expect(networkNode(vera, net2)).toBeVisible();
    const veraAsked: { url: string; at: number }[] = [];
    vera.on("request", (r) => veraAsked.push({ url: r.url(), at: Date.now() }));

    // Removal asks first, and can be called off.
    await ada.getByTestId("engines").click();
    await secondRow.getByTestId("engine-remove").click();
    await expect(secondRow.getByTestId("engine-remove-confirmation")).toContainText("Remove second from cnmap? Roles people have on it go too");
    await secondRow.getByTestId("engine-remove-cancel").click();
    await expect(secondRow.getByTestId("engine-remove-confirmation")).toHaveCount(0);
    await secondRow.getByTestId("engine-remove").click();
    await secondRow.getByTestId("engine-remove-confirm").click();
    await expect(secondRow).toHaveCount(0);
    await expect(dialog.locator('[data-testid="engine-row"]')).toHaveCount(1);
    await dialog.getByRole("button", { name: "Close" }).click();

    // Both pages on the removed engine say so, and who did it; nothing keeps trying.
    for (const page of [ada, vera]) {
      await expect(page.getByTestId("engine-gone")).toBeVisible();
      await expect(page.getByTestId("engine-gone")).toHaveAttribute("data-by", "ada");
      await expect(page.getByTestId("engine-gone")).toContainText("ada removed second from cnmap");
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "removed");
      await expect(networkNode(page, net2)).toHaveCount(0);
    }
    const goneAt = Date.now();
    // The engine itself is as it was.
    expect(dockerTry("-H", engine2.host, "network", "inspect", net2).ok).toBe(true);

    // The audit page lists both changes.
    await ada.goto(`${server.url}/audit`);
    for (const action of ["engine.add", "engine.remove"]) {
      await expect(ada.locator(`[data-testid="audit-row"][data-action="${action}"][data-actor="ada"][data-outcome="ok"]`)).toHaveCount(1);
    }

    // Meanwhile the viewer's page asked nothing more of the removed engine; the default engine is one click away.
    expect(veraAsked.filter((r) => r.at > goneAt && r.url.includes("/api/engines/second/")).map((r) => r.url)).toEqual([]);
    await vera.getByTestId("engine-gone-default").click();
    await expect(vera).not.toHaveURL(/engine=/);
    await expect(networkNode(vera, net1)).toBeVisible();
    await expect(vera.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  });
});
