"use client";
/**
 * Presentation links (global admins, with sign-in on): make a read-only link
 * to one engine that needs no account (a label, the engine, optionally one of
 * your saved views of it and more /present parameters), see it this once and
 * copy it; list every link (label, engine, who made it, last use); revoke one,
 * which ends it at once. `GET/POST /api/present-links`, `DELETE /api/present-links/{id}`.
 */
import { useState, type FormEvent } from "react";
import useSWR from "swr";
import type { NewPresentLinkBody, PresentLinksBody } from "@/lib/auth/present-api";
import { apiPath } from "@/lib/client/api-path";
import { copyText } from "@/lib/client/clipboard";
import { fetchJson } from "@/lib/client/fetch-json";
import { sendJson } from "@/lib/client/mutate";
import { useActionError } from "@/lib/hooks/use-action-error";
import { useEngines } from "@/lib/hooks/use-engines";
import type { ViewsBody } from "@/lib/views/schema";
import { buttonClass, Dialog, ErrorAlert, TableHead } from "../editing/Dialog";
import { RevokeCell } from "./RevokeCell";

const LINKS_KEY = "/api/present-links";
const FIELD = "mt-0.5 block rounded border border-slate-300 px-1.5 py-1";

export function PresentLinksDialog({ onClose }: { onClose: () => void }) {
  const { data, mutate } = useSWR<PresentLinksBody>(LINKS_KEY, fetchJson<PresentLinksBody>);
  const { data: engines } = useEngines();
  const [label, setLabel] = useState("");
  const [chosenEngine, setEngine] = useState("");
  const engine = chosenEngine || engines?.engines[0]?.id || "";
  const { data: views } = useSWR<ViewsBody>(engine ? apiPath(engine, "/api/views") : null, fetchJson<ViewsBody>);
  const [view, setView] = useState("");
  const [query, setQuery] = useState("");
  const [made, setMade] = useState<string | null>(null);
  const { error, run } = useActionError();

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await run(async () => {
      const body = await sendJson<NewPresentLinkBody>("POST", LINKS_KEY, { label, engine, view: view || null, ...(query.trim() ? { query } : {}) });
      if (body) setMade(new URL(body.path, window.location.origin).href);
      setLabel("");
      await mutate();
    });
  };
  const revoke = async (id: string): Promise<void> => {
    await run(async () => {
      await sendJson("DELETE", `${LINKS_KEY}/${encodeURIComponent(id)}`);
      await mutate();
    });
  };

  return (
    <Dialog title="Presentation links" onClose={onClose} size="wide" testId="present-links-dialog">
      <p className="mb-3 text-xs text-slate-600">
        A link opens <code className="font-mono">/present</code> on one engine, read-only, for anyone who has it, with no account. Revoking it ends it at once. Every link made, opened and revoked is in the audit trail.
      </p>
      {made && (
        <div data-testid="present-link-made" className="mb-3 rounded border border-emerald-300 bg-emerald-50 p-2 text-xs">
          <p className="mb-1 font-medium text-emerald-900">Copy it now: it will not be shown again.</p>
          <div className="flex items-center gap-2">
            <code data-testid="present-link-value" className="min-w-0 flex-1 break-all font-mono text-slate-900">
              {made}
            </code>
            <button type="button" className={buttonClass.secondary} onClick={() => void copyText(made)}>
              Copy
            </button>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void create(e)} className="mb-3 flex flex-wrap items-end gap-2 text-xs">
        <label className="text-slate-700">
          Label
          <input data-testid="present-link-label" required maxLength={80} className={`${FIELD} w-40`} value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label className="text-slate-700">
          Engine
          <select
            data-testid="present-link-engine"
            className={FIELD}
            value={engine}
            onChange={(e) => {
              setEngine(e.target.value);
              setView("");
            }}
          >
            {(engines?.engines ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-700">
          View
          <select data-testid="present-link-view" className={FIELD} value={view} onChange={(e) => setView(e.target.value)}>
            <option value="">(the whole engine)</option>
            {(views?.views ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-slate-700">
          More parameters
          <input data-testid="present-link-query" maxLength={1000} placeholder="theme=dark&cycle=30" className={`${FIELD} w-44 font-mono`} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button data-testid="present-link-create" type="submit" className={buttonClass.primary}>
          Make a link
        </button>
      </form>
      <ErrorAlert message={error} testId="present-link-error" />
      <table className="w-full text-left text-xs" data-testid="present-link-list">
        <TableHead columns={["Label", "Engine", "Starts", "Made by", "Last used", ""]} />
        <tbody>
          {(data?.links ?? []).map((l) => (
            <tr key={l.id} data-testid="present-link-row" data-label={l.label} data-revoked={l.revokedAt ? "true" : undefined} className="border-t border-slate-100">
              <td className="py-1 pr-2 font-medium">{l.label}</td>
              <td className="py-1 pr-2">{l.engine}</td>
              <td className="py-1 pr-2 font-mono">{l.prefix}…</td>
              <td className="py-1 pr-2">{l.createdBy}</td>
              <td className="py-1 pr-2">{l.lastUsedAt ? new Date(l.lastUsedAt).toLocaleString() : "never"}</td>
              <RevokeCell revokedAt={l.revokedAt} testId="present-link-revoke" onRevoke={() => void revoke(l.id)} />
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
