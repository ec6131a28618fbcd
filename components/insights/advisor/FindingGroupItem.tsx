"use client";
/**
 * Several findings of one kind as one entry: how many and what, the objects
 * they are about (the first few, then "+N more"), the others involved, why
 * the kind matters (said once), a command that fixes them all where there is
 * one, and each finding with its own fix on demand.
 */
import { useId, useState } from "react";
import type { FindingGroup } from "@/lib/insights/finding-groups";
import type { Selection } from "@/lib/selection";
import { CommandBox } from "../../editing/CommandBox";
import { ObjectChips } from "./ObjectChips";
import { PagedFindings } from "./PagedFindings";
import { KIND_LABEL, SEVERITY_STYLE, SeverityBadge } from "./style";

/** Chips shown before "+N more": two a line, so six lines at most. */
const SUBJECT_CHIPS = 12;
const RELATED_CHIPS = 6;

export function FindingGroupItem({ group, onSelect }: { group: FindingGroup; onSelect: (sel: Selection) => void }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const count = group.findings.length;
  return (
    <li
      data-testid="advisor-group"
      data-kind={group.kind}
      data-severity={group.severity}
      data-count={count}
      className={`border-b border-l-4 border-b-slate-100 ${SEVERITY_STYLE[group.severity].border} px-3 py-2`}
    >
      <div className="flex items-center gap-1.5">
        <SeverityBadge severity={group.severity} />
        <span className="min-w-0 flex-1 truncate text-[10px] uppercase tracking-wide text-slate-500">{KIND_LABEL[group.kind]}</span>
        <span data-testid="advisor-group-count" className="shrink-0 rounded-full bg-slate-100 px-1.5 text-[11px] font-semibold text-slate-700" title={`${count} findings`}>
          {count}
        </span>
      </div>
      <h3 data-testid="advisor-group-title" className="mt-1 text-[13px] leading-snug font-medium break-words text-slate-900">
        {group.title}
      </h3>
      <ObjectChips objects={group.subjects} onSelect={onSelect} limit={SUBJECT_CHIPS} half label="What the findings are about" testId="advisor-group-subjects" className="mt-1.5" />
      {group.related.length > 0 && (
        <div data-testid="advisor-group-related" className="mt-1 flex items-start gap-1.5">
          <span className="shrink-0 pt-px text-[10px] uppercase tracking-wide text-slate-500">Also</span>
          <ObjectChips objects={group.related} onSelect={onSelect} limit={RELATED_CHIPS} half label="Also involved" className="min-w-0 flex-1" />
        </div>
      )}
      <p className="mt-1.5 text-xs leading-relaxed break-words text-slate-600">{group.why}</p>
      {group.fixAll && (
        // A command for hundreds of objects scrolls within a few lines, its Copy button in view.
        <div data-testid="advisor-group-fix" className="[&_code]:max-h-24 [&_code]:overflow-y-auto">
          <CommandBox command={group.fixAll} label={`Fix all ${count}`} className="mt-1.5" />
        </div>
      )}
      <button
        type="button"
        data-testid="advisor-group-toggle"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="mt-1.5 flex items-center gap-1 text-[11px] font-medium text-sky-700 hover:underline"
      >
        <span aria-hidden>{open ? "▾" : "▸"}</span>
        {open ? "Hide the findings" : `Show each of the ${count} with its own fix`}
      </button>
      {open && <PagedFindings id={listId} findings={group.findings} onSelect={onSelect} />}
    </li>
  );
}
