"use client";
/**
 * The advisor's findings (lib/insights/advisor), grouped by kind
 * (lib/insights/finding-groups), most severe first: a kind with one finding
 * shows it whole; a kind with several shows one entry with the count, the
 * objects (a click selects one on the canvas), why it matters, and each
 * finding with its fix on demand. A count per severity on top doubles as the
 * filter. Sized for a drawer about 420px wide; the list scrolls.
 */
import { useMemo, useState } from "react";
import type { Finding } from "@/lib/insights/advisor";
import { groupFindings, SEVERITIES, summarizeFindings } from "@/lib/insights/finding-groups";
import type { Selection } from "@/lib/selection";
import { FindingGroupItem } from "./advisor/FindingGroupItem";
import { FindingItem } from "./advisor/FindingItem";
import { SeverityFilter, type Shown } from "./advisor/SeverityFilter";
import { SEVERITY_STYLE, severityCount } from "./advisor/style";

export function AdvisorPanel({
  findings,
  onSelect,
  hidden = false,
  className = "",
}: {
  /** adviseTopology's result (the dashboard computes it once for its count too). */
  findings: readonly Finding[];
  onSelect: (sel: Selection) => void;
  /** Kept mounted but not shown (while the inspector is), so the open groups and the filter survive. */
  hidden?: boolean;
  className?: string;
}) {
  const [shown, setShown] = useState<Shown>("all");
  const summary = useMemo(() => summarizeFindings(findings), [findings]);
  const groups = useMemo(() => groupFindings(shown === "all" ? findings : findings.filter((f) => f.severity === shown)), [findings, shown]);

  return (
    <section data-testid="advisor" aria-label="Advisor" hidden={hidden} className={`flex h-full min-h-0 w-full flex-col bg-white ${className}`}>
      <div className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-baseline gap-2">
          <h2 className="text-sm font-semibold text-slate-800">Advisor</h2>
          <span data-testid="advisor-summary" className="text-[11px] text-slate-500">
            {summary.total === 0
              ? "nothing to flag"
              : SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
                  .map((s) => severityCount(s, summary.bySeverity[s]))
                  .join(" · ")}
          </span>
        </div>
        {summary.total > 0 && <SeverityFilter summary={summary} shown={shown} onShow={setShown} />}
      </div>
      {groups.length > 0 ? (
        <ol className="min-h-0 flex-1 overflow-y-auto" aria-label="Findings by kind, most severe first">
          {groups.map((g) => {
            const only = g.findings.length === 1 ? g.findings[0] : undefined;
            return only ? <FindingItem key={only.id} finding={only} onSelect={onSelect} /> : <FindingGroupItem key={g.kind} group={g} onSelect={onSelect} />;
          })}
        </ol>
      ) : (
        <div data-testid="advisor-empty" className="px-3 py-6 text-center text-sm text-slate-500">
          {summary.total === 0 ? (
            <>
              <p className="font-medium text-slate-700">No findings</p>
              <p className="mt-1 text-xs">Nothing in this engine&apos;s network setup needs attention.</p>
            </>
          ) : (
            shown !== "all" && <p>No {SEVERITY_STYLE[shown].label} findings.</p>
          )}
        </div>
      )}
    </section>
  );
}
