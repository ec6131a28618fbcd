"use client";
/**
 * A signed-in person's API tokens, for scripts: make one (a name, a role no
 * higher than theirs, an expiry), see it this once and copy it; list them
 * (never the secret); revoke one. `POST/GET /api/tokens`, `DELETE /api/tokens/{id}`.
 */
import { useState, type FormEvent } from "react";
import useSWR from "swr";
import { lesserRole, ROLES, type Role } from "@/lib/auth/roles";
import type { NewTokenBody, TokensBody } from "@/lib/auth/types";
import { copyText } from "@/lib/client/clipboard";
import { fetchJson } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";
import { useActionError } from "@/lib/hooks/use-action-error";
import { buttonClass, Dialog, ErrorAlert, TableHead } from "../editing/Dialog";
import { RevokeCell } from "./RevokeCell";

const EXPIRIES = [
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "a year" },
  { value: "", label: "never" },
];

export function TokensDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const { data, mutate } = useSWR<TokensBody>("/api/tokens", fetchJson<TokensBody>);
  const [name, setName] = useState("");
  const [tokenRole, setTokenRole] = useState<Role>(role);
  const [expires, setExpires] = useState("30d");
  const [made, setMade] = useState<NewTokenBody | null>(null);
  const { error, run } = useActionError();

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await run(async () => {
      const body = await sendJson<NewTokenBody>("POST", "/api/tokens", { name, role: tokenRole, ...(expires ? { expires } : {}) });
      if (body) setMade(body);
      setName("");
      await mutate();
    });
  };
  const revoke = async (id: string): Promise<void> => {
    await run(async () => {
      await sendJson("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
      await mutate();
    });
  };

  return (
    <Dialog title="API tokens" onClose={onClose} size="wide" testId="tokens-dialog">
      <p className="mb-3 text-xs text-slate-600">
        For scripts: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token has at most your role, and is shown once.
      </p>
      {made && (
        <div data-testid="token-made" className="mb-3 rounded border border-emerald-300 bg-emerald-50 p-2 text-xs">
          <p className="mb-1 font-medium text-emerald-900">Copy it now: it will not be shown again.</p>
          <div className="flex items-center gap-2">
            <code data-testid="token-value" className="min-w-0 flex-1 break-all font-mono text-slate-900">
              {made.token}
            </code>
            <button type="button" className={buttonClass.secondary} onClick={() => void copyText(made.token)}>
              Copy
            </button>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void create(e)} className="mb-3 flex flex-wrap items-end gap-2 text-xs">
        <label className="text-slate-700">
          Name
          <input data-testid="token-name" required maxLength={64} className="mt-0.5 block w-44 rounded border border-slate-300 px-1.5 py-1" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="text-slate-700">
          Role
          <select data-testid="token-role" className="mt-0.5 block rounded border border-slate-300 px-1.5 py-1" value={tokenRole} onChange={(e) => setTokenRole(e.target.value as Role)}>
            {ROLES.filter((r) => lesserRole(r, role) === r).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-700">
          Expires
          <select data-testid="token-expires" className="mt-0.5 block rounded border border-slate-300 px-1.5 py-1" value={expires} onChange={(e) => setExpires(e.target.value)}>
            {EXPIRIES.map((x) => (
              <option key={x.label} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="token-create" type="submit" className={buttonClass.primary}>
          Make a token
        </button>
      </form>
      <ErrorAlert message={error} testId="token-error" />
      <table className="w-full text-left text-xs" data-testid="token-list">
        <TableHead columns={["Name", "Starts", "Role", "Expires", "Last used", ""]} />
        <tbody>
          {(data?.tokens ?? []).map((t) => (
            <tr key={t.id} data-testid="token-row" data-name={t.name} data-revoked={t.revokedAt ? "true" : undefined} className="border-t border-slate-100">
              <td className="py-1 pr-2 font-medium">{t.name}</td>
              <td className="py-1 pr-2 font-mono">{t.prefix}…</td>
              <td className="py-1 pr-2">{t.role}</td>
              <td className="py-1 pr-2">{t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : "never"}</td>
              <td className="py-1 pr-2">{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}</td>
              <RevokeCell revokedAt={t.revokedAt} testId="token-revoke" onRevoke={() => void revoke(t.id)} />
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
