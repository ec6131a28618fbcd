/** The way back from the provider (lib/auth/oidc-return.ts), where to go after signing in (lib/auth/next-path.ts), and the sign-in page's words. */
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/next-path";
import { callbackErrorCode, isOidcErrorCode, oidcErrorMessage } from "@/lib/auth/oidc-messages";
import { continuePage, failureOf, loginLocation, nextFromSuccess, setsSession } from "@/lib/auth/oidc-return";

const PUBLIC = "https://cnmap.example.org";

describe("safeNextPath", () => {
  it("keeps this site's paths, with their query and fragment", () => {
    for (const p of ["/", "/audit", "/?engine=lab&select=net:abc", "/audit#x", "/a/../b"]) expect(safeNextPath(p), p).toBe(new URL(p, "http://h").pathname + new URL(p, "http://h").search + new URL(p, "http://h").hash);
  });

  it("sends anything that could leave the site to /", () => {
    const open = ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil.example", "javascript:alert(1)", "evil.example", "", null, undefined];
    for (const p of open) expect(safeNextPath(p), String(p)).toBe("/");
  });
});

describe("the way back", () => {
  it("answers a success with a page of its own that moves on to a checked path", () => {
    const page = continuePage("/audit?actor=a&b=\"<x>\"");
    expect(page).toContain('<meta http-equiv="refresh" content="0;url=/audit?actor=a&#38;b=%22%3Cx%3E%22">');
    expect(page).toContain('<a href="/audit?actor=a&#38;b=%22%3Cx%3E%22">');
    expect(page).not.toMatch(/<script/i);
    expect(continuePage("//evil.example")).toContain('content="0;url=/"');
  });

  it("sends a failure to the sign-in page with a code of its own and the way on", () => {
    expect(loginLocation("oidc_no_role", "/")).toBe("/login?error=oidc_no_role");
    expect(loginLocation("oidc_state", "/audit?x=1")).toBe("/login?error=oidc_state&next=%2Faudit%3Fx%3D1");
    expect(loginLocation("oidc_state", "https://evil.example")).toBe("/login?error=oidc_state");
  });

  it("reads where better-auth would have gone, only on this site", () => {
    expect(nextFromSuccess(`${PUBLIC}/audit?actor=x`, PUBLIC)).toBe("/audit?actor=x");
    expect(nextFromSuccess("https://evil.example/x", PUBLIC)).toBe("/");
    expect(nextFromSuccess(null, PUBLIC)).toBe("/");
    expect(failureOf(`${PUBLIC}/login?next=%2Faudit&error=state_mismatch`, PUBLIC)).toEqual({ error: "state_mismatch", description: null, next: "/audit" });
    expect(failureOf(`${PUBLIC}/api/auth/error?error=state_not_found`, PUBLIC)).toEqual({ error: "state_not_found", description: null, next: "/" });
    expect(failureOf(`${PUBLIC}/login?error=access_denied&error_description=no+thanks`, PUBLIC)).toMatchObject({ error: "access_denied", description: "no thanks" });
    expect(failureOf("https://evil.example/login?error=x&next=/a", PUBLIC)).toEqual({ error: null, description: null, next: "/" });
  });

  it("tells a session cookie from the others", () => {
    expect(setsSession("cnmap.session_token=abc.def; Max-Age=604800; Path=/; HttpOnly; SameSite=Strict")).toBe(true);
    expect(setsSession("__Secure-cnmap.session_token=abc; Secure")).toBe(true);
    expect(setsSession("cnmap.session_token=; Max-Age=0")).toBe(false);
    expect(setsSession("cnmap.state=; Max-Age=0; SameSite=Lax")).toBe(false);
  });
});

describe("the sign-in page's words", () => {
  it("has words for our codes only, naming the provider", () => {
    expect(oidcErrorMessage("oidc_no_role", "Example SSO")).toMatch(/^Your account at Example SSO is in no group that has a role in cnmap/);
    expect(oidcErrorMessage("oidc_name_taken", "Example SSO")).toMatch(/never joins/);
    expect(oidcErrorMessage("<b>made up</b>", "x")).toBeNull();
    expect(oidcErrorMessage("toString", "x")).toBeNull();
    expect(oidcErrorMessage(null, "x")).toBeNull();
    expect(isOidcErrorCode("oidc_state")).toBe(true);
  });

  it("maps better-auth's and the provider's errors to ours", () => {
    expect(callbackErrorCode("state_mismatch")).toBe("oidc_state");
    expect(callbackErrorCode("state_security_mismatch")).toBe("oidc_state");
    expect(callbackErrorCode("access_denied")).toBe("oidc_denied");
    expect(callbackErrorCode("invalid_scope")).toBe("oidc_scope");
    expect(callbackErrorCode("invalid_code")).toBe("oidc_failed");
    expect(callbackErrorCode("HTTP 500")).toBe("oidc_failed");
  });
});
