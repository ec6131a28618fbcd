"use client";
/**
 * The selection's highlight, for edge labels: they are drawn in React Flow's
 * label layer, outside the edge element the canvas dims, so each label asks
 * here whether its edge is emphasised.
 */
import { createContext, useContext } from "react";
import { edgeEmphasised, type Highlight } from "@/lib/graph/highlight";

export const HighlightContext = createContext<Highlight | null>(null);

/** Whether the label of this edge fades with it. */
export function useLabelDimmed(edge: { id: string; type?: string; source: string; target: string }): boolean {
  const h = useContext(HighlightContext);
  return h !== null && !edgeEmphasised(h, edge);
}
