/** Statistics, timing loops and the printed tables of the benchmark. */

export interface Stats {
  runs: number;
  median: number;
  p95: number;
  max: number;
}

/** Median (mean of the two middle samples when even) and nearest-rank p95 and max. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? at(0.5) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { runs: sorted.length, median, p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "-";
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** Progress goes to stderr, figures to stdout. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Keeps results reachable so that no run can be optimised away. */
let sink: unknown;
export function keep(value: unknown): void {
  sink = value;
}
export function sunk(): unknown {
  return sink;
}

export function timeRuns(runs: number, fn: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    keep(fn());
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** At least `min` runs, then more until `max` runs or `budgetMs` spent. */
export function timeBudgeted(min: number, max: number, budgetMs: number, fn: () => unknown): number[] {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < min || (samples.length < max && performance.now() - start < budgetMs)) {
    samples.push(...timeRuns(1, fn));
  }
  return samples;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** `promise`, or a rejection naming `what` once `timeoutMs` has passed. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
