"use client";
/**
 * A group's findings, each with its own fix, a page at a time: hundreds of
 * command boxes at once make the drawer slow to open and to update.
 */
import { useState } from "react";
import type { Finding } from "@/lib/insights/advisor";
import type { Selection } from "@/lib/selection";
import { FindingItem } from "./FindingItem";

export const FINDINGS_PAGE = 50;

export function PagedFindings({ id, findings, onSelect }: { id: string; findings: readonly Finding[]; onSelect: (sel: Selection) => void }) {
  const [limit, setLimit] = useState(FINDINGS_PAGE);
  const shown = findings.slice(0, limit);
  const left = findings.length - shown.length;
  return (
    <div id={id} data-testid="advisor-group-findings" className="mt-1.5">
      <ol className="space-y-1.5" aria-label="Each finding with its fix">
        {shown.map((f) => (
          <FindingItem key={f.id} finding={f} onSelect={onSelect} nested />
        ))}
      </ol>
      {left > 0 && (
        <button
          type="button"
          data-testid="advisor-findings-more"
          onClick={() => setLimit((l) => l + FINDINGS_PAGE)}
          className="mt-1.5 w-full rounded border border-slate-200 px-2 py-1 text-[11px] font-medium text-sky-700 hover:bg-sky-50"
        >
          Show {Math.min(left, FINDINGS_PAGE)} more ({left} not shown)
        </button>
      )}
    </div>
  );
}
