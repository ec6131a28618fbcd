"use client";
/** One lab probe's result: pass or fail against what the lab says, what it proves, its output and the command to run it yourself. */
import type { LabProbeResult, Verdict } from "@/lib/labs/types";
import { nodesText } from "@/lib/labs/view";
import { CommandBox } from "../editing/CommandBox";

const VERDICT: Record<Verdict, { text: string; cls: string }> = {
  pass: { text: "pass", cls: "bg-emerald-100 text-emerald-900" },
  fail: { text: "fail", cls: "bg-red-100 text-red-900" },
  "cannot-tell": { text: "cannot tell", cls: "bg-slate-200 text-slate-800" },
};

export function ProbeVerdict({ result }: { result: LabProbeResult }) {
  const v = VERDICT[result.verdict];
  return (
    <div data-testid="lab-probe" data-verdict={result.verdict} data-outcome={result.outcome} className="space-y-1 rounded border border-slate-200 bg-slate-50 p-2">
      <div className="flex items-start gap-2">
        <span className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold ${v.cls}`}>{v.text}</span>
        <span className="text-slate-800">
          {result.proves} <span className="text-slate-500">(expected to {result.expect === "works" ? "work" : "fail"})</span>
        </span>
      </div>
      <p className="text-slate-600" data-testid="lab-probe-summary">
        {result.summary}
      </p>
      {result.nodes && (
        <p className="text-slate-700" data-testid="lab-probe-nodes">
          {nodesText(result.nodes)}
        </p>
      )}
      {result.output.trim() !== "" && (
        <pre data-testid="lab-probe-output" className="max-h-32 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-snug text-slate-100">
          {result.output}
        </pre>
      )}
      {result.command && <CommandBox command={result.command} label="The probe" />}
    </div>
  );
}
