"use client";
/**
 * The audit trail (`GET /api/audit`): who changed what, on which engine, with
 * which docker command and how it ended, newest first. The filters live in
 * the URL, as on the graph; the same filters export CSV or JSON lines.
 * Admins see every entry; everyone else their own (the server decides).
 */
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import useSWR from "swr";
import type { AuditBody } from "@/lib/auth/types";
import { fetchJson } from "@/lib/client/fetch-json";
import { ThemeSwitch } from "../theme/ThemeSwitch";

const FILTERS = [
  { key: "engine", label: "Engine", placeholder: "local" },
  { key: "actor", label: "Who", placeholder: "alice" },
  { key: "action", label: "Action", placeholder: "network.connect" },
  { key: "since", label: "Since", placeholder: "2026-11-26T09:00" },
  { key: "until", label: "Until", placeholder: "2026-11-26T18:00" },
] as const;

const OUTCOME_STYLE: Record<string, string> = {
  ok: "bg-emerald-100 text-emerald-900",
  refused: "bg-amber-100 text-amber-900",
  error: "bg-red-100 text-red-900",
};

export function AuditView() {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = new URLSearchParams();
  for (const { key } of FILTERS) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  const qs = query.toString();
  const { data, error } = useSWR<AuditBody>(`/api/audit${qs ? `?${qs}` : ""}`, fetchJson<AuditBody>, { refreshInterval: 5000 });

  const setFilter = (key: string, value: string): void => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    const s = next.toString();
    window.history.replaceState(null, "", `${pathname}${s ? `?${s}` : ""}`);
  };
  const exportHref = (format: "csv" | "jsonl"): string => `/api/audit?${new URLSearchParams([...query.entries(), ["format", format], ["limit", "5000"]]).toString()}`;

  return (
    <main className="min-h-screen bg-slate-50 p-4">
      <header className="mb-3 flex flex-wrap items-baseline gap-4">
        <h1 className="text-lg font-semibold text-slate-900">Audit trail</h1>
        <Link href="/" className="text-sm text-indigo-700 hover:underline">
          ← the graph
        </Link>
        <span className="ml-auto flex gap-2 text-sm">
          <a data-testid="audit-export-csv" href={exportHref("csv")} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
            Export CSV
          </a>
          <a data-testid="audit-export-jsonl" href={exportHref("jsonl")} className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-50">
            Export JSON lines
          </a>
          <ThemeSwitch />
        </span>
      </header>
      <form className="mb-3 flex flex-wrap gap-3" onSubmit={(e) => e.preventDefault()} data-testid="audit-filters">
        {FILTERS.map((f) => (
          <label key={f.key} className="text-xs text-slate-600">
            {f.label}
            <input
              data-testid={`audit-filter-${f.key}`}
              className="mt-0.5 block w-44 rounded border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-900"
              defaultValue={params.get(f.key) ?? ""}
              placeholder={f.placeholder}
              onChange={(e) => setFilter(f.key, e.target.value.trim())}
            />
          </label>
        ))}
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error.message}
        </p>
      )}
      <table data-testid="audit-table" className="w-full border-collapse bg-white text-left text-xs">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            {["When", "Who", "Engine", "Action", "Target", "Command", "Outcome", "Client"].map((h) => (
              <th key={h} className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(data?.entries ?? []).map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action} data-actor={e.actor} data-outcome={e.outcome} className="border-b border-slate-100 align-top">
              <td className="px-2 py-1 whitespace-nowrap text-slate-600">
                <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
              </td>
              <td className="px-2 py-1 font-medium text-slate-900">{e.actor}</td>
              <td className="px-2 py-1">{e.engine}</td>
              <td className="px-2 py-1 font-mono">{e.action}</td>
              <td className="px-2 py-1">{e.target}</td>
              <td className="px-2 py-1 font-mono text-slate-700">{e.command}</td>
              <td className="px-2 py-1">
                <span className={`rounded px-1 py-px ${OUTCOME_STYLE[e.outcome] ?? ""}`}>{e.outcome}</span>
                {e.message && <span className="ml-1 text-slate-600">{e.message}</span>}
              </td>
              <td className="px-2 py-1 text-slate-500">{e.client}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.entries.length === 0 && <p className="mt-2 text-sm text-slate-500">No entry matches.</p>}
    </main>
  );
}
