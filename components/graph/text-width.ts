"use client";
/**
 * How wide a line of text is, in em, in the page's own font: measured once
 * per text and weight on a canvas (the browser's own metrics), so a name can
 * be sized to fit its box whole. Without a document (server rendering), an
 * estimate of 0.62 em a character.
 *
 * `textWidthEstimateEm` adds up the widths of the characters instead, each
 * measured once: no kerning or shaping, so a close estimate, for a search
 * that then checks its result with `textWidthEm` (lib/graph/labels
 * fitMiddle). Measuring a new line costs about 0.1 ms; a zoomed-out canvas
 * cuts a hundred network labels to fit, trying several cuts of each, again
 * at each zoom step.
 */
const cache = new Map<string, number>();
const chars = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;
/** The weight the canvas's font is set to. */
let fontWeight: number | undefined;

/** The canvas, its font set to `weight` in the body's family (null without a document or a 2D context). */
function measurer(weight: number): CanvasRenderingContext2D | null {
  if (typeof document === "undefined") return null;
  if (context === undefined) context = document.createElement("canvas").getContext("2d");
  if (context && fontWeight !== weight) {
    context.font = `${weight} 100px ${getComputedStyle(document.body).fontFamily}`;
    fontWeight = weight;
  }
  return context;
}

function remember(map: Map<string, number>, key: string, em: number): number {
  if (map.size > 5000) map.clear();
  map.set(key, em);
  return em;
}

export function textWidthEm(text: string, weight = 600): number {
  const key = `${weight}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const ctx = measurer(weight);
  if (!ctx) return text.length * 0.62;
  return remember(cache, key, ctx.measureText(text).width / 100);
}

export function textWidthEstimateEm(text: string, weight = 600): number {
  let em = 0;
  for (const ch of text) {
    const key = `${weight}|${ch}`;
    const hit = chars.get(key);
    if (hit !== undefined) {
      em += hit;
      continue;
    }
    const ctx = measurer(weight);
    if (!ctx) return text.length * 0.62;
    em += remember(chars, key, ctx.measureText(ch).width / 100);
  }
  return em;
}
