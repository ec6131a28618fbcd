"use client";
/**
 * One person's roles on single engines, in the People dialog: each engine
 * role can be changed or taken away, and a role on another engine given.
 * An engine's own role wins over the global one (lib/auth/accounts.ts), so
 * "viewer everywhere, operator on lab" is how a person operates one engine.
 */
import { useState } from "react";
import type { UserRecord } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import type { EngineSummary } from "@/lib/engines/types";
import { buttonClass } from "../editing/Dialog";
import { RoleOptions } from "./RoleOptions";

export type RoleChange = (user: UserRecord, role: Role | null, engine: string) => void;

const selectClass = "rounded border border-slate-300 px-1 py-0.5";

export function EngineRoles({ user, engines, onChange }: { user: UserRecord; engines: EngineSummary[]; onChange: RoleChange }) {
  const free = engines.filter((e) => !(e.id in user.engineRoles));
  const [engine, setEngine] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const chosen = free.some((e) => e.id === engine) ? engine : (free[0]?.id ?? "");
  const nameOf = (id: string): string => engines.find((e) => e.id === id)?.name ?? `${id} (gone)`;

  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {Object.entries(user.engineRoles).map(([id, r]) => (
        <span key={id} data-testid="user-engine-role" data-engine={id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5">
          <span className="text-slate-600">{nameOf(id)}</span>
          <select aria-label={`Role of ${user.username} on ${nameOf(id)}`} data-testid="user-engine-role-set" className={selectClass} value={r} onChange={(e) => onChange(user, e.target.value as Role, id)}>
            <RoleOptions />
          </select>
          <button
            type="button"
            data-testid="user-engine-role-remove"
            aria-label={`Take away ${user.username}'s role on ${nameOf(id)}`}
            title="Take this role away"
            className="px-0.5 text-slate-500 hover:text-red-700"
            onClick={() => onChange(user, null, id)}
          >
            ×
          </button>
        </span>
      ))}
      {free.length > 0 && (
        <span className="inline-flex items-center gap-1">
          <select aria-label={`Engine for a new role of ${user.username}`} data-testid="user-engine-pick" className={selectClass} value={chosen} onChange={(e) => setEngine(e.target.value)}>
            {free.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <select aria-label={`New role of ${user.username} on that engine`} data-testid="user-engine-role-pick" className={selectClass} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
          <button type="button" data-testid="user-engine-add" className={buttonClass.secondary} disabled={!chosen} onClick={() => onChange(user, role, chosen)}>
            Give
          </button>
        </span>
      )}
    </div>
  );
}
