"use client";
/**
 * People and their roles, for global admins: add an account (a password and
 * a role, global or on one engine), change or take away a role (global, or
 * on one engine: EngineRoles), remove an account.
 * `GET/POST /api/users`, `PATCH/DELETE /api/users/{name}`; every change is
 * audited. The first account turns sign-in on for everyone.
 */
import { useState, type FormEvent } from "react";
import useSWR from "swr";
import type { Role } from "@/lib/auth/roles";
import type { UserRecord } from "@/lib/auth/accounts";
import { fetchJson } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";
import { useActionError } from "@/lib/hooks/use-action-error";
import { useEngines } from "@/lib/hooks/use-engines";
import { buttonClass, Dialog, ErrorAlert, TableHead } from "../editing/Dialog";
import { EngineRoles, type RoleChange } from "./EngineRoles";
import { RoleOptions } from "./RoleOptions";

interface UsersBody {
  users: (UserRecord & { tokens: number })[];
}

function rolesText(u: UserRecord): string {
  const parts = [u.role ? `${u.role} everywhere` : "", ...Object.entries(u.engineRoles).map(([e, r]) => `${r} on ${e}`)].filter(Boolean);
  return parts.join(", ") || "no role";
}

export function UsersDialog({ me, onClose }: { me: string; onClose: () => void }) {
  const { data, mutate } = useSWR<UsersBody>("/api/users", fetchJson<UsersBody>);
  const engines = useEngines().data?.engines ?? [];
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [engine, setEngine] = useState("");
  const { error, run: runAction } = useActionError();
  const run = async (action: () => Promise<unknown>): Promise<boolean> => runAction(async () => {
    await action();
    await mutate();
  });
  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const ok = await run(() => sendJson("POST", "/api/users", { username, password, role, ...(engine ? { engine } : {}) }));
    if (ok) {
      setUsername("");
      setPassword("");
    }
  };

  const changeRole: RoleChange = (user, newRole, onEngine) =>
    void run(() => sendJson("PATCH", `/api/users/${encodeURIComponent(user.username)}`, { role: newRole, ...(onEngine ? { engine: onEngine } : {}) }));

  return (
    <Dialog title="People and roles" onClose={onClose} size="wide" testId="users-dialog">
      <form onSubmit={(e) => void add(e)} className="mb-3 flex flex-wrap items-end gap-2 text-xs">
        <label className="text-slate-700">
          User name
          <input data-testid="user-name" required className="mt-0.5 block w-32 rounded border border-slate-300 px-1.5 py-1" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="text-slate-700">
          Password
          <input
            data-testid="user-password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            className="mt-0.5 block w-36 rounded border border-slate-300 px-1.5 py-1"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="text-slate-700">
          Role
          <select data-testid="user-role" className="mt-0.5 block rounded border border-slate-300 px-1.5 py-1" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <RoleOptions />
          </select>
        </label>
        <label className="text-slate-700">
          On
          <select data-testid="user-engine" className="mt-0.5 block rounded border border-slate-300 px-1.5 py-1" value={engine} onChange={(e) => setEngine(e.target.value)}>
            <option value="">every engine</option>
            {engines.map((e) => (
              <option key={e.id} value={e.id}>
                engine {e.name}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="user-add" type="submit" className={buttonClass.primary}>
          Add
        </button>
      </form>
      <ErrorAlert message={error} testId="users-error" />
      <table className="w-full text-left text-xs" data-testid="user-list">
        <TableHead columns={["Name", "Roles", "Everywhere", "On one engine", "Tokens", ""]} />
        <tbody>
          {(data?.users ?? []).map((u) => (
            <tr key={u.id} data-testid="user-row" data-name={u.username} className="border-t border-slate-100">
              <td className="py-1 pr-2 font-medium">{u.username}</td>
              <td className="py-1 pr-2" data-testid="user-roles">
                {rolesText(u)}
              </td>
              <td className="py-1 pr-2">
                <select
                  aria-label={`Global role of ${u.username}`}
                  data-testid="user-set-role"
                  disabled={u.username === me}
                  className="rounded border border-slate-300 px-1 py-0.5"
                  value={u.role ?? ""}
                  onChange={(e) => changeRole(u, e.target.value === "" ? null : (e.target.value as Role), "")}
                >
                  <option value="">none</option>
                  <RoleOptions />
                </select>
              </td>
              <td className="py-1 pr-2">
                <EngineRoles user={u} engines={engines} onChange={changeRole} />
              </td>
              <td className="py-1 pr-2">{u.tokens}</td>
              <td className="py-1">
                {u.username !== me && (
                  <button type="button" data-testid="user-remove" className={buttonClass.danger} onClick={() => void run(() => sendJson("DELETE", `/api/users/${encodeURIComponent(u.username)}`))}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
