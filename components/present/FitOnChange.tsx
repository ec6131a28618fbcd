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

const PADDING = 0.06;

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

export function FitOnChange({ animate }: { animate: boolean }) {
  const { fitView } = useReactFlow();
  const key = useStore(layoutKey);
  const fitted = useRef("");
  useEffect(() => {
    if (!key.includes(";") || key === fitted.current) return;
    fitted.current = key;
    void fitView({ padding: PADDING, duration: animate ? 500 : 0 });
  }, [key, fitView, animate]);
  return null;
}
