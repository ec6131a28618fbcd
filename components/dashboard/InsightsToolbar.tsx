"use client";
/** Header buttons for the analyses: the advisor's findings and the reachability matrix. */
import { SEVERITIES, summaryCount, type FindingSummary } from "@/lib/insights/finding-groups";
import { severityCount } from "../insights/advisor/style";

interface Props {
  /** summarizeFindings of the advisor's findings. */
  summary: FindingSummary;
  advisorOpen: boolean;
  onAdvisor(): void;
  onMatrix(): void;
}

/** "902 findings of 3 kinds: 2 errors, 500 warnings, 400 info". */
function describe(s: FindingSummary): string {
  if (s.total === 0) return "No findings about this engine's networking";
  const parts = SEVERITIES.filter((v) => s.bySeverity[v] > 0).map((v) => severityCount(v, s.bySeverity[v]));
  return `${s.total} ${s.total === 1 ? "finding" : "findings"} of ${s.kinds} ${s.kinds === 1 ? "kind" : "kinds"} about this engine's networking, each with a fix: ${parts.join(", ")}`;
}

export function InsightsToolbar({ summary, advisorOpen, onAdvisor, onMatrix }: Props) {
  const dot = summary.bySeverity.error > 0 ? "bg-red-500" : summary.bySeverity.warning > 0 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        data-testid="open-advisor"
        data-findings={summary.total}
        data-kinds={summary.kinds}
        aria-pressed={advisorOpen}
        onClick={onAdvisor}
        className="flex items-center gap-1.5 rounded border border-slate-300 bg-white px-2.5 py-1 text-xs whitespace-nowrap text-slate-700 shadow-sm hover:bg-slate-50 aria-pressed:bg-slate-100"
        title={describe(summary)}
      >
        <span className={`h-2 w-2 rounded-full ${dot}`} />
        Advisor · {summaryCount(summary)}
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
