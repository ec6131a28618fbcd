/**
 * From a provider's groups to cnmap roles (CNMAP_OIDC_ROLES). Pure.
 *
 * The mapping is a list of rules `group=role` or `group=role@engine`,
 * separated by `;`; `*` as the group matches everyone who signs in. A group
 * is split from its role at the last `=`, so a group that is an LDAP DN
 * (`cn=ops,ou=groups,dc=example=operator`) needs no quoting. Each rule a
 * person's groups match grants its role, and grants add up: on each engine a
 * person gets the highest role any of their rules grants there, globally or
 * on that engine.
 */
import { ENGINE_ID, type Parsed } from "../engines/config";
import { isRole, lesserRole, ROLES, type Role } from "./roles";

export interface OidcRoleRule {
  /** The group as the provider names it (case matters), or "*" for everyone. */
  group: string;
  role: Role;
  /** An engine ID, or null for a global role. */
  engine: string | null;
}

/** The roles an OIDC sign-in gives: the shape of a user's roles in cnmap_role. */
export interface RoleGrant {
  /** The global role, if any. */
  role: Role | null;
  /** Roles on single engines, only where higher than the global one. */
  engineRoles: Record<string, Role>;
}

/** The higher of two roles (the first may be none). */
function higher(a: Role | null | undefined, b: Role): Role {
  return a && lesserRole(a, b) === b ? a : b;
}

/** CNMAP_OIDC_ROLES as rules; an error names the rule at fault and what it may be. */
export function parseRoleRules(raw: string): Parsed<OidcRoleRule[]> {
  const rules: OidcRoleRule[] = [];
  for (const part of raw.split(";")) {
    const text = part.trim();
    if (text === "") continue;
    const eq = text.lastIndexOf("=");
    const group = eq === -1 ? "" : text.slice(0, eq).trim();
    const spec = eq === -1 ? "" : text.slice(eq + 1).trim();
    if (group === "" || spec === "") return { ok: false, error: `"${text}" is not group=role (e.g. cnmap-admins=admin, ops=operator@lab, *=viewer)` };
    const at = spec.indexOf("@");
    const role = (at === -1 ? spec : spec.slice(0, at)).trim().toLowerCase();
    const engine = at === -1 ? null : spec.slice(at + 1).trim().toLowerCase();
    if (!isRole(role)) return { ok: false, error: `"${text}": "${role}" is not a role (${ROLES.join(", ")})` };
    if (engine !== null && !ENGINE_ID.test(engine)) return { ok: false, error: `"${text}": "${engine}" is not an engine ID (letters, digits, '_', '.', '-')` };
    rules.push({ group, role, engine });
  }
  if (rules.length === 0) return { ok: false, error: "no rule: give group=role pairs separated by ';' (e.g. cnmap-admins=admin;ops=operator@lab;*=viewer)" };
  return { ok: true, value: rules };
}

/** The roles the rules grant to someone in `groups`. */
export function rolesForGroups(rules: readonly OidcRoleRule[], groups: readonly string[]): RoleGrant {
  const member = new Set(groups);
  const matched = rules.filter((r) => r.group === "*" || member.has(r.group));
  let role: Role | null = null;
  for (const r of matched) if (r.engine === null) role = higher(role, r.role);
  const engineRoles: Record<string, Role> = {};
  for (const r of matched) {
    if (r.engine === null || higher(role, r.role) === role) continue;
    engineRoles[r.engine] = higher(engineRoles[r.engine], r.role);
  }
  return { role, engineRoles };
}

export function grantsAnything(grant: RoleGrant): boolean {
  return grant.role !== null || Object.keys(grant.engineRoles).length > 0;
}

/** In words, for the audit trail: "admin", "viewer; operator on lab". */
export function describeGrant(grant: RoleGrant): string {
  const parts: string[] = grant.role ? [grant.role] : [];
  for (const [engine, role] of Object.entries(grant.engineRoles).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${role} on ${engine}`);
  return parts.length > 0 ? parts.join("; ") : "no role";
}
