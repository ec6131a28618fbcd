"use client";
/**
 * The settled zoom: the view's zoom when it last came to rest. While a person
 * pans or zooms, what the nodes draw (their level of detail, the size of
 * their labels) stays as it was, and the whole drawing moves as one layer
 * that the compositor translates and scales without painting it again. When
 * the gesture ends (mouse up; d3-zoom ends a wheel gesture 150 ms after its
 * last notch) the zoom settles, the nodes that depend on it render once, and
 * the drawing is painted again, sharp, at its new scale.
 *
 * Without a GPU (these VMs, many office machines), painting and rastering a
 * large graph takes longer than a frame: repainting it on every step of a
 * gesture made one frame in two late at 1,000 sandboxes (`npm run bench`).
 *
 * A change of the view that is no gesture (fitView without animation, a
 * controlled viewport) settles at once.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useOnViewportChange, useStore, useStoreApi, type ReactFlowState } from "@xyflow/react";

/** A value with subscribers: the settled zoom of one canvas. */
export class SettledZoom {
  private zoom: number;
  private readonly listeners = new Set<() => void>();

  constructor(zoom: number) {
    this.zoom = zoom;
  }

  get = (): number => this.zoom;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(zoom: number): void {
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    for (const listener of this.listeners) listener();
  }
}

export const SettledZoomContext = createContext<SettledZoom | null>(null);

const selectZoom = (s: ReactFlowState): number => s.transform[2];

/**
 * The canvas's settled zoom. Outside a canvas that provides one (a node drawn
 * alone), the live zoom.
 */
export function useSettledZoom(): number {
  const settled = useContext(SettledZoomContext);
  const live = useStore(useCallback((s: ReactFlowState) => (settled ? 0 : selectZoom(s)), [settled]));
  const value = useSyncExternalStore(settled?.subscribe ?? noSubscribe, settled?.get ?? zero, settled?.get ?? zero);
  return settled ? value : live;
}

const noSubscribe = (): (() => void) => () => undefined;
const zero = (): number => 0;

/** One settled zoom per canvas, starting at the canvas's first zoom. */
export function useSettledZoomStore(initial: number): SettledZoom {
  const [store] = useState(() => new SettledZoom(initial));
  return store;
}

/** The class on React Flow's root while a gesture moves the view: its viewport becomes a layer of its own (app/globals.css). */
export const MOVING_CLASS = "cnmap-moving";

/**
 * Drawn inside <ReactFlow>: settles `store` when a gesture ends, and at once
 * on a change that is no gesture. With `layer`, marks the root with
 * MOVING_CLASS from a gesture's first move to its end (not on a mere click on
 * the pane, which starts and ends a gesture without moving).
 *
 * `layer` is for a canvas that draws every node: one that renders only what
 * is in view mounts nodes as a pan reveals them, and a layer the size of the
 * whole drawing would then be rastered again on those frames (at 1,000
 * sandboxes, each drawn, the bench's pan p95 doubled with it).
 */
export function ZoomSettler({ store, layer }: { store: SettledZoom; layer: boolean }) {
  const api = useStoreApi();
  const zoom = useStore(selectZoom);
  const gesture = useRef<"none" | "started" | "moving">("none");

  const mark = useCallback(
    (on: boolean) => {
      api.getState().domNode?.classList.toggle(MOVING_CLASS, on && layer);
    },
    [api, layer],
  );
  const onStart = useCallback(() => {
    gesture.current = "started";
  }, []);
  const onChange = useCallback(() => {
    if (gesture.current !== "started") return;
    gesture.current = "moving";
    mark(true);
  }, [mark]);
  const onEnd = useCallback(
    (viewport: { zoom: number }) => {
      gesture.current = "none";
      mark(false);
      store.set(viewport.zoom);
    },
    [mark, store],
  );
  useOnViewportChange({ onStart, onChange, onEnd });

  useEffect(() => {
    if (gesture.current === "none") store.set(zoom);
  }, [zoom, store]);
  useEffect(() => () => mark(false), [mark]);
  return null;
}
