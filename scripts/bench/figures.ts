/**
 * The figures of issue 9, their goals (at 1,000 sandboxes; printed at every
 * size) and what the issue measured before the live model, for comparison.
 */
import { ms, stats, table } from "./report";

export type Verdict = "PASS" | "OVER" | "report" | "ERROR";

export interface Figure {
  name: string;
  runs: string;
  median: string;
  p95: string;
  goal: string;
  verdict: Verdict;
  /** Issue 9's figure at this size, before the live model (200 and 1,000 only). */
  before?: string;
  /** An error or remark, printed under the table. */
  note?: string;
}

export type FigureKey = "firstDraw" | "cliChange" | "pan" | "zoom" | "ratio";

const BEFORE: Record<number, Record<FigureKey, string>> = {
  200: { firstDraw: "0.93 s", cliChange: "0.53-0.71 s", pan: "50 ms", zoom: "67 ms", ratio: "1.7x" },
  1000: { firstDraw: "2.1 s", cliChange: "1.6-2.5 s", pan: "233 ms", zoom: "200 ms", ratio: "1.6x" },
};

export function before(size: number, key: FigureKey): string | undefined {
  return BEFORE[size]?.[key];
}

export const GOALS = {
  firstDrawMs: 1500,
  cliChangeP95Ms: 300,
  cliChangeMedianMs: 150,
  frameP95Ms: 33,
  ratio: 1.0,
} as const;

/** A figure that could not be measured: the bench goes on with the others and exits 1 at the end. */
export function failed(name: string, goal: string, err: unknown): Figure {
  const message = err instanceof Error ? err.message : String(err);
  return { name, runs: "-", median: "-", p95: "-", goal, verdict: "ERROR", note: `${name}: ${message}` };
}

/** A timed figure from its samples, judged on its p95 (and its median, when a goal is given for it). */
export function timedFigure(
  name: string,
  samples: readonly number[],
  goal: { p95?: number; median?: number },
  extra: Partial<Figure> = {},
): Figure {
  const s = stats(samples);
  const goals: string[] = [];
  let over = false;
  if (goal.median !== undefined) {
    goals.push(`median < ${ms(goal.median)}`);
    over ||= !(s.median < goal.median);
  }
  if (goal.p95 !== undefined) {
    goals.push(`p95 < ${ms(goal.p95)}`);
    over ||= !(s.p95 < goal.p95);
  }
  const judged = goals.length > 0;
  return {
    name,
    runs: String(s.runs),
    median: ms(s.median),
    p95: ms(s.p95),
    goal: judged ? goals.join(", ") : "report",
    verdict: judged ? (over ? "OVER" : "PASS") : "report",
    ...extra,
  };
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}\n`);
  table(
    ["figure", "runs", "median", "p95", "goal (at 1,000)", "verdict", "issue 9, before"],
    figures.map((f) => [f.name, f.runs, f.median, f.p95, f.goal, f.verdict, f.before ?? ""]),
  );
  for (const f of figures) if (f.note) console.log(`  ${f.verdict === "ERROR" ? "error" : "note"}: ${f.note}`);
}
