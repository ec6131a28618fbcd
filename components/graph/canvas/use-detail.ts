"use client";
/**
 * Level of detail. Below DETAIL_ZOOM a node's text is too small to read and,
 * on a large graph, its many elements only cost frames (a small graph keeps
 * them down to SMALL_DETAIL_ZOOM): nodes draw a compact face (the name,
 * large, and the state), endpoint and port labels are left out, and network
 * names are drawn at a size that stays readable however far out the view is
 * (useSteppedZoom).
 * Components re-render when the level changes, not on every zoom step.
 */
import { useStore, type ReactFlowState } from "@xyflow/react";
import { detailAt, type Detail } from "@/lib/graph/view";
import { usePresent } from "../present-context";

const selectDetail = (s: ReactFlowState): Detail => detailAt(s.transform[2], s.nodeLookup.size);

/** The level of detail; a presentation screen always draws the far face (large names, no small print). */
export function useDetail(): Detail {
  const detail = useStore(selectDetail);
  return usePresent() ? "compact" : detail;
}

/** Zoom steps of 15%: a label sized against the zoom re-renders once per step, not on every frame. */
const ZOOM_STEP = Math.log(1.15);
const selectZoomStep = (s: ReactFlowState): number => Math.round(Math.log(s.transform[2]) / ZOOM_STEP);

/** The zoom, to within a 15% step (for text that keeps a readable size on screen). */
export function useSteppedZoom(): number {
  return Math.exp(useStore(selectZoomStep) * ZOOM_STEP);
}
