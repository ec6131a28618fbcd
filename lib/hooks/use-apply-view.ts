"use client";
/**
 * Applying a saved view to the canvas: inside the canvas (React Flow's
 * provider) and the engine's page.
 *
 * - another engine's view: the page goes to the view's address (its engine,
 *   and the view), where it is applied on arrival;
 * - the arrangement: the view's positions become the saved arrangement of the
 *   engine (use-saved-positions, which places nodes drawn later) and the
 *   nodes drawn now move there, as a drag would (position changes through
 *   React Flow, into the canvas's own state);
 * - the filter and the selection: written to the URL by the URL hooks;
 * - the viewport: set once the canvas has made its first fit, and set again
 *   by the canvas instead of fitting the view's selection into view
 *   (lib/client/viewport-intent), so the view's pan and zoom are what stays.
 */
import { useCallback, useEffect, useRef } from "react";
import { useReactFlow, useStore, useStoreApi, type NodePositionChange } from "@xyflow/react";
import { expectViewport, forgetExpectedViewport, type ViewportXYZ } from "../client/viewport-intent";
import { parseSelection } from "../selection";
import { viewHref } from "../views/capture";
import { encodeView } from "../views/encode";
import type { CarriedView } from "../views/schema";
import { useCanvasFilter } from "./use-canvas-filter";
import { useEngineId } from "./use-engine-scope";
import { useEngines } from "./use-engines";
import { useSavedPositions } from "./use-saved-positions";
import { useSelection } from "./use-selection";
import { useTopology } from "./use-topology";

/** A view to apply: carried whole, or saved (with its ID, which its address names). */
export type ApplicableView = CarriedView & { id?: string };

/** "applied" here, or "navigated" to the view's engine (applied there on arrival). */
export type ApplyOutcome = "applied" | "navigated";

/** The address that opens `view` on its engine: by ID when the server keeps it, else carried in the fragment. */
export function addressOf(view: ApplicableView): string {
  return view.id && !view.id.startsWith("local-") ? viewHref(view.engine, { id: view.id }) : viewHref(view.engine, { encoded: encodeView(view) });
}

export function useApplyView(): (view: ApplicableView) => ApplyOutcome {
  const flow = useReactFlow();
  const store = useStoreApi();
  const firstFitDone = useStore((s) => !s.fitViewQueued);
  const { data: topology } = useTopology();
  const saved = useSavedPositions(topology?.engine.host ?? "");
  const { setFilter } = useCanvasFilter();
  const { setSelection } = useSelection();
  const engine = useEngineId();
  const { data: engines } = useEngines();
  /** A viewport waiting for the canvas's first fit. */
  const waiting = useRef<ViewportXYZ | null>(null);

  useEffect(() => {
    if (!firstFitDone || !waiting.current) return;
    void flow.setViewport(waiting.current);
    waiting.current = null;
  }, [firstFitDone, flow]);

  return useCallback(
    (view: ApplicableView): ApplyOutcome => {
      const here = engine ?? engines?.engines[0]?.id;
      if (here !== undefined && view.engine !== here) {
        window.location.assign(addressOf(view));
        return "navigated";
      }
      if (topology) {
        saved.clear();
        saved.save(view.positions);
      }
      const { nodeLookup, triggerNodeChanges } = store.getState();
      const moves: NodePositionChange[] = Object.entries(view.positions)
        .filter(([id]) => nodeLookup.has(id))
        .map(([id, position]) => ({ type: "position", id, position }));
      if (moves.length > 0) triggerNodeChanges(moves);
      if (view.selection) expectViewport(view.selection, view.viewport);
      else forgetExpectedViewport();
      setFilter(view.filter);
      setSelection(parseSelection(view.selection));
      if (store.getState().fitViewQueued) waiting.current = view.viewport;
      else void flow.setViewport(view.viewport);
      return "applied";
    },
    [engine, engines, topology, saved, store, setFilter, setSelection, flow],
  );
}
