/** The prune dialog's filters as a PruneBody. Pure. */
import { pruneSchema, type PruneBody } from "../api/schemas";

export interface PruneFilters {
  /** Label filters separated by spaces, commas or new lines: key, key=value, key!=value, !key. */
  labels: string;
  /** "older than": a Go duration (24h), a date/time, or Unix seconds. */
  until: string;
}

export function splitLabelFilters(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function buildPruneBody(f: PruneFilters, dryRun: boolean): { body: PruneBody; errors: { labels?: string; until?: string } } {
  const body: PruneBody = { dryRun };
  const labels = splitLabelFilters(f.labels);
  if (labels.length > 0) body.labels = labels;
  if (f.until.trim()) body.until = f.until.trim();
  const errors: { labels?: string; until?: string } = {};
  const parsed = pruneSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === "labels" ? "labels" : issue.path[0] === "until" ? "until" : null;
      if (!key || errors[key]) continue;
      const which = key === "labels" && typeof issue.path[1] === "number" ? `"${labels[issue.path[1]]}": ` : "";
      errors[key] = which + issue.message;
    }
  }
  return { body, errors };
}
