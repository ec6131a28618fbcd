"use client";
/**
 * Level of detail. Below DETAIL_ZOOM a node's text is too small to read and,
 * on a large graph, its many elements only cost frames (a small graph keeps
 * them down to SMALL_DETAIL_ZOOM): nodes draw a compact face (the name,
 * large, and the state), endpoint and port labels are left out, and network
 * names are drawn at a size that stays readable however far out the view is
 * (useSteppedZoom).
 *
 * Both follow the settled zoom (settled-zoom.ts): the zoom when the view last
 * came to rest, not every step of a pan or a wheel. A gesture moves what is
 * already drawn; faces and label sizes change once, when it ends.
 */
import { detailAt, type Detail } from "@/lib/graph/view";
import { usePresent } from "../present-context";
import { useSettledZoom } from "./settled-zoom";

/** The level of detail; a presentation screen always draws the far face (large names, no small print). */
export function useDetail(): Detail {
  const detail = useSettledZoom(detailAt);
  return usePresent() ? "compact" : detail;
}

/** Zoom steps of 15%: a label sized against the zoom re-renders once per step, not on every frame. */
const ZOOM_STEP = Math.log(1.15);

const stepped = (zoom: number): number => Math.exp(Math.round(Math.log(zoom) / ZOOM_STEP) * ZOOM_STEP);

/** The settled zoom, to within a 15% step (for text that keeps a readable size on screen). */
export function useSteppedZoom(): number {
  return useSettledZoom(stepped);
}
