/** CNMAP_OIDC_ROLES: from a provider's groups to cnmap roles (lib/auth/oidc-roles.ts). */
import { describe, expect, it } from "vitest";
import { describeGrant, grantsAnything, parseRoleRules, rolesForGroups, type OidcRoleRule } from "@/lib/auth/oidc-roles";

function rules(raw: string): OidcRoleRule[] {
  const parsed = parseRoleRules(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe("parseRoleRules", () => {
  it("reads global and per-engine rules, the catch-all, and groups with '=' in them", () => {
    expect(rules(" cnmap-admins = admin ; ops=Operator@Lab;;*=viewer; cn=net,ou=groups,dc=example=operator ")).toEqual([
      { group: "cnmap-admins", role: "admin", engine: null },
      { group: "ops", role: "operator", engine: "lab" },
      { group: "*", role: "viewer", engine: null },
      { group: "cn=net,ou=groups,dc=example", role: "operator", engine: null },
    ]);
  });

  it("names the rule at fault and what it may be", () => {
    const bad: [string, RegExp][] = [
      ["admins", /"admins" is not group=role/],
      ["=admin", /"=admin" is not group=role/],
      ["ops=", /"ops=" is not group=role/],
      ["ops=boss", /"ops=boss": "boss" is not a role \(viewer, operator, admin\)/],
      ["ops=operator@", /"ops=operator@": "" is not an engine ID/],
      ["ops=operator@no such", /"no such" is not an engine ID/],
      [" ; ", /no rule/],
    ];
    for (const [raw, message] of bad) {
      const parsed = parseRoleRules(raw);
      expect(parsed.ok, raw).toBe(false);
      if (!parsed.ok) expect(parsed.error, raw).toMatch(message);
    }
  });
});

describe("rolesForGroups", () => {
  const mapping = rules("cnmap-admins=admin;ops=operator@lab;ops=viewer;net=admin@lab;*=viewer@edge");

  it("gives the highest role any matching rule grants, globally and per engine", () => {
    expect(rolesForGroups(mapping, ["cnmap-admins"])).toEqual({ role: "admin", engineRoles: {} });
    expect(rolesForGroups(mapping, ["net"])).toEqual({ role: null, engineRoles: { lab: "admin", edge: "viewer" } });
    expect(rolesForGroups(mapping, ["ops"])).toEqual({ role: "viewer", engineRoles: { lab: "operator" } });
    expect(rolesForGroups(mapping, ["ops", "net"])).toEqual({ role: "viewer", engineRoles: { lab: "admin" } });
  });

  it("keeps no engine role that the global one already matches or beats: an engine role never lowers one", () => {
    // An admin who is also in ops is an admin on lab too (with cnmap's "the engine's own role wins", a stored operator@lab would lower it).
    expect(rolesForGroups(mapping, ["cnmap-admins", "ops"])).toEqual({ role: "admin", engineRoles: {} });
  });

  it("matches group names exactly, and '*' matches everyone, with no groups at all too", () => {
    expect(rolesForGroups(mapping, ["CNMAP-ADMINS", "ops-team"])).toEqual({ role: null, engineRoles: { edge: "viewer" } });
    expect(rolesForGroups(mapping, [])).toEqual({ role: null, engineRoles: { edge: "viewer" } });
    expect(grantsAnything(rolesForGroups(rules("admins=admin"), ["users"]))).toBe(false);
    expect(grantsAnything(rolesForGroups(rules("admins=admin"), ["admins"]))).toBe(true);
  });

  it("says what it granted in words", () => {
    expect(describeGrant({ role: "viewer", engineRoles: { lab: "admin", edge: "operator" } })).toBe("viewer; operator on edge; admin on lab");
    expect(describeGrant({ role: null, engineRoles: {} })).toBe("no role");
  });
});
