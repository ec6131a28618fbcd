"use client";
/** The advisor's severity tabs: all, or one severity, each with its count of findings. */
import type { Severity } from "@/lib/insights/advisor";
import { SEVERITIES, type FindingSummary } from "@/lib/insights/finding-groups";
import { SEVERITY_STYLE } from "./style";

export type Shown = Severity | "all";

export function SeverityFilter({ summary, shown, onShow }: { summary: FindingSummary; shown: Shown; onShow: (s: Shown) => void }) {
  const tab = (value: Shown, text: string, count: number) => (
    <button
      key={value}
      type="button"
      data-testid="advisor-filter"
      data-severity={value}
      data-count={count}
      aria-pressed={shown === value}
      onClick={() => onShow(value)}
      disabled={value !== "all" && count === 0}
      className={`flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] disabled:cursor-default disabled:opacity-40 ${
        shown === value ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"
      }`}
    >
      {value !== "all" && <span aria-hidden className={`h-2 w-2 rounded-full ${SEVERITY_STYLE[value].dot}`} />}
      <span>{count}</span>
      <span>{text}</span>
    </button>
  );
  return (
    <div className="mt-1.5 flex flex-wrap gap-1" role="group" aria-label="Show findings of severity">
      {tab("all", "all", summary.total)}
      {SEVERITIES.map((s) => tab(s, summary.bySeverity[s] === 1 ? SEVERITY_STYLE[s].label : SEVERITY_STYLE[s].plural, summary.bySeverity[s]))}
    </div>
  );
}
