/**
 * OIDC sign-in in Chromium against a real provider (panva's oidc-provider).
 * The provider listens on 127.0.0.2 and cnmap on 127.0.0.1: two sites to the
 * browser, so the provider's way back is a cross-site navigation, as with a
 * real provider, and the SameSite=Strict session cookie meets the trap it
 * would meet there (checked first: a cross-site navigation to the dashboard
 * does not carry it).
 */
import { expect, test, type Page } from "./fixtures";
import { startTestProvider, type TestPerson, type TestProvider } from "../test/support/oidc-provider";
import { freePort, freshDataDir, startServer, type RunningServer } from "../test/support/server";

const PEOPLE: TestPerson[] = [
  { login: "vera", password: "vera-at-the-provider", claims: { preferred_username: "Vera", email: "vera@example.org", groups: ["readers"] } },
  { login: "nora", password: "nora-at-the-provider", claims: { preferred_username: "nora", email: "nora@example.org", groups: ["staff"] } },
];

async function signInAtProvider(page: Page, login: string, password: string): Promise<void> {
  await page.getByTestId("login-oidc").click();
  await expect(page.locator("#provider-login")).toBeVisible();
  expect(new URL(page.url()).hostname).toBe("127.0.0.2");
  await page.locator("#provider-login").fill(login);
  await page.locator("#provider-password").fill(password);
  await page.locator("#provider-submit").click();
}

test.describe("sign-in with OIDC", () => {
  let idp: TestProvider;
  let server: RunningServer;

  test.beforeAll(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    idp = await startTestProvider({ redirectUris: [`${base}/api/session/oidc/callback`], people: PEOPLE, host: "127.0.0.2" });
    server = await startServer(port, {
      CNMAP_DATA_DIR: freshDataDir(),
      CNMAP_PUBLIC_URL: base,
      CNMAP_OIDC_ISSUER: idp.issuer,
      CNMAP_OIDC_CLIENT_ID: idp.clientId,
      CNMAP_OIDC_CLIENT_SECRET: idp.clientSecret,
      CNMAP_OIDC_ROLES: "cnmap-admins=admin;readers=viewer",
      CNMAP_OIDC_NAME: "Test IdP",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await idp?.stop();
  });

  test("a viewer signs in at the provider and lands where they were going, as a viewer", async ({ page }) => {
    // No session: the sign-in page, with the provider's button beside the password form.
    await page.goto(`${server.url}/audit`);
    await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
    await expect(page.getByTestId("login-oidc")).toHaveText("Sign in with Test IdP");
    await expect(page.getByTestId("login-submit")).toBeVisible();

    await signInAtProvider(page, "vera", "vera-at-the-provider");
    // Back on cnmap, signed in, on the page the sign-in started from.
    await expect(page).toHaveURL(`${server.url}/audit`);
    await expect(page.locator('[data-testid="audit-row"][data-action="sign-in"][data-actor="vera"]')).toHaveAttribute("data-outcome", "ok");

    await page.goto(`${server.url}/`);
    await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
    const identity = page.getByTestId("identity");
    await expect(identity).toHaveAttribute("data-kind", "user");
    await expect(identity).toHaveAttribute("data-role", "viewer");
    await expect(identity).toContainText("vera");
    await expect(identity).toContainText("viewer");
    // A viewer has no editing controls.
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 30_000 });
    await expect(page.getByTestId("new-network")).toHaveCount(0);
    await expect(page.getByTestId("prune-networks")).toHaveCount(0);
    await expect(page.getByTestId("sandbox-menu")).toHaveCount(0);
  });

  test("the provider really is another site: a plain cross-site navigation to cnmap arrives without the session", async ({ page }) => {
    await page.goto(`${server.url}/login`);
    await signInAtProvider(page, "vera", "vera-at-the-provider");
    await expect(page.locator(".react-flow__viewport")).toBeVisible({ timeout: 30_000 });
    // From a page of the provider's, straight to the dashboard: the Strict cookie stays behind, as it would after a redirect from the callback.
    await page.goto(`${idp.issuer}/.well-known/openid-configuration`);
    await page.evaluate((to) => window.location.assign(to), `${server.url}/`);
    await expect(page).toHaveURL(/\/login\?next=/);
    // Opened directly (not from another site), the same session is there.
    await page.goto(`${server.url}/`);
    await expect(page.getByTestId("identity")).toHaveAttribute("data-role", "viewer");
  });

  test("a person whose groups have no role is told so on the sign-in page", async ({ page }) => {
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(/\/login/);
    await signInAtProvider(page, "nora", "nora-at-the-provider");
    await expect(page).toHaveURL(`${server.url}/login?error=oidc_no_role`);
    await expect(page.getByTestId("login-error")).toHaveText(/Your account at Test IdP is in no group that has a role in cnmap/);
    // Not signed in.
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(/\/login\?next=/);
  });
});
