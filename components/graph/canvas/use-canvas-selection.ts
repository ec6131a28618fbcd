"use client";
/**
 * Selection on the canvas. One selected node or endpoint is reported through
 * `onSelectionChange` (the dashboard keeps it in the URL); a selection made
 * elsewhere (a link, the search, the inspector, Back) is applied here and
 * brought into view. A node clicked stays in view when the side panel opening
 * on it narrows the canvas.
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
  const { getInternalNode, fitView, setCenter, getZoom, setViewport } = useReactFlow<FlowNode, FlowEdge>();
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

  const selectEndpoint = useCallback(
    (edgeId: string) => {
      setEdges((es) => selectOnly(es, edgeId));
      setNodes((ns) => selectOnly(ns, ""));
      report(parseSelection(edgeId));
    },
    [report, setEdges, setNodes],
  );

  /** Pans (at the same zoom) to a node the side panel, opening on its selection, has covered. */
  const keepInView = useCallback(
    (id: string, el: Element | null) => {
      const pane = el?.closest(".react-flow");
      const internal = getInternalNode(id);
      if (!el || !pane || !internal) return;
      const box = el.getBoundingClientRect();
      const view = pane.getBoundingClientRect();
      if (box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom) return;
      const { x, y } = internal.internals.positionAbsolute;
      void setCenter(x + (internal.measured.width ?? 0) / 2, y + (internal.measured.height ?? 0) / 2, { zoom: getZoom(), duration: 300 });
    },
    [getInternalNode, setCenter, getZoom],
  );

  /**
   * The node last clicked, kept in view when the canvas narrows: the side
   * panel opens on the selection some time after the click (however long the
   * machine takes), and a ResizeObserver on the canvas sees it happen. Armed
   * until the next click or until the person moves the view themselves.
   */
  const reveal = useRef<{ id: string; el: Element } | null>(null);
  const [pane, setPane] = useState<Element | null>(null);
  useEffect(() => {
    if (!pane) return;
    const observer = new ResizeObserver(() => {
      const r = reveal.current;
      if (r) keepInView(r.id, r.el);
    });
    observer.observe(pane);
    return () => observer.disconnect();
  }, [pane, keepInView]);

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback(
    (event, node) => {
      // Ctrl (Meta on macOS) adds to a multiple selection, which the URL does not carry.
      const sel = event.metaKey || event.ctrlKey ? null : parseSelection(node.id);
      report(sel);
      reveal.current = null;
      if (!sel) return;
      const el = event.currentTarget instanceof Element ? event.currentTarget : null;
      if (!el) return;
      // Now (the panel may be open already), and again when the canvas narrows for it.
      keepInView(node.id, el);
      reveal.current = { id: node.id, el };
      setPane(el.closest(".react-flow"));
    },
    [report, keepInView],
  );
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // The person moves the view: their choice wins over keeping the clicked node in view.
    if (event) {
      reveal.current = null;
      forgetExpectedViewport();
    }
  }, []);
  const onEdgeClick: EdgeMouseHandler<FlowEdge> = useCallback(
    (event, edge) => report(event.metaKey || event.ctrlKey ? null : parseSelection(edge.id)),
    [report],
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
      reveal.current = null;
      if (!sel || !el.classList.contains("react-flow__node")) return;
      keepInView(id, el);
      reveal.current = { id, el };
      setPane(el.closest(".react-flow"));
    },
    [report, keepInView, setNodes, setEdges],
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
