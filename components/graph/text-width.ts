"use client";
/**
 * How wide a line of text is, in em, in the page's own font: measured once
 * per text and weight on a canvas (the browser's own metrics), so a name can
 * be sized to fit its box whole. Without a document (server rendering), an
 * estimate of 0.62 em a character.
 */
const cache = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

export function textWidthEm(text: string, weight = 600): number {
  const key = `${weight}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (typeof document === "undefined") return text.length * 0.62;
  if (context === undefined) context = document.createElement("canvas").getContext("2d");
  if (!context) return text.length * 0.62;
  context.font = `${weight} 100px ${getComputedStyle(document.body).fontFamily}`;
  const em = context.measureText(text).width / 100;
  if (cache.size > 5000) cache.clear();
  cache.set(key, em);
  return em;
}
