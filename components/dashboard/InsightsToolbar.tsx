"use client";
/** Header buttons for the analyses: the advisor's findings and the reachability matrix. */
import type { Finding } from "@/lib/insights/advisor";

interface Props {
  findings: readonly Finding[];
  advisorOpen: boolean;
  onAdvisor(): void;
  onMatrix(): void;
}

export function InsightsToolbar({ findings, advisorOpen, onAdvisor, onMatrix }: Props) {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const dot = errors > 0 ? "bg-red-500" : warnings > 0 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        data-testid="open-advisor"
        aria-pressed={advisorOpen}
        onClick={onAdvisor}
        className="flex items-center gap-1.5 rounded border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50 aria-pressed:bg-slate-100"
        title="Findings about this engine's networking, each with a fix"
      >
        <span className={`h-2 w-2 rounded-full ${dot}`} />
        Advisor · {findings.length}
      </button>
      <button
        type="button"
        data-testid="open-matrix"
        onClick={onMatrix}
        className="rounded border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50"
        title="Which running container can reach which, and why"
      >
        Who reaches whom
      </button>
    </div>
  );
}
