"use client";
/**
 * Selection on the canvas. One selected node or endpoint is reported through
 * `onSelectionChange` (the dashboard keeps it in the URL); a selection made
 * elsewhere (a link, the search, the inspector, Back) is applied here and
 * brought into view. A node or an edge's label clicked stays in view when the
 * side panel opening on it narrows the canvas.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { useReactFlow, type EdgeMouseHandler, type NodeMouseHandler } from "@xyflow/react";
import { networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import type { Graph } from "@/lib/graph/types";
import { forgetExpectedViewport, takeExpectedViewport } from "@/lib/client/viewport-intent";
import { formatSelection, parseSelection, type Selection } from "@/lib/selection";
import type { FlowEdge, FlowNode } from "./flow-types";
import { useLatest } from "./use-latest";

interface Options {
  graph: Graph;
  selection: Selection | null;
  onSelectionChange?(sel: Selection | null): void;
  setNodes: Dispatch<SetStateAction<FlowNode[]>>;
  setEdges: Dispatch<SetStateAction<FlowEdge[]>>;
  /** Whether an outside selection is brought into view (not on a presentation screen, which keeps the whole graph fitted). */
  bringIntoView?: boolean;
}

/** `items` with only `key` selected; the same array when that is already so. */
function selectOnly<T extends { id: string; selected?: boolean }>(items: T[], key: string): T[] {
  if (!items.some((i) => (i.selected ?? false) !== (i.id === key))) return items;
  return items.map((i) => ((i.selected ?? false) === (i.id === key) ? i : { ...i, selected: i.id === key }));
}

export function useCanvasSelection({ graph, selection, onSelectionChange, setNodes, setEdges, bringIntoView = true }: Options) {
  const { fitView, getViewport, setViewport } = useReactFlow<FlowNode, FlowEdge>();
  const onSelectionChangeRef = useLatest(onSelectionChange);
  /**
   * `reflected`: the selection the canvas's own flags stand for (its canvas
   * ID, "" for none or several). `seen`: the last `selection` prop handled. A
   * new prop that differs from what the canvas shows came from elsewhere and
   * is applied during render. The canvas reports only what a click chose
   * (React Flow's onSelectionChange also echoes changes made here, which looped).
   */
  const [reflected, setReflected] = useState("");
  const [seen, setSeen] = useState("");
  /** Canvas IDs to bring into view after an outside selection (`key`: the selection). */
  const [focus, setFocus] = useState<{ ids: string[]; key: string } | null>(null);

  const report = useCallback(
    (sel: Selection | null) => {
      setReflected(sel ? formatSelection(sel) : "");
      onSelectionChangeRef.current?.(sel);
    },
    [onSelectionChangeRef],
  );

  /**
   * Pans (at the same zoom) to what was clicked, a node or an endpoint's
   * label, when the side panel opening on its selection has covered it: it
   * comes to the middle of the canvas.
   */
  const keepInView = useCallback(
    (el: Element | null) => {
      const pane = el?.isConnected ? el.closest(".react-flow") : null;
      if (!el || !pane) return;
      const box = el.getBoundingClientRect();
      const view = pane.getBoundingClientRect();
      if (box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom) return;
      const { x, y, zoom } = getViewport();
      const dx = view.left + view.width / 2 - (box.left + box.width / 2);
      const dy = view.top + view.height / 2 - (box.top + box.height / 2);
      void setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 300 });
    },
    [getViewport, setViewport],
  );

  /**
   * The node last clicked, kept in view when the canvas narrows: the side
   * panel opens on the selection some time after the click (however long the
   * machine takes), and a ResizeObserver on the canvas sees it happen. Armed
   * until the next click or until the person moves the view themselves.
   */
  const reveal = useRef<Element | null>(null);
  const [pane, setPane] = useState<Element | null>(null);
  useEffect(() => {
    if (!pane) return;
    const observer = new ResizeObserver(() => keepInView(reveal.current));
    observer.observe(pane);
    return () => observer.disconnect();
  }, [pane, keepInView]);

  /** Brings `el` into view now (the panel may be open already), and again when the canvas narrows for it. */
  const arm = useCallback(
    (el: Element | null) => {
      reveal.current = el;
      if (!el) return;
      keepInView(el);
      setPane(el.closest(".react-flow"));
    },
    [keepInView],
  );

  /** An endpoint chosen by its label (`el`), which is kept in view as a clicked node is. */
  const selectEndpoint = useCallback(
    (edgeId: string, el?: Element) => {
      setEdges((es) => selectOnly(es, edgeId));
      setNodes((ns) => selectOnly(ns, ""));
      const sel = parseSelection(edgeId);
      report(sel);
      arm(sel && el ? el : null);
    },
    [report, setEdges, setNodes, arm],
  );

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (event, node) => {
      // Ctrl (Meta on macOS) adds to a multiple selection, which the URL does not carry.
      const sel = event.metaKey || event.ctrlKey ? null : parseSelection(node.id);
      report(sel);
      arm(sel && event.currentTarget instanceof Element ? event.currentTarget : null);
    },
    [report, arm],
  );
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // The person moves the view: their choice wins over keeping the clicked node in view.
    if (event) {
      reveal.current = null;
      forgetExpectedViewport();
    }
  }, []);
  const onEdgeClick: EdgeMouseHandler<FlowEdge> = useCallback(
    (event, edge) => {
      report(event.metaKey || event.ctrlKey ? null : parseSelection(edge.id));
      // A line is where it was clicked, and may be longer than the canvas: not panned to (its label would be).
      arm(null);
    },
    [report, arm],
  );
  const onPaneClick = useCallback(() => report(null), [report]);

  /**
   * The keyboard's click (Enter on a focused node or edge): selects it alone,
   * as a click would, and keeps a node in view as the panel opens. React
   * Flow's own keyboard selection sets its flags only; this also reaches the URL.
   */
  const activate = useCallback(
    (id: string, el: Element) => {
      setNodes((ns) => selectOnly(ns, id));
      setEdges((es) => selectOnly(es, id));
      const sel = parseSelection(id);
      report(sel);
      // A node, as a click on it; an edge's line is not panned to, as on a click.
      arm(sel && el.classList.contains("react-flow__node") ? el : null);
    },
    [report, arm, setNodes, setEdges],
  );
  const clear = useCallback(() => {
    setNodes((ns) => selectOnly(ns, ""));
    setEdges((es) => selectOnly(es, ""));
    report(null);
  }, [report, setNodes, setEdges]);
  // A box selection (Shift-drag) holds several objects, which the URL does not carry.
  const onSelectionEnd = useCallback(() => report(null), [report]);

  // ---- a selection made elsewhere ----------------------------------------------
  const selectionKey = selection ? formatSelection(selection) : "";
  if (selectionKey !== seen) {
    // Against this render's graph: a new topology may have been placed just before.
    const drawn = selectionKey === "" || graph.nodes.some((n) => n.id === selectionKey) || graph.edges.some((e) => e.id === selectionKey);
    // Functional updates, so they apply on top of a placement queued in the same render.
    const only = (key: string) => {
      setNodes((ns) => selectOnly(ns, key));
      setEdges((es) => selectOnly(es, key));
    };
    if (drawn) {
      setSeen(selectionKey);
      if (selectionKey !== reflected) {
        setReflected(selectionKey);
        only(selectionKey);
        if (selection && bringIntoView) setFocus({ key: selectionKey, ids: selection.kind === "endpoint" ? [networkNodeId(selection.networkId), sandboxNodeId(selection.sandboxId)] : [selectionKey] });
      }
    } else if (reflected !== "") {
      // Not drawn (filtered out, or gone): applied once it is. Meanwhile nothing
      // else stays selected, or Delete would act on what the panel no longer shows.
      setReflected("");
      only("");
    }
  }
  useEffect(() => {
    if (!focus) return;
    // After the nodes are measured (a link opened in a new tab selects before the first paint).
    // A saved view brings its own viewport with its selection (lib/client/viewport-intent): that one, not a fit.
    const timer = window.setTimeout(() => {
      const given = takeExpectedViewport(focus.key);
      void (given ? setViewport(given) : fitView({ nodes: focus.ids.map((id) => ({ id })), duration: 300, maxZoom: 1.1, padding: 0.4 }));
    }, 60);
    return () => window.clearTimeout(timer);
  }, [focus, fitView, setViewport]);

  return { selectEndpoint, onNodeClick, onEdgeClick, onPaneClick, onSelectionEnd, onMoveStart, activate, clear };
}
