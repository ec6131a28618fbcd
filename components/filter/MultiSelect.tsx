"use client";
/**
 * A compact multi-select: a button that names the choice ("all", the one
 * value, or a count) and opens a checklist. Escape or a click outside closes
 * it. A chosen value the options no longer offer stays listed (marked "not
 * present") so it can be unticked.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { FilterOption } from "@/lib/graph/filter";

export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  testId,
  emptyText = "Nothing to choose",
  countUnit = "containers",
}: {
  label: string;
  options: FilterOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  testId: string;
  emptyText?: string;
  /** What an option's count counts, for its tooltip. */
  countUnit?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const offered = new Set(options.map((o) => o.value));
  const missing = selected.filter((v) => !offered.has(v)).map((value): FilterOption => ({ value, label: value, count: 0, detail: "not present" }));
  const all = [...options, ...missing];
  const chosen = new Set(selected);
  const summary = selected.length === 0 ? "all" : selected.length === 1 ? selected[0] : `${selected.length} selected`;

  const toggle = (value: string): void => {
    onChange(chosen.has(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  };

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        data-testid={testId}
        data-count={selected.length}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        className={`flex max-w-48 items-center gap-1 rounded border px-2 py-0.5 text-xs ${
          selected.length > 0 ? "border-sky-400 bg-sky-50 text-sky-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        <span className="text-slate-500">{label}:</span>
        <span className="truncate font-medium">{summary}</span>
        <span aria-hidden className="text-[9px] text-slate-500">
          ▾
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label={label}
          data-testid={`${testId}-options`}
          className="absolute top-full left-0 z-40 mt-1 max-h-72 w-60 overflow-y-auto rounded border border-slate-200 bg-white py-1 text-xs shadow-lg"
        >
          {all.length === 0 && <p className="px-2 py-1 text-slate-500">{emptyText}</p>}
          {all.map((o) => (
            <label key={o.value} className="flex cursor-pointer items-center gap-2 px-2 py-1 hover:bg-slate-50" data-testid="filter-option" data-value={o.value}>
              <input type="checkbox" checked={chosen.has(o.value)} onChange={() => toggle(o.value)} className="shrink-0" />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-slate-800">{o.label}</span>
                {o.detail && <span className="block truncate text-[10px] text-slate-500">{o.detail}</span>}
              </span>
              <span className="shrink-0 text-[10px] text-slate-500" title={`${o.count} ${countUnit}`}>
                {o.count}
              </span>
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" onClick={() => onChange([])} className="mt-1 w-full border-t border-slate-100 px-2 pt-1 text-left text-[11px] text-sky-700 hover:underline">
              Any {label.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
