import { ROLES } from "@/lib/auth/roles";

/** The roles, as a select's options. */
export function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </>
  );
}
