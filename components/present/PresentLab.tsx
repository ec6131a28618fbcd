"use client";
/**
 * A guided lab on a presentation screen (`/present?lab=<id>`): the lab's
 * title, the step that comes next with the commands it will run, and the
 * verdicts of the step just run, in type a room can read. → runs the next
 * step (the graph draws what it makes by itself); it needs a person who may
 * change the engine (an operator, not read-only). The canvas stays
 * read-only either way.
 */
import { useEffect } from "react";
import { useEditable } from "@/lib/hooks/use-health";
import { useLab } from "@/lib/hooks/use-labs";
import type { LabView } from "@/lib/labs/types";
import { nodesText } from "@/lib/labs/view";

/** How much of the screen's left the panel covers (its width and margin): the graph is fitted beside it. */
export const LAB_PANEL_PX = 720;

/** The step to show: the next one, or the last when the lab is done. */
function shownStep(lab: LabView): number {
  return lab.progress.next ?? lab.steps.length;
}

export function PresentLab({ labId }: { labId: string }) {
  const { lab, pending, error, runNext } = useLab(labId);
  const editable = useEditable();

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== "ArrowRight" || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || e.repeat) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      if (!editable) return;
      e.preventDefault();
      void runNext();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, runNext]);

  if (!lab) {
    return (
      <aside data-testid="present-lab" className="absolute top-4 left-4 z-10 rounded-xl bg-white/95 px-5 py-3 text-xl text-slate-700 shadow-lg">
        Reading the lab…
      </aside>
    );
  }
  const index = shownStep(lab);
  const step = lab.steps[index - 1];
  const lastRun = lab.runs[lab.progress.next === null ? lab.steps.length : index - 1];
  const done = lab.progress.next === null;
  return (
    <aside
      data-testid="present-lab"
      data-lab={lab.id}
      data-next={lab.progress.next ?? "done"}
      className="absolute top-4 left-4 z-10 w-[44rem] max-w-[calc(100vw-2rem)] space-y-3 rounded-xl border border-slate-200 bg-white/95 px-6 py-4 shadow-lg"
    >
      <h2 className="text-2xl font-semibold text-slate-900">{lab.title}</h2>
      {lastRun && (
        <ul className="space-y-1" data-testid="present-lab-verdicts">
          {lastRun.results.map((r, i) => (
            <li key={i} data-verdict={r.verdict} className="flex items-baseline gap-2 text-lg">
              <span className={`rounded px-2 font-semibold ${r.verdict === "pass" ? "bg-emerald-100 text-emerald-900" : r.verdict === "fail" ? "bg-red-100 text-red-900" : "bg-slate-200 text-slate-800"}`}>
                {r.verdict === "pass" ? "✓" : r.verdict === "fail" ? "✗" : "?"}
              </span>
              <span className="text-slate-800">
                {r.proves}
                {r.nodes && <span className="block text-base text-slate-600">{nodesText(r.nodes)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {lab.unavailable && (
        <p role="alert" data-testid="present-lab-unavailable" className="text-lg text-amber-900">
          {lab.unavailable}
        </p>
      )}
      {!done && step && (
        <div data-testid="present-lab-step" data-step={index}>
          <p className="text-xl text-slate-900">
            <span className="text-slate-500">
              Step {index} of {lab.steps.length}:{" "}
            </span>
            {step.title}
          </p>
          <p className="mt-1 text-lg text-slate-700">{step.explain}</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-base leading-snug text-slate-100">{step.commands.join("\n")}</pre>
        </div>
      )}
      {done && (
        <p data-testid="present-lab-done" className="text-xl text-emerald-800">
          Every step is done.
        </p>
      )}
      {error && (
        <p role="alert" className="text-lg text-red-800">
          {error}
        </p>
      )}
      <p className="text-base text-slate-600" data-testid="present-lab-hint">
        {pending ? "Running…" : done ? "" : lab.unavailable ? "" : editable ? "Press → to run this step." : "Running a step needs an operator (and cnmap not read-only)."}
      </p>
    </aside>
  );
}
