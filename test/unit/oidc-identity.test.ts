/** Who an OIDC sign-in is and whether they may come in (lib/auth/oidc-identity.ts). */
import { describe, expect, it } from "vitest";
import { claimAt, decideSignIn, groupsOf, identityOf, jwtPayload, normaliseUsername, usernameOf, type KnownAccounts } from "@/lib/auth/oidc-identity";
import { parseRoleRules } from "@/lib/auth/oidc-roles";

const parsed = parseRoleRules("cnmap-admins=admin;ops=operator@lab");
if (!parsed.ok) throw new Error(parsed.error);
const rules = { groupsClaim: "groups", roles: parsed.value };
const ISS = "https://id.example.org";

function known(names: string[] = [], linked: KnownAccounts["linked"] = null): KnownAccounts {
  return { linked, nameTaken: (n) => names.includes(n) };
}

describe("normaliseUsername", () => {
  it("makes the provider's name a cnmap user name", () => {
    const cases: [unknown, string | null][] = [
      ["alice", "alice"],
      ["Alice.Smith", "alice.smith"],
      ["alice@example.org", "alice"],
      ["  Bob_Ops  ", "bob_ops"],
      ["Zoë Ångström", "zoe-angstrom"],
      ["Zoë.Smith@example.org", "zoe.smith"],
      ["--ops team!!", "ops-team"],
      ["x".repeat(80), "x".repeat(64)],
      ["a", null],
      ["@example.org", null],
      ["日本", null],
      [42, null],
      [undefined, null],
    ];
    for (const [raw, name] of cases) expect(normaliseUsername(raw), String(raw)).toBe(name);
  });

  it("takes preferred_username, else the e-mail address", () => {
    expect(usernameOf({ preferred_username: "Ann", email: "other@example.org" })).toBe("ann");
    expect(usernameOf({ email: "Carl@example.org" })).toBe("carl");
    expect(usernameOf({ preferred_username: "!", email: "dee@example.org" })).toBe("dee");
    expect(usernameOf({ name: "No Name" })).toBeNull();
  });
});

describe("claims", () => {
  it("reads the groups claim by name, else by a dotted path; a list or one string", () => {
    expect(groupsOf({ groups: ["a", "", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(groupsOf({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(groupsOf({}, "groups")).toEqual([]);
    expect(groupsOf({ realm_access: { roles: ["ops"] } }, "realm_access.roles")).toEqual(["ops"]);
    // A claim whose own name has dots (Auth0's namespaced claims) is found as it is.
    expect(groupsOf({ "https://cnmap.example.org/groups": ["x"] }, "https://cnmap.example.org/groups")).toEqual(["x"]);
    expect(claimAt({ a: { b: null } }, "a.b.c")).toBeUndefined();
    expect(claimAt({ toString: "x" }, "constructor")).toBeUndefined();
  });

  it("names an identity by issuer and subject, never by anything else", () => {
    expect(identityOf({ iss: ISS, sub: "248289761001", email: "a@b.c" })).toBe(`${ISS}#248289761001`);
    expect(identityOf({ iss: ISS, sub: 7 })).toBe(`${ISS}#7`);
    expect(identityOf({ iss: ISS })).toBeNull();
    expect(identityOf({ sub: "x", email: "a@b.c" })).toBeNull();
  });

  it("reads a JWT's payload, and nothing from what is not one", () => {
    const token = ["e30", Buffer.from(JSON.stringify({ sub: "x", groups: ["a"] })).toString("base64url"), "sig"].join(".");
    expect(jwtPayload(token)).toEqual({ sub: "x", groups: ["a"] });
    expect(jwtPayload("nodots")).toBeNull();
    expect(jwtPayload("a.!!!.c")).toBeNull();
    expect(jwtPayload(`a.${Buffer.from("[1]").toString("base64url")}.c`)).toBeNull();
  });
});

describe("decideSignIn", () => {
  const claims = (extra: Record<string, unknown>) => ({ iss: ISS, sub: "s1", preferred_username: "Alice", ...extra });

  it("lets in a new identity whose groups map to a role, under its normalised name", () => {
    expect(decideSignIn(claims({ groups: ["ops", "other"] }), rules, known(["bob"]))).toEqual({
      ok: true,
      username: "alice",
      grant: { role: null, engineRoles: { lab: "operator" } },
      groups: ["ops", "other"],
    });
  });

  it("refuses groups that map to no role, saying which groups", () => {
    expect(decideSignIn(claims({ groups: ["staff"] }), rules, known())).toEqual({
      ok: false,
      code: "oidc_no_role",
      reason: "groups staff: no role in CNMAP_OIDC_ROLES",
      username: "alice",
    });
    expect(decideSignIn(claims({}), rules, known())).toMatchObject({ ok: false, code: "oidc_no_role", reason: "no groups (claim groups): no role in CNMAP_OIDC_ROLES" });
  });

  it("never joins a new identity to an account that has its name (a local password account, or another identity's)", () => {
    const d = decideSignIn(claims({ groups: ["cnmap-admins"] }), rules, known(["alice"]));
    expect(d).toMatchObject({ ok: false, code: "oidc_name_taken", username: "alice" });
  });

  it("keeps a returning identity's first name, whatever the provider now calls it", () => {
    const d = decideSignIn(claims({ preferred_username: "root", groups: ["cnmap-admins"] }), rules, known(["alice", "root"], { id: "u1", username: "alice" }));
    expect(d).toEqual({ ok: true, username: "alice", grant: { role: "admin", engineRoles: {} }, groups: ["cnmap-admins"] });
  });

  it("refuses an identity with no usable name", () => {
    expect(decideSignIn({ iss: ISS, sub: "s1", groups: ["cnmap-admins"] }, rules, known())).toMatchObject({ ok: false, code: "oidc_no_username", username: null });
  });
});
