"use client";
/** The labs panel: the list of labs with where each stands, and one lab's steps. */
import { useState } from "react";
import { useLabs } from "@/lib/hooks/use-labs";
import { Dialog } from "../editing/Dialog";
import { LabPanel } from "./LabPanel";

export function LabsDialog({ onClose }: { onClose: () => void }) {
  const { data, error } = useLabs();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Dialog title="Guided labs" onClose={onClose} side testId="labs-dialog">
      {open ? (
        <LabPanel labId={open} onBack={() => setOpen(null)} />
      ) : (
        <div className="space-y-3">
          <p className="text-slate-700">
            Each lab runs the Docker networking tutorial&apos;s steps on this engine: the graph changes as they run, and a probe proves each point.
            Everything a lab makes is labelled <code className="font-mono text-xs">cnmap.lab</code>; Reset removes it.
          </p>
          {error && <p role="alert" className="text-red-800">Could not read the labs: {error.message}</p>}
          {data && !data.image.present && (
            <p role="alert" data-testid="lab-image-missing" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
              {data.image.fix}
            </p>
          )}
          <ul className="space-y-1.5">
            {data?.labs.map((lab) => {
              const where = lab.progress.next === null ? "done" : lab.progress.started ? `at step ${lab.progress.next} of ${lab.steps.length}` : `${lab.steps.length} steps`;
              return (
                <li key={lab.id}>
                  <button
                    type="button"
                    data-testid="lab-open"
                    data-lab={lab.id}
                    onClick={() => setOpen(lab.id)}
                    className="w-full rounded border border-slate-200 px-3 py-2 text-left hover:border-sky-300 hover:bg-sky-50/40"
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="font-medium text-slate-900">{lab.title}</span>
                      <span className="shrink-0 text-xs text-slate-500">{where}</span>
                    </span>
                    <span className="block text-slate-600">{lab.summary}</span>
                    {lab.unavailable && <span className="block text-xs text-amber-800">Cannot run here: {lab.unavailable}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
