/** Roles and what each may do. Pure. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs: reading, operating (connect, disconnect, probe), administering (create, remove, prune; users, engines, tokens). */
export type Access = "read" | "operate" | "administer";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** The least role each access needs. */
export const ACCESS_ROLE: Record<Access, Role> = { read: "viewer", operate: "operator", administer: "admin" };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, access: Access): boolean {
  return RANK[role] >= RANK[ACCESS_ROLE[access]];
}

/** The lower of two roles (a token never has more than its owner). */
export function lesserRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

/** "30d", "12h", "45m" or a number of seconds, as seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})([smhd]?)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] ?? ""] ?? 1;
  return n > 0 ? n * unit : null;
}
