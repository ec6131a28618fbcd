/** A lab as the API answers it, and whether a step may run now. Pure. */
import { opCommands } from "./requests";
import type { Lab, LabContext, LabProbeResult, LabProgress, LabStepRun, LabView, ProbeEnd } from "./types";

/** Where the overlay lab's command names the other node while none is known. */
export const OTHER_NODE = "<other-node>";

/** Each step's commands under `ctx`; an operation that needs a macvlan plan the context lacks shows none. */
export function stepCommands(lab: Lab, index: number, ctx: LabContext): string[] {
  const step = lab.steps[index];
  if (!step) return [];
  return step.ops.flatMap((op) => {
    if ((op.op === "parent.create" || (op.op === "network.create" && op.macvlan)) && !ctx.macvlan) return [];
    // Not on a swarm (yet): the command names the node it would pin the task to as a placeholder.
    if (op.op === "service.create" && !ctx.swarm) return opCommands(lab.id, op, { ...ctx, swarm: { here: "", other: OTHER_NODE } });
    return opCommands(lab.id, op, ctx);
  });
}

export function labView(lab: Lab, ctx: LabContext, progress: LabProgress, unavailable: string | null, runs: Record<number, LabStepRun>): LabView {
  // Only the runs of steps still done: after a reset, or a change made outside, old results would mislead.
  const shown: Record<number, LabStepRun> = {};
  for (const [step, run] of Object.entries(runs)) if (progress.done[Number(step) - 1]) shown[Number(step)] = run;
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    steps: lab.steps.map((s, i) => ({
      title: s.title,
      explain: s.explain,
      commands: stepCommands(lab, i, ctx),
      probes: s.probes.map((p) => ({ proves: p.proves, expect: p.expect })),
    })),
    unavailable,
    progress,
    runs: shown,
  };
}

/**
 * Why step `step` (1-based) may not run now, or null: steps run in order,
 * each once until a reset, and never over someone else's objects.
 */
export function stepRefusal(lab: Lab, progress: LabProgress, step: number): string | null {
  if (progress.clashes.length > 0) {
    return `The lab needs names that are taken by objects that are not the lab's (no cnmap.lab=${lab.id} label): ${progress.clashes.join(", ")}. Rename or remove them, then run the lab.`;
  }
  if (progress.next === null) return `Every step of ${lab.id} is done. Reset the lab to run it again.`;
  if (step < progress.next) return `Step ${step} of ${lab.id} is done already; step ${progress.next} comes next. Reset the lab to start again.`;
  if (step > progress.next) return `Step ${step} of ${lab.id} cannot run yet: step ${progress.next} comes first.`;
  return null;
}

/** One end of a probe across swarm nodes, for people: "cnmap-lab-overlay-here on node1 (this engine, 10.0.1.4)". */
export function endText(end: ProbeEnd): string {
  const details = [end.here ? "this engine" : "", end.address ?? ""].filter(Boolean).join(", ");
  return `${end.name} on ${end.node}${details ? ` (${details})` : ""}`;
}

/** Which node each end of a probe across swarm nodes is on, in a sentence. */
export function nodesText(nodes: NonNullable<LabProbeResult["nodes"]>): string {
  return `From ${endText(nodes.from)} to ${endText(nodes.to)}.`;
}
