/** The filters of `docker network prune`, as pure functions. */

/**
 * `key`, `key=value`: the network has that label (with that value).
 * `!key`, `key!=value`: it does not.
 */
export function labelFilterMatches(filter: string, labels: Record<string, string>): boolean {
  if (filter.startsWith("!")) return !(filter.slice(1) in labels);
  const neq = filter.indexOf("!=");
  if (neq !== -1) return labels[filter.slice(0, neq)] !== filter.slice(neq + 2);
  const eq = filter.indexOf("=");
  if (eq === -1) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * The time before which networks count as "older than": a Go duration
 * (`24h`, `1h30m`) back from now, an RFC 3339 time, or Unix seconds.
 */
export function untilCutoff(until: string, now: Date): Date | null {
  const duration = /^(\d+(?:\.\d+)?(?:h|ms|m|s))+$/;
  if (duration.test(until)) {
    let ms = 0;
    for (const m of until.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 0);
    return new Date(now.getTime() - ms);
  }
  if (/^\d{1,12}$/.test(until)) return new Date(Number(until) * 1000);
  const t = Date.parse(until);
  return Number.isFinite(t) ? new Date(t) : null;
}
