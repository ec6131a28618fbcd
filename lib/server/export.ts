/**
 * GET /api/export: what the page shows, under the same filter as its URL,
 * in a format for somewhere else. The topology is the read routes' (labels
 * redacted by the same policy); the findings are the advisor's about the
 * whole engine, kept in the report where they concern what is shown.
 */
import { topologyToMarkdown } from "../export/markdown";
import { topologyToMermaid } from "../export/mermaid";
import { filterTopology } from "../graph/filter";
import { filterFromParams, type ParamReader } from "../graph/filter-url";
import { adviseTopology } from "../insights/advisor";
import type { EngineSession } from "./engine-session";
import { topologyOp } from "./inspect";

export const EXPORT_FORMATS = ["json", "mermaid", "markdown"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
}

/** `cnmap-<engine>-<UTC date and time>.<ext>`: safe in a header and on every file system. */
export function exportFilename(engine: string, at: Date, ext: string): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "");
  return `cnmap-${engine.replace(/[^A-Za-z0-9_.-]/g, "_")}-${stamp}.${ext}`;
}

export async function exportOp(session: EngineSession, format: ExportFormat, params: ParamReader): Promise<ExportFile> {
  const whole = await topologyOp(session);
  const shown = filterTopology(whole, filterFromParams(params));
  const at = new Date();
  const name = (ext: string): string => exportFilename(session.id, at, ext);
  switch (format) {
    case "json":
      return { body: `${JSON.stringify(shown, null, 2)}\n`, contentType: "application/json; charset=utf-8", filename: name("json") };
    case "mermaid":
      return { body: topologyToMermaid(shown), contentType: "text/plain; charset=utf-8", filename: name("mmd") };
    case "markdown":
      return { body: topologyToMarkdown(shown, { at: at.toISOString(), findings: adviseTopology(whole) }), contentType: "text/markdown; charset=utf-8", filename: name("md") };
  }
}
