"use client";
/**
 * Export what is shown: the drawing as PNG or SVG (React Flow's
 * html-to-image recipe: the viewport rendered at a transform that fits every
 * node), or, from GET /api/export under the page's filter, the topology's
 * JSON, a Mermaid flowchart and a Markdown report. Inside the canvas, where
 * the React Flow instance is. A refusal is said in the menu, not saved as a file.
 */
import { useState } from "react";
import { getNodesBounds, getViewportForBounds, useReactFlow } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { FILTER_PARAMS } from "@/lib/graph/filter-url";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { BUTTON } from "./ViewControls";

const ITEM = "block w-full rounded px-2 py-1 text-left text-xs text-slate-800 hover:bg-slate-100 disabled:text-slate-400";
/** The picture's size, and the room around the drawing. */
const IMAGE = { width: 2400, height: 1500, padding: 0.05 };

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The page's filter parameters, for the export route: it shows what the page shows. */
function filterQuery(): string {
  const page = new URLSearchParams(window.location.search);
  const q = new URLSearchParams();
  for (const name of Object.values(FILTER_PARAMS)) {
    const v = page.get(name);
    if (v !== null) q.set(name, v);
  }
  return q.toString();
}

export function ExportMenu() {
  const flow = useReactFlow();
  const apiPath = useApiPath();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const picture = async (kind: "png" | "svg"): Promise<void> => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!viewport) return;
    setBusy(true);
    setError(null);
    try {
      const bounds = getNodesBounds(flow.getNodes());
      const fit = getViewportForBounds(bounds, IMAGE.width, IMAGE.height, 0.05, 2, IMAGE.padding);
      const options = {
        // The pane's own colour: a dark theme exports a dark picture.
        backgroundColor: getComputedStyle(viewport.closest(".react-flow") ?? document.body).backgroundColor || "#ffffff",
        width: IMAGE.width,
        height: IMAGE.height,
        style: { width: `${IMAGE.width}px`, height: `${IMAGE.height}px`, transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.zoom})` },
      };
      const href = kind === "png" ? await toPng(viewport, options) : await toSvg(viewport, options);
      download(href, `cnmap-graph.${kind}`);
    } catch (err) {
      setError(`The picture could not be made: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const file = async (format: "json" | "mermaid" | "markdown"): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const query = filterQuery();
      // Fetched first, so that a refusal (the engine away, a session ended) is said here rather than saved as the file.
      const res = await fetch(`${apiPath("/api/export")}?format=${format}${query ? `&${query}` : ""}`, { cache: "no-store" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `cnmap-export.${format}`;
      const href = URL.createObjectURL(await res.blob());
      download(href, name);
      // Let go of the file once the browser has taken it.
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch (err) {
      setError(`The export could not be made: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details data-testid="export-menu" className="relative">
      <summary className={`${BUTTON} cursor-pointer list-none`} title="Export what is shown">
        Export
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-56 rounded border border-slate-200 bg-white p-1 shadow-lg">
        <button type="button" data-testid="export-png" disabled={busy} className={ITEM} onClick={() => void picture("png")}>
          PNG picture
        </button>
        <button type="button" data-testid="export-svg" disabled={busy} className={ITEM} onClick={() => void picture("svg")}>
          SVG picture
        </button>
        <button type="button" data-testid="export-json" className={ITEM} disabled={busy} onClick={() => void file("json")} title="The topology, as GET /api/topology gives it">
          JSON (topology)
        </button>
        <button type="button" data-testid="export-mermaid" className={ITEM} disabled={busy} onClick={() => void file("mermaid")} title="A Mermaid flowchart: GitHub draws it in Markdown">
          Mermaid diagram
        </button>
        <button type="button" data-testid="export-markdown" className={ITEM} disabled={busy} onClick={() => void file("markdown")} title="Networks with their containers, published ports, advisor findings">
          Markdown report
        </button>
        <p className="px-2 pt-1 text-[10px] leading-tight text-slate-500">What the filter shows. Scripts: GET /api/export?format=json|mermaid|markdown with the page&apos;s filter parameters.</p>
        {error && (
          <p role="alert" className="px-2 py-1 text-[11px] text-red-700">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
