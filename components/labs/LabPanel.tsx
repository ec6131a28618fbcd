"use client";
/** One lab: its steps in order (the next one with a Run button), the macvlan parent's choice, and a Reset. */
import { useState } from "react";
import { useLab } from "@/lib/hooks/use-labs";
import { VETH } from "@/lib/labs/names";
import type { LabsBody } from "@/lib/labs/types";
import { buttonClass, ErrorAlert } from "../editing/Dialog";
import { LabStepCard, type StepStatus } from "./LabStepCard";
import { PresentLabLink } from "./PresentLabLink";

function ParentPicker({ macvlan, value, onChange }: { macvlan: LabsBody["macvlan"]; value: string; onChange: (v: string) => void }) {
  if (macvlan.parents.length === 0) return null;
  return (
    <label className="flex items-center gap-2 text-slate-700">
      Parent interface
      <select data-testid="lab-parent" value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 px-1.5 py-0.5 text-sm">
        {macvlan.veth === null && <option value="">a veth pair made for the lab ({VETH.parent})</option>}
        {macvlan.parents.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LabPanel({ labId, onBack }: { labId: string; onBack: () => void }) {
  const { lab, labs, pending, error, runStep, reset } = useLab(labId);
  const [parent, setParent] = useState("");
  if (!lab || !labs) return <p className="text-slate-500">Reading the lab…</p>;
  const { progress } = lab;
  const busy = pending !== null;
  const blocked = lab.unavailable ?? (progress.clashes.length > 0 ? `Names the lab needs are taken: ${progress.clashes.join(", ")}.` : null);
  const status = (i: number): StepStatus => (progress.done[i] ? "done" : progress.next === i + 1 ? "next" : "later");
  const picked = parent === "" && labs.macvlan.veth !== null ? (labs.macvlan.parents[0] ?? "") : parent;

  return (
    <div data-testid="lab-panel" data-lab={lab.id} data-next={progress.next ?? "done"} className="space-y-3">
      <button type="button" onClick={onBack} className="text-xs text-sky-700 hover:underline">
        ← All labs
      </button>
      <div>
        <div className="flex items-baseline justify-between gap-2">
          <h3 className="text-base font-semibold text-slate-900">{lab.title}</h3>
          <PresentLabLink labId={lab.id} />
        </div>
        <p className="text-slate-700">{lab.summary}</p>
      </div>
      {lab.unavailable && (
        <p role="alert" data-testid="lab-unavailable" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          {lab.unavailable}
        </p>
      )}
      {progress.clashes.length > 0 && (
        <p role="alert" data-testid="lab-clashes" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          These names are taken by objects that are not the lab&apos;s, so it will not run: {progress.clashes.join(", ")}. Rename or remove them first.
        </p>
      )}
      {lab.id === "macvlan" && progress.next === 1 && <ParentPicker macvlan={labs.macvlan} value={picked} onChange={setParent} />}
      <ErrorAlert message={error} testId="lab-error" />
      <ol className="space-y-2">
        {lab.steps.map((step, i) => (
          <LabStepCard
            key={i}
            index={i + 1}
            step={step}
            status={status(i)}
            run={lab.runs[i + 1]}
            running={pending?.kind === "step" && pending.step === i + 1}
            disabled={blocked ?? (busy ? "Something else of this lab is running." : null)}
            onRun={() => void runStep(i + 1, lab.id === "macvlan" && i === 0 && picked !== "" ? { parent: picked } : {})}
          />
        ))}
      </ol>
      {progress.next === null && (
        <p data-testid="lab-finished" className="rounded bg-emerald-50 px-2 py-1 text-emerald-900">
          Every step is done. Reset the lab to remove what it made and run it again.
        </p>
      )}
      <div className="flex items-center justify-between gap-2 border-t border-slate-200 pt-2">
        <span className="text-xs text-slate-500" data-testid="lab-objects">
          {progress.started
            ? `On the engine now: ${[...progress.objects.services, ...progress.objects.containers, ...progress.objects.networks, ...progress.objects.links].join(", ")}`
            : "Nothing of this lab is on the engine."}
        </span>
        <button
          type="button"
          data-testid="lab-reset"
          className={buttonClass.secondary}
          disabled={busy || !progress.started}
          title={`Remove everything labelled cnmap.lab=${lab.id}`}
          onClick={() => void reset()}
        >
          {pending?.kind === "reset" ? "Resetting…" : "Reset"}
        </button>
      </div>
    </div>
  );
}
