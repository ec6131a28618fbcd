"use client";
/** A probe's outcome: verdict, comparison with the computed reachability, output and the equivalent command. */
import type { ProbeOutcome, ProbeResult } from "@/lib/probe/types";
import { CommandBox } from "../editing/CommandBox";

const OUTCOME: Record<ProbeOutcome, { text: string; cls: string }> = {
  success: { text: "works", cls: "bg-emerald-100 text-emerald-900" },
  failure: { text: "fails", cls: "bg-red-100 text-red-900" },
  timeout: { text: "timed out", cls: "bg-amber-100 text-amber-900" },
  "tool-missing": { text: "tool missing", cls: "bg-slate-200 text-slate-800" },
};

function expectationText(r: ProbeResult): string {
  if (r.expected.works === null) return `cnmap cannot tell from the configuration: ${r.expected.reason}`;
  return `${r.expected.works ? "Expected to work" : "Expected to fail"}: ${r.expected.reason}`;
}

export function ProbeResultView({ result }: { result: ProbeResult }) {
  const o = OUTCOME[result.outcome];
  return (
    <div
      data-testid="probe-result"
      data-outcome={result.outcome}
      data-agrees={result.agrees === null ? "unknown" : String(result.agrees)}
      data-expected={result.expected.works === null ? "unknown" : String(result.expected.works)}
      className="space-y-1.5"
    >
      <div className="flex items-start gap-2">
        <span className={`shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold ${o.cls}`}>{o.text}</span>
        <span className="text-slate-800" data-testid="probe-summary">
          {result.summary}
          <span className="text-slate-500"> · {result.durationMs} ms</span>
        </span>
      </div>
      <p className="text-slate-600" data-testid="probe-expected">
        {expectationText(result)}
      </p>
      {result.agrees === false && (
        <p role="alert" data-testid="probe-disagreement" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900">
          The probe disagrees with the configuration. Something cnmap cannot see is at work: a firewall rule, a process that does not
          listen, a DNS override, or routing outside Docker.
        </p>
      )}
      {result.output.trim() !== "" && (
        <pre data-testid="probe-output" className="max-h-48 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-snug text-slate-100">
          {result.output}
        </pre>
      )}
      <CommandBox command={result.command} label="Run it yourself" />
    </div>
  );
}
