/** The logs panel's decisions, pure: where a followed stream continues, which lines it repeats, what is kept on screen. */
import type { LogKind, LogLine } from "./types";

/** The API path of an object's logs (before the engine scope is applied). */
export function logsPath(kind: LogKind, id: string, query: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `/api/${kind === "service" ? "services" : "containers"}/${encodeURIComponent(id)}/logs?${q.toString()}`;
}

/** A line's RFC 3339 time as the `since` of the engine (UNIX seconds with nanoseconds), or null when it is not one. */
export function sinceOf(time: string | undefined): string | null {
  if (!time) return null;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(ms)) return null;
  return `${Math.floor(ms / 1000)}.${(m[2] ?? "").padEnd(9, "0")}`;
}

/**
 * The engine resends, from `since`, the lines written at that very time:
 * drops those already shown (same time, stream and text) at the start of
 * a followed stream. Later lines are always new.
 */
export class RepeatFilter {
  private readonly seen: Set<string>;
  private readonly time: string | undefined;
  private passed = false;

  constructor(shown: readonly LogLine[]) {
    this.time = shown.at(-1)?.time;
    this.seen = new Set(shown.filter((l) => l.time === this.time).map(key));
  }

  fresh(line: LogLine): boolean {
    if (this.passed || this.time === undefined) return true;
    if (line.time === this.time && this.seen.has(key(line))) return false;
    if (line.time !== undefined && line.time < this.time) return false;
    this.passed = true;
    return true;
  }
}

function key(l: LogLine): string {
  return `${l.stream}\u0000${l.text}`;
}

/** What stays on screen: the newest `max` lines. */
export function keepNewest(lines: LogLine[], max: number): LogLine[] {
  return lines.length > max ? lines.slice(lines.length - max) : lines;
}

/** "10:00:00.123" of a line's time, for a narrow panel (the full time is its title). */
export function shortTime(time: string): string {
  const m = /T(\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?/.exec(time);
  return m ? `${m[1]}${m[2] ? `.${m[2].padEnd(3, "0")}` : ""}` : time;
}
