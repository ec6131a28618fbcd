"use client";
/**
 * The objects a finding (or a group of findings) involves, as chips that
 * select the object on the canvas. A long list shows its first few and a
 * "+N more" that shows the rest.
 */
import { memo, useState } from "react";
import type { FindingObject } from "@/lib/insights/advisor";
import type { Selection } from "@/lib/selection";

type OnSelect = (sel: Selection) => void;

/** Memoised on its primitive props: a new snapshot re-renders only the chips whose object changed. */
const SWARM_TAG = { service: "SVC", node: "NODE" } as const;

const ObjectChip = memo(function ObjectChip({ kind, id, name, half, onSelect }: FindingObject & { half: boolean; onSelect: OnSelect }) {
  if (kind === "service" || kind === "node") {
    // Swarm services and nodes are named, not selected: the canvas selects networks and containers.
    return (
      <span
        data-testid="advisor-object"
        data-kind={kind}
        data-id={id}
        data-name={name}
        title={`Swarm ${kind} ${name}`}
        className={`inline-flex ${half ? "max-w-[calc(50%-0.125rem)]" : "max-w-full"} items-center gap-1 rounded-full border border-dashed border-violet-300 px-2 py-px text-[11px] text-violet-800`}
      >
        <span aria-hidden className="text-[9px] text-slate-500">
          {SWARM_TAG[kind]}
        </span>
        <span className="truncate">{name}</span>
      </span>
    );
  }
  const network = kind === "network";
  return (
    <button
      type="button"
      data-testid="advisor-object"
      data-kind={kind}
      data-id={id}
      data-name={name}
      onClick={() => onSelect({ kind, id })}
      title={`Select ${network ? "network" : "container"} ${name} on the graph`}
      className={`inline-flex ${half ? "max-w-[calc(50%-0.125rem)]" : "max-w-full"} items-center gap-1 rounded-full border px-2 py-px text-[11px] hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 ${
        network ? "border-indigo-300 text-indigo-800" : "border-slate-300 text-slate-700"
      }`}
    >
      <span aria-hidden className="text-[9px] text-slate-500">
        {network ? "NET" : "CTR"}
      </span>
      <span className="truncate">{name}</span>
    </button>
  );
});

export function ObjectChips({
  objects,
  onSelect,
  limit = Infinity,
  half = false,
  label = "Objects involved",
  testId,
  className = "",
}: {
  objects: readonly FindingObject[];
  onSelect: OnSelect;
  /** How many to show before "+N more". */
  limit?: number;
  /** At most two chips a line, long names cut (the tooltip has them whole): a long list stays a few lines tall. */
  half?: boolean;
  label?: string;
  testId?: string;
  className?: string;
}) {
  const [all, setAll] = useState(false);
  if (objects.length === 0) return null;
  const hidden = all ? 0 : Math.max(0, objects.length - limit);
  const shown = hidden > 0 ? objects.slice(0, limit) : objects;
  return (
    <div data-testid={testId} className={`flex flex-wrap gap-1 ${className}`} aria-label={label}>
      {shown.map((o) => (
        <ObjectChip key={`${o.kind}:${o.id}`} kind={o.kind} id={o.id} name={o.name} half={half} onSelect={onSelect} />
      ))}
      {objects.length > limit && (
        <button
          type="button"
          data-testid="advisor-objects-more"
          aria-expanded={all}
          onClick={() => setAll((a) => !a)}
          className="rounded-full px-2 py-px text-[11px] font-medium text-sky-700 hover:bg-sky-50 hover:underline"
        >
          {all ? "show fewer" : `+${hidden} more`}
        </button>
      )}
    </div>
  );
}
