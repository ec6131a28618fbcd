"use client";
import { useSearchParams } from "next/navigation";
import { presentHref } from "@/lib/present/mode";

/** The dashboard's way to its presentation screen: the same engine, filter and selection. */
export function PresentLink() {
  const params = useSearchParams();
  return (
    <a
      href={presentHref(new URLSearchParams(params.toString()))}
      data-testid="present-link"
      title="Show this view as a presentation screen: large, read-only, live"
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
    >
      Present
    </a>
  );
}
