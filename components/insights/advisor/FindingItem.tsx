"use client";
/**
 * One finding: its severity, kind, title, the objects involved (a click
 * selects one on the canvas), why it matters and the command that fixes it.
 * Inside a group (`nested`), the kind is the group's and the explanation,
 * mostly the group's too, folds away.
 */
import type { Finding } from "@/lib/insights/advisor";
import type { Selection } from "@/lib/selection";
import { CommandBox } from "../../editing/CommandBox";
import { ObjectChips } from "./ObjectChips";
import { KIND_LABEL, SEVERITY_STYLE, SeverityBadge } from "./style";

export function FindingItem({ finding, onSelect, nested = false }: { finding: Finding; onSelect: (sel: Selection) => void; nested?: boolean }) {
  return (
    <li
      data-testid="advisor-finding"
      data-kind={finding.kind}
      data-severity={finding.severity}
      data-id={finding.id}
      className={nested ? `border-l-2 ${SEVERITY_STYLE[finding.severity].border} py-1.5 pl-2` : `border-b border-l-4 border-b-slate-100 ${SEVERITY_STYLE[finding.severity].border} px-3 py-2`}
    >
      {nested ? (
        <div className="flex items-start gap-1.5">
          <SeverityBadge severity={finding.severity} />
          <h4 className="text-xs leading-snug font-medium break-words text-slate-900">{finding.title}</h4>
        </div>
      ) : (
        <>
          <div className="flex items-center gap-1.5">
            <SeverityBadge severity={finding.severity} />
            <span className="truncate text-[10px] uppercase tracking-wide text-slate-500">{KIND_LABEL[finding.kind]}</span>
          </div>
          <h3 className="mt-1 text-[13px] leading-snug font-medium break-words text-slate-900">{finding.title}</h3>
        </>
      )}
      <ObjectChips objects={finding.objects} onSelect={onSelect} className="mt-1.5" />
      {nested ? (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer text-[11px] text-slate-500 hover:text-slate-800">Why, for this one</summary>
          <p className="mt-1 leading-relaxed break-words">{finding.why}</p>
        </details>
      ) : (
        <p className="mt-1.5 text-xs leading-relaxed break-words text-slate-600">{finding.why}</p>
      )}
      {finding.fix && <CommandBox command={finding.fix} label="Fix" className="mt-1.5" />}
    </li>
  );
}
