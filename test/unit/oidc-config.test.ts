/** CNMAP_OIDC_*: OIDC sign-in's settings, checked at start (lib/auth/oidc-config.ts through lib/config.ts). */
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "@/lib/config";

const BASE = {
  CNMAP_PUBLIC_URL: "https://cnmap.example.org/",
  CNMAP_OIDC_ISSUER: "https://id.example.org/realms/main/",
  CNMAP_OIDC_CLIENT_ID: "cnmap",
  CNMAP_OIDC_ROLES: "cnmap-admins=admin;*=viewer",
};

describe("OIDC settings", () => {
  it("is off with no CNMAP_OIDC_* variable", () => {
    expect(readConfig({}).oidc).toBeNull();
    expect(readConfig({ CNMAP_OIDC_ISSUER: "  " }).oidc).toBeNull();
  });

  it("reads a full setting, with the defaults for what is left out", () => {
    expect(readConfig(BASE).oidc).toEqual({
      issuer: "https://id.example.org/realms/main",
      discoveryUrl: "https://id.example.org/realms/main/.well-known/openid-configuration",
      clientId: "cnmap",
      clientSecret: null,
      scopes: ["openid", "profile", "email", "groups"],
      groupsClaim: "groups",
      roles: [
        { group: "cnmap-admins", role: "admin", engine: null },
        { group: "*", role: "viewer", engine: null },
      ],
      name: "id.example.org",
      redirectUri: "https://cnmap.example.org/api/session/oidc/callback",
    });
    const full = readConfig({
      ...BASE,
      CNMAP_OIDC_CLIENT_SECRET: " s3cret \n",
      CNMAP_OIDC_SCOPES: "openid, profile groups",
      CNMAP_OIDC_GROUPS_CLAIM: "realm_access.roles",
      CNMAP_OIDC_NAME: "Example SSO",
    }).oidc;
    expect(full).toMatchObject({ clientSecret: "s3cret", scopes: ["openid", "profile", "groups"], groupsClaim: "realm_access.roles", name: "Example SSO" });
  });

  it("allows http:// only for an issuer on loopback", () => {
    expect(readConfig({ ...BASE, CNMAP_OIDC_ISSUER: "http://127.0.0.1:9000" }).oidc?.issuer).toBe("http://127.0.0.1:9000");
    expect(readConfig({ ...BASE, CNMAP_OIDC_ISSUER: "http://localhost:9000/x" }).oidc?.issuer).toBe("http://localhost:9000/x");
    expect(() => readConfig({ ...BASE, CNMAP_OIDC_ISSUER: "http://id.example.org" })).toThrow(/CNMAP_OIDC_ISSUER="http:\/\/id.example.org" must be an https:\/\/ URL/);
  });

  it("refuses a partial or wrong setting with a message naming the variable", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ CNMAP_OIDC_CLIENT_ID: "cnmap" }, /^CNMAP_OIDC_CLIENT_ID is set but CNMAP_OIDC_ISSUER is not/],
      [{ CNMAP_OIDC_ROLES: "a=admin" }, /^CNMAP_OIDC_ROLES is set but CNMAP_OIDC_ISSUER is not/],
      [{ ...BASE, CNMAP_OIDC_CLIENT_ID: "" }, /^CNMAP_OIDC_ISSUER needs CNMAP_OIDC_CLIENT_ID/],
      [{ ...BASE, CNMAP_OIDC_ROLES: "" }, /^CNMAP_OIDC_ISSUER needs CNMAP_OIDC_ROLES, the groups that may sign in/],
      [{ ...BASE, CNMAP_OIDC_ROLES: "ops=boss" }, /^CNMAP_OIDC_ROLES: "ops=boss": "boss" is not a role/],
      [{ ...BASE, CNMAP_PUBLIC_URL: "" }, /^CNMAP_OIDC_ISSUER needs CNMAP_PUBLIC_URL.*\/api\/session\/oidc\/callback/],
      [{ ...BASE, CNMAP_OIDC_ISSUER: "id.example.org" }, /^CNMAP_OIDC_ISSUER="id.example.org" is not a URL/],
      [{ ...BASE, CNMAP_OIDC_ISSUER: "https://id.example.org/?tenant=1" }, /may not have a query/],
      [{ ...BASE, CNMAP_OIDC_SCOPES: "profile email" }, /^CNMAP_OIDC_SCOPES="profile email" must include openid/],
      [{ ...BASE, CNMAP_OIDC_SCOPES: 'openid "x"' }, /^CNMAP_OIDC_SCOPES: ""x"" is not a scope/],
      [{ ...BASE, CNMAP_OIDC_NAME: "x".repeat(41) }, /^CNMAP_OIDC_NAME is the button's label/],
      [{ ...BASE, CNMAP_OIDC_GROUPS_CLAIM: "my groups" }, /^CNMAP_OIDC_GROUPS_CLAIM="my groups"/],
    ];
    for (const [env, message] of bad) {
      expect(() => readConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => readConfig(env), JSON.stringify(env)).toThrow(message);
    }
  });
});
