"use client";
/** One step of a lab: what it does, the exact commands it runs, a Run button, and its probes' results once it ran. */
import type { LabStepRun, LabStepView } from "@/lib/labs/types";
import { buttonClass } from "../editing/Dialog";
import { CommandBox } from "../editing/CommandBox";
import { ProbeVerdict } from "./ProbeVerdict";

export type StepStatus = "done" | "next" | "later";

export function LabStepCard({
  index,
  step,
  status,
  run,
  running,
  disabled,
  onRun,
}: {
  /** 1-based. */
  index: number;
  step: LabStepView;
  status: StepStatus;
  run: LabStepRun | undefined;
  running: boolean;
  /** Why Run is off (another action runs, the lab cannot run here), or null. */
  disabled: string | null;
  onRun: () => void;
}) {
  const commands = run?.commands ?? step.commands;
  return (
    <li data-testid="lab-step" data-step={index} data-status={status} className={`space-y-2 rounded border p-3 ${status === "next" ? "border-sky-300 bg-sky-50/40" : "border-slate-200"}`}>
      <div className="flex items-start justify-between gap-2">
        <h4 className="font-medium text-slate-900">
          <span className="text-slate-500">{index}. </span>
          {step.title}
          {status === "done" && <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-[11px] font-semibold text-emerald-900">done</span>}
        </h4>
        {status === "next" && (
          <button type="button" data-testid="lab-run-step" className={buttonClass.primary} disabled={running || disabled !== null} title={disabled ?? `Run step ${index}`} onClick={onRun}>
            {running ? "Running…" : "Run"}
          </button>
        )}
      </div>
      <p className="text-slate-700">{step.explain}</p>
      {commands.length > 0 && <CommandBox command={commands.join("\n")} label={commands.length > 1 ? "The commands it runs" : "The command it runs"} />}
      {run ? (
        <div className="space-y-1.5" data-testid="lab-step-results">
          {run.results.map((r, i) => (
            <ProbeVerdict key={i} result={r} />
          ))}
        </div>
      ) : (
        <ul className="list-disc pl-5 text-slate-600">
          {step.probes.map((p, i) => (
            <li key={i}>
              Proves: {p.proves} <span className="text-slate-500">(expected to {p.expect === "works" ? "work" : "fail"})</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
