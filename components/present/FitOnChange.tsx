"use client";
/**
 * Fits the view again whenever the drawn graph changes (a node comes, goes,
 * moves or changes size) and when the pane changes size (a resized window, a
 * status line that wraps). Keyed on what React Flow has measured, not on the
 * topology: a fit made before a new node's size is known would leave it
 * outside.
 */
import { useEffect, useRef } from "react";
import { useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";

/**
 * Room around the fitted graph, in screen pixels: above for the network
 * names drawn over their nodes, below for the captions, and on the left for
 * what covers it (a lab's panel).
 */
function padding(left: number) {
  return { top: "48px", bottom: "64px", right: "24px", left: `${24 + left}px` } as const;
}

/** The pane's size and the measured nodes' places and sizes, as one string (a presentation draws tens of nodes, not thousands). */
function layoutKey(s: ReactFlowState): string {
  let key = `${Math.round(s.width)}x${Math.round(s.height)}|`;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden || !n.measured.width || !n.measured.height) continue;
    const p = n.internals.positionAbsolute;
    key += `${n.id}@${Math.round(p.x)},${Math.round(p.y)}:${Math.round(n.measured.width)}x${Math.round(n.measured.height)};`;
  }
  return key;
}

export function FitOnChange({ animate, coveredLeft = 0 }: { animate: boolean; /** Screen pixels covered on the left (a lab's panel). */ coveredLeft?: number }) {
  const { fitView } = useReactFlow();
  const key = useStore(layoutKey);
  const fitted = useRef("");
  useEffect(() => {
    const wanted = `${coveredLeft}|${key}`;
    if (!key.includes(";") || wanted === fitted.current) return;
    fitted.current = wanted;
    void fitView({ padding: padding(coveredLeft), duration: animate ? 500 : 0 });
  }, [key, fitView, animate, coveredLeft]);
  return null;
}
