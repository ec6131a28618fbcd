"use client";
/**
 * The right-hand drawer: the inspector of the current selection, or the
 * advisor's findings. Opens on a selection or from the header's Advisor button.
 */
import type { ReactNode } from "react";
import { summaryCount, type FindingSummary } from "@/lib/insights/finding-groups";

export type SideTab = "inspector" | "advisor";

interface Props {
  tab: SideTab;
  onTab(tab: SideTab): void;
  hasSelection: boolean;
  /** The advisor's counts, for its tab. */
  findings: FindingSummary;
  children: ReactNode;
}

export function SidePanel({ tab, onTab, hasSelection, findings, children }: Props) {
  const tabClass = (t: SideTab) =>
    `px-3 py-1.5 text-xs font-medium border-b-2 ${tab === t ? "border-sky-600 text-sky-800" : "border-transparent text-slate-500 hover:text-slate-800"}`;
  return (
    <aside data-testid="side-panel" className="flex w-[440px] max-w-[45vw] shrink-0 flex-col border-l border-slate-200 bg-white">
      <nav className="flex border-b border-slate-200" role="tablist">
        <button type="button" role="tab" aria-selected={tab === "inspector"} className={tabClass("inspector")} onClick={() => onTab("inspector")} disabled={!hasSelection}>
          Inspector
        </button>
        <button type="button" role="tab" aria-selected={tab === "advisor"} data-testid="tab-advisor" className={tabClass("advisor")} onClick={() => onTab("advisor")}>
          Advisor ({summaryCount(findings)})
        </button>
      </nav>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </aside>
  );
}
