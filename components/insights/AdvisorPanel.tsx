"use client";
/**
 * The advisor's findings (lib/insights/advisor), errors first: each with its
 * severity, the objects involved (a click selects one on the canvas), why it
 * matters and the docker command that fixes it. A count per severity on top
 * doubles as the filter. Sized for a drawer about 420px wide; the list
 * scrolls.
 */
import { useMemo, useState } from "react";
import { type Finding, type FindingKind, type FindingObject, type Severity } from "@/lib/insights/advisor";
import type { Selection } from "@/lib/selection";
import { CommandBox } from "../editing/CommandBox";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const SEVERITY_STYLE: Record<Severity, { badge: string; border: string; label: string; plural: string }> = {
  error: { badge: "bg-red-100 text-red-800", border: "border-l-red-500", label: "error", plural: "errors" },
  warning: { badge: "bg-amber-100 text-amber-900", border: "border-l-amber-400", label: "warning", plural: "warnings" },
  info: { badge: "bg-sky-100 text-sky-800", border: "border-l-sky-400", label: "info", plural: "info" },
};

const KIND_LABEL: Record<FindingKind, string> = {
  "default-bridge": "Default bridge",
  "unused-network": "Unused network",
  "subnet-overlap": "Subnet overlap",
  "mtu-path": "MTU mismatch on a path",
  "mtu-host": "MTU differs from the host",
  "overlay-unencrypted": "Unencrypted overlay",
  "no-ip-range": "No IP range reserved",
  "published-all-interfaces": "Published on all interfaces",
  "many-networks": "Many networks",
  "stopped-endpoints": "Stopped container's endpoints",
  "icc-disabled": "Inter-container traffic off",
};

type Shown = Severity | "all";

function ObjectChip({ object, onSelect }: { object: FindingObject; onSelect: (sel: Selection) => void }) {
  const network = object.kind === "network";
  return (
    <button
      type="button"
      data-testid="advisor-object"
      data-kind={object.kind}
      data-id={object.id}
      onClick={() => onSelect({ kind: object.kind, id: object.id })}
      title={`Select ${network ? "network" : "container"} ${object.name} on the graph`}
      className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-px text-[11px] hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 ${
        network ? "border-indigo-300 text-indigo-800" : "border-slate-300 text-slate-700"
      }`}
    >
      <span aria-hidden className="text-[9px] text-slate-400">
        {network ? "NET" : "CTR"}
      </span>
      <span className="truncate">{object.name}</span>
    </button>
  );
}

function FindingItem({ finding, onSelect }: { finding: Finding; onSelect: (sel: Selection) => void }) {
  const style = SEVERITY_STYLE[finding.severity];
  return (
    <li
      data-testid="advisor-finding"
      data-kind={finding.kind}
      data-severity={finding.severity}
      data-id={finding.id}
      className={`border-b border-l-4 border-b-slate-100 ${style.border} px-3 py-2`}
    >
      <div className="flex items-center gap-1.5">
        <span data-testid="advisor-severity" className={`shrink-0 rounded px-1 py-px text-[10px] font-semibold uppercase ${style.badge}`}>
          {style.label}
        </span>
        <span className="truncate text-[10px] uppercase tracking-wide text-slate-500">{KIND_LABEL[finding.kind]}</span>
      </div>
      <h3 className="mt-1 text-[13px] leading-snug font-medium break-words text-slate-900">{finding.title}</h3>
      {finding.objects.length > 0 && (
        <div className="mt-1.5 flex flex-wrap gap-1" aria-label="Objects involved">
          {finding.objects.map((o) => (
            <ObjectChip key={`${o.kind}:${o.id}`} object={o} onSelect={onSelect} />
          ))}
        </div>
      )}
      <p className="mt-1.5 text-xs leading-relaxed break-words text-slate-600">{finding.why}</p>
      {finding.fix && <CommandBox command={finding.fix} label="Fix" className="mt-1.5" />}
    </li>
  );
}

export function AdvisorPanel({
  findings,
  onSelect,
  className = "",
}: {
  /** adviseTopology's result (the dashboard computes it once for its count too). */
  findings: readonly Finding[];
  onSelect: (sel: Selection) => void;
  className?: string;
}) {
  const [shown, setShown] = useState<Shown>("all");
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) c[f.severity]++;
    return c;
  }, [findings]);
  const visible = shown === "all" ? findings : findings.filter((f) => f.severity === shown);

  const tab = (value: Shown, text: string, count: number) => (
    <button
      key={value}
      type="button"
      data-testid="advisor-filter"
      data-severity={value}
      aria-pressed={shown === value}
      onClick={() => setShown(value)}
      disabled={value !== "all" && count === 0}
      className={`flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] disabled:cursor-default disabled:opacity-40 ${
        shown === value ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"
      }`}
    >
      {value !== "all" && <span aria-hidden className={`h-2 w-2 rounded-full ${value === "error" ? "bg-red-500" : value === "warning" ? "bg-amber-400" : "bg-sky-400"}`} />}
      <span>{count}</span>
      <span>{text}</span>
    </button>
  );

  return (
    <section data-testid="advisor" aria-label="Advisor" className={`flex min-h-0 w-full flex-col bg-white ${className}`}>
      <div className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-baseline gap-2">
          <h2 className="text-sm font-semibold text-slate-800">Advisor</h2>
          <span data-testid="advisor-summary" className="text-[11px] text-slate-500">
            {findings.length === 0
              ? "nothing to flag"
              : SEVERITIES.filter((s) => counts[s] > 0)
                  .map((s) => `${counts[s]} ${counts[s] === 1 ? SEVERITY_STYLE[s].label : SEVERITY_STYLE[s].plural}`)
                  .join(" · ")}
          </span>
        </div>
        {findings.length > 0 && (
          <div className="mt-1.5 flex flex-wrap gap-1" role="group" aria-label="Show findings of severity">
            {tab("all", "all", findings.length)}
            {SEVERITIES.map((s) => tab(s, counts[s] === 1 ? SEVERITY_STYLE[s].label : SEVERITY_STYLE[s].plural, counts[s]))}
          </div>
        )}
      </div>
      {visible.length > 0 ? (
        <ol className="min-h-0 flex-1 overflow-y-auto" aria-label="Findings, most severe first">
          {visible.map((f) => (
            <FindingItem key={f.id} finding={f} onSelect={onSelect} />
          ))}
        </ol>
      ) : (
        <div data-testid="advisor-empty" className="px-3 py-6 text-center text-sm text-slate-500">
          {findings.length === 0 ? (
            <>
              <p className="font-medium text-slate-700">No findings</p>
              <p className="mt-1 text-xs">Nothing in this engine&apos;s network setup needs attention.</p>
            </>
          ) : (
            <p>No {SEVERITY_STYLE[shown as Severity].label} findings.</p>
          )}
        </div>
      )}
    </section>
  );
}
