"use client";
/**
 * Fits the view again whenever the drawn graph changes (a node comes, goes or
 * changes size) and when the screen is resized. Keyed on the nodes React
 * Flow has measured, not on the topology: a fit made before a new node's size
 * is known would leave it outside.
 */
import { useEffect, useRef } from "react";
import { useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";

const PADDING = 0.06;

/** The measured nodes and their sizes, as one string (a presentation draws tens of nodes, not thousands). */
function measuredKey(s: ReactFlowState): string {
  let key = "";
  for (const n of s.nodeLookup.values()) {
    if (n.hidden || !n.measured.width || !n.measured.height) continue;
    key += `${n.id}:${Math.round(n.measured.width)}x${Math.round(n.measured.height)};`;
  }
  return key;
}

export function FitOnChange({ animate }: { animate: boolean }) {
  const { fitView } = useReactFlow();
  const key = useStore(measuredKey);
  const fitted = useRef("");
  useEffect(() => {
    if (key === "" || key === fitted.current) return;
    fitted.current = key;
    void fitView({ padding: PADDING, duration: animate ? 500 : 0 });
  }, [key, fitView, animate]);
  useEffect(() => {
    const onResize = (): void => void fitView({ padding: PADDING, duration: 0 });
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, [fitView]);
  return null;
}
