"use client";
/**
 * What the canvas gives its memo'd nodes and edges for editing, through
 * context so their props (and memoisation) stay as they are: the actions
 * (stable while the topology does not change) and the drop hint shown on the
 * network under a dragged sandbox (changes only when the target changes).
 */
import { createContext, useContext } from "react";
import type { DropHint } from "@/lib/editing/drop-target";

export interface CanvasEditing {
  /** False in read-only mode and until the server said otherwise: no editing controls. */
  editable: boolean;
  /** Opens the "connect with options" dialog for a sandbox (by sandbox ID). */
  openConnect(sandboxId: string): void;
  /** Selects one endpoint edge (by canvas edge ID), deselecting everything else. */
  selectEndpoint(edgeId: string, label?: Element): void;
  /** Starts removing endpoints (by canvas edge IDs): at once, or after a confirmation for a last endpoint. */
  requestDisconnect(edgeIds: string[]): void;
  /** Opens a cluster node into its sandboxes, or closes them back into it (by cluster node ID). Not an edit: read-only mode has it too. */
  toggleCluster?(clusterId: string): void;
}

const NONE: CanvasEditing = {
  editable: false,
  openConnect: () => undefined,
  selectEndpoint: () => undefined,
  requestDisconnect: () => undefined,
  toggleCluster: () => undefined,
};

export const CanvasEditingContext = createContext<CanvasEditing>(NONE);
export const DropHintContext = createContext<DropHint | null>(null);

export function useCanvasEditing(): CanvasEditing {
  return useContext(CanvasEditingContext);
}

export function useDropHint(): DropHint | null {
  return useContext(DropHintContext);
}
