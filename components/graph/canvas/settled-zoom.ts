"use client";
/**
 * The settled zoom: the view's zoom when it last came to rest. While a person
 * pans or zooms, what the nodes draw (their level of detail, the size of
 * their labels) stays as it was; a drag moves the whole drawing as one layer
 * that the compositor translates without painting it again. When the
 * gesture ends (mouse up; d3-zoom ends a wheel gesture 150 ms after its
 * last notch) the zoom settles and the nodes that depend on it render once.
 *
 * Without a GPU (these VMs, many office machines), painting and rastering a
 * large graph takes longer than a frame: repainting it on every step of a
 * pan made one frame in two late at 1,000 sandboxes (`npm run bench`), and
 * nodes changing face mid-zoom made the slowest frames slower.
 *
 * A change of the view that is no gesture (fitView without animation, a
 * controlled viewport) settles at once.
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { useOnViewportChange, useStore, useStoreApi, type ReactFlowState } from "@xyflow/react";

/**
 * A value with subscribers: the settled zoom of one canvas, and how many
 * nodes it draws (the level of detail depends on both).
 */
export class SettledZoom {
  private zoom: number;
  private count: number;
  private readonly listeners = new Set<() => void>();

  constructor(zoom: number, nodes: number) {
    this.zoom = zoom;
    this.count = nodes;
  }

  get = (): number => this.zoom;

  nodes = (): number => this.count;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(zoom: number): void {
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    this.notify();
  }

  setNodes(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const SettledZoomContext = createContext<SettledZoom | null>(null);

const selectZoom = (s: ReactFlowState): number => s.transform[2];

/**
 * `select` of the canvas's settled zoom and node count; the component
 * renders again only when that value changes (a level of detail, a zoom
 * step), not on every settle: a thousand nodes each asking for their level
 * must not all render after each gesture. `select` returns a value compared
 * with Object.is (a primitive).
 *
 * Inside a canvas this subscribes to the settled zoom alone, never to React
 * Flow's store: every store subscriber's selector runs on every frame of a
 * pan or zoom, and at 1,000 sandboxes, two or three per node and edge were
 * about half of them (a CPU profile of `npm run bench`'s gestures).
 * Outside a canvas that provides a settled zoom (a node drawn alone),
 * `select` of the live zoom and node count.
 */
export function useSettledZoom<T>(select: (zoom: number, nodes: number) => T): T {
  const settled = useContext(SettledZoomContext);
  const api = useStoreApi();
  const snapshot = (): T => {
    if (settled) return select(settled.get(), settled.nodes());
    const s = api.getState();
    return select(selectZoom(s), s.nodeLookup.size);
  };
  return useSyncExternalStore(settled?.subscribe ?? api.subscribe, snapshot, snapshot);
}

/** `select` of a settled zoom and node count, for the component that holds the store (outside React Flow's provider). */
export function useSettledValue<T>(store: SettledZoom, select: (zoom: number, nodes: number) => T): T {
  const snapshot = (): T => select(store.get(), store.nodes());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

/** One settled zoom per canvas, starting at the canvas's first zoom and node count. */
export function useSettledZoomStore(initial: number, nodes: number): SettledZoom {
  const [store] = useState(() => new SettledZoom(initial, nodes));
  // Before the browser paints: nodes drawn for a new count get their level of detail in the same frame.
  useLayoutEffect(() => store.setNodes(nodes), [store, nodes]);
  return store;
}

/** The class on React Flow's root while a drag pans the view: its viewport becomes a layer of its own (app/globals.css). */
export const MOVING_CLASS = "cnmap-moving";

/**
 * Drawn inside <ReactFlow>: settles `store` when a gesture ends, and at once
 * on a change that is no gesture. With `layer`, marks the root with
 * MOVING_CLASS while a drag pans the view: from its first move (a mere click
 * on the pane starts and ends a gesture without moving) to its end.
 *
 * Only drags: a wheel zoom scales the layer, and without a GPU Chromium then
 * rasters its tiles again at each scale and draws them scaled, which took
 * longer than painting the view anew (bench, zoom p95 about 3x worse). And
 * `layer` only for a canvas that draws every node: one that renders only
 * what is in view mounts nodes as a pan reveals them, and a layer the size
 * of the whole drawing would be rastered again on those frames (at 1,000
 * sandboxes, each drawn, the pan p95 doubled).
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
    // paneDragging: React Flow's own mark of a gesture started by a mouse button on the pane.
    if (api.getState().paneDragging) mark(true);
  }, [api, mark]);
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
    // Only once React Flow has set up its viewport (panZoom): until then its store holds [0, 0, 1], not the
    // canvas's defaultViewport, and a large graph would be drawn in full, then compact again (1,000 sandboxes:
    // a thousand full faces made and thrown away in the first draw). Read at effect time, not the render's value.
    const state = api.getState();
    if (gesture.current === "none" && state.panZoom) store.set(state.transform[2]);
  }, [zoom, store, api]);
  useEffect(() => () => mark(false), [mark]);
  return null;
}
