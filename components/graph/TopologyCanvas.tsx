"use client";
/**
 * The live CNM graph. Node and edge data come from the topology on every
 * update; positions are the canvas's own: nodes already drawn or placed by the
 * user keep theirs, new nodes get an automatic position (lib/graph/layout).
 *
 * Editing (hidden in read-only mode): drag a sandbox onto a network to
 * connect it; select an endpoint and press Delete/Backspace (or its
 * Disconnect button) to remove it; the sandbox menu or the selection panel
 * opens "connect with options". The canvas never draws an endpoint the engine
 * does not have: after each action it reloads the topology and draws that.
 *
 * Selection: one selected node or endpoint is reported through
 * `onSelectionChange` (the dashboard keeps it in the URL); a selection made
 * elsewhere (a link, the search, the inspector) is applied here and brought
 * into view. A `highlight` dims what the selection does not concern.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type OnNodeDrag,
  type EdgeMouseHandler,
  type NodeMouseHandler,
} from "@xyflow/react";
import type { ConnectBody } from "@/lib/api/schemas";
import { connectCommand } from "@/lib/commands/docker-cli";
import { candidateUnderPointer, dropHint, sameHint, type DropCandidate, type DropHint } from "@/lib/editing/drop-target";
import {
  disconnectBody,
  disconnectItemCommand,
  parseEndpointEdgeId,
  planDisconnect,
  type DisconnectPlan,
  type EndpointRef,
} from "@/lib/editing/disconnect-plan";
import { sentence } from "@/lib/editing/messages";
import { edgeEmphasised, type Highlight } from "@/lib/graph/highlight";
import { endpointEdgeId, networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import { formatSelection, parseSelection, type Selection } from "@/lib/selection";
import { topologyToGraph } from "@/lib/graph/to-graph";
import { placeNodes } from "@/lib/graph/layout";
import type { Graph, XY } from "@/lib/graph/types";
import type { Network, Sandbox, Topology } from "@/lib/topology/types";
import { useEndpointActions } from "@/lib/hooks/use-endpoint-actions";
import { useSavedPositions } from "@/lib/hooks/use-saved-positions";
import { ConnectDialog, type ConnectRequest } from "../editing/ConnectDialog";
import { DisconnectDialog } from "../editing/DisconnectDialog";
import { CanvasEditingContext, DropHintContext, type CanvasEditing } from "../editing/editing-context";
import { SelectionPanel } from "../editing/SelectionPanel";
import { useToast } from "../editing/Toast";
import { NetworkNode, type NetworkFlowNode } from "./NetworkNode";
import { SandboxNode, type SandboxFlowNode } from "./SandboxNode";
import { EndpointEdge, type EndpointFlowEdge } from "./EndpointEdge";
import { HostNode, type HostFlowNode } from "./HostNode";
import { HostModeEdge, PortEdge, type HostModeFlowEdge, type PortFlowEdge } from "./PortEdge";
import type { ClusterFlowNode } from "./ClusterNode";
import type { LinkFlowEdge } from "./LinkEdge";
import { driverStyle } from "./driver-style";
import { HighlightContext } from "./highlight-context";

type FlowNode = NetworkFlowNode | SandboxFlowNode | HostFlowNode | ClusterFlowNode;
type FlowEdge = EndpointFlowEdge | PortFlowEdge | HostModeFlowEdge | LinkFlowEdge;

const nodeTypes: NodeTypes = { network: NetworkNode, sandbox: SandboxNode, host: HostNode };
const edgeTypes: EdgeTypes = { endpoint: EndpointEdge, port: PortEdge, "host-mode": HostModeEdge };
/** Published ports point the way a request from outside travels. */
const PORT_ARROW = { type: MarkerType.ArrowClosed, color: "#d97706", width: 16, height: 16 };

function place(graph: Graph, known: ReadonlyMap<string, XY>, previous: readonly FlowNode[]): FlowNode[] {
  const positions = placeNodes(graph.nodes, graph.edges, known);
  const selected = new Set(previous.filter((n) => n.selected).map((n) => n.id));
  return graph.nodes.map(
    (n) =>
      ({
        id: n.id,
        type: n.type,
        data: n.data,
        position: positions.get(n.id) ?? { x: 0, y: 0 },
        selected: selected.has(n.id),
      }) as FlowNode,
  );
}

function toEdges(graph: Graph, previous: readonly FlowEdge[]): FlowEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  // Edges stay under the nodes they pass; their labels are lifted above nodes on their own.
  return graph.edges.map((e) => ({ ...e, selected: selected.has(e.id), ...(e.type === "port" ? { markerEnd: PORT_ARROW } : {}) }));
}

function clientPoint(event: MouseEvent | TouchEvent): XY | null {
  if ("clientX" in event) return { x: event.clientX, y: event.clientY };
  const t = event.changedTouches[0] ?? event.touches[0];
  return t ? { x: t.clientX, y: t.clientY } : null;
}

const ownerNameOf = (s: Sandbox): string => s.containers[0]?.name ?? s.id.slice(0, 12);

/** A sandbox being dragged that may be dropped on a network: where it started. */
interface DragState {
  id: string;
  start: XY;
}

function emphasisClass(h: Highlight | null, id: string): string | undefined {
  if (!h) return undefined;
  const e = h.nodes.get(id);
  return e === undefined ? "cnmap-dim" : e === "focus" ? "cnmap-focus" : e === "reach" ? "cnmap-reach" : undefined;
}

interface Props {
  topology: Topology;
  editable?: boolean;
  selection?: Selection | null;
  onSelectionChange?(sel: Selection | null): void;
  highlight?: Highlight | null;
}

export function TopologyCanvas({ topology, editable = false, selection = null, onSelectionChange, highlight = null }: Props) {
  const saved = useSavedPositions(topology.engine.host);
  const graph = useMemo(() => topologyToGraph(topology), [topology]);
  const { getIntersectingNodes, getInternalNode, screenToFlowPosition, fitView, setCenter, getZoom } = useReactFlow<FlowNode, FlowEdge>();
  const toast = useToast();
  const actions = useEndpointActions();

  const [nodes, setNodes] = useState<FlowNode[]>(() => place(graph, saved.load(), []));
  const [edges, setEdges] = useState<FlowEdge[]>(() => toEdges(graph, []));
  const [shownGraph, setShownGraph] = useState(graph);
  /** Endpoints hidden while their disconnect is in flight (they come back if it fails). */
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [hint, setHint] = useState<DropHint | null>(null);
  const [connectFor, setConnectFor] = useState<string | null>(null);
  const [confirmPlan, setConfirmPlan] = useState<DisconnectPlan | null>(null);
  const [force, setForce] = useState(false);

  // A new topology: keep every position we have, place only new nodes.
  if (graph !== shownGraph) {
    setShownGraph(graph);
    const known = saved.load();
    for (const n of nodes) known.set(n.id, n.position);
    setNodes(place(graph, known, nodes));
    setEdges(toEdges(graph, edges));
    // An endpoint hidden while being removed is forgotten once the engine no longer has it.
    if (hidden.size > 0) {
      const present = new Set(graph.edges.map((e) => e.id));
      const still = [...hidden].filter((id) => present.has(id));
      if (still.length !== hidden.size) setHidden(new Set(still));
    }
  }

  // Latest values for the stable callbacks given to nodes and edges through context.
  const topologyRef = useRef(topology);
  const forceRef = useRef(force);
  const hiddenRef = useRef(hidden);
  const hintRef = useRef<DropHint | null>(null);
  const dragRef = useRef<DragState | null>(null);
  useEffect(() => {
    topologyRef.current = topology;
    forceRef.current = force;
    hiddenRef.current = hidden;
  }, [topology, force, hidden]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );

  // ---- actions ----------------------------------------------------------------

  const connectWith = useCallback(
    async (sandbox: Sandbox, network: Network, body: ConnectBody, command: string): Promise<boolean> => {
      const who = ownerNameOf(sandbox);
      const result = await actions.connect(network.id, body);
      if (result.ok) toast.done(`Connected ${who} to ${network.name}.`, command);
      else toast.error(`Could not connect ${who} to ${network.name}: ${sentence(result.message)}`, command);
      return result.ok;
    },
    [actions, toast],
  );

  const unhide = useCallback((id: string) => {
    setHidden((h) => {
      if (!h.has(id)) return h;
      const next = new Set(h);
      next.delete(id);
      return next;
    });
  }, []);

  const runDisconnect = useCallback(
    async (plan: DisconnectPlan, withForce: boolean) => {
      const ids = plan.items.map((it) => endpointEdgeId(it.networkId, it.sandboxId));
      setHidden((h) => new Set([...h, ...ids]));
      for (const it of plan.items) {
        const id = endpointEdgeId(it.networkId, it.sandboxId);
        const command = disconnectItemCommand(it, withForce);
        const result = await actions.disconnect(it.networkId, disconnectBody(it, withForce));
        if (!result.ok) {
          unhide(id);
          toast.error(`Could not disconnect ${it.containerName} from ${it.networkName}: ${sentence(result.message)}`, command);
          continue;
        }
        // The engine has the last word: if it still reports the endpoint, draw it.
        if (result.topology?.endpoints.some((e) => e.networkId === it.networkId && e.sandboxId === it.sandboxId)) unhide(id);
        toast.done(`Disconnected ${it.containerName} from ${it.networkName}.`, command);
      }
    },
    [actions, toast, unhide],
  );

  const requestDisconnect = useCallback(
    (edgeIds: string[]) => {
      const refs = edgeIds
        .filter((id) => !hiddenRef.current.has(id))
        .map(parseEndpointEdgeId)
        .filter((r): r is EndpointRef => r !== null);
      const plan = planDisconnect(refs, topologyRef.current);
      if (plan.items.length === 0) return;
      if (plan.needsConfirm) setConfirmPlan(plan);
      else void runDisconnect(plan, forceRef.current);
    },
    [runDisconnect],
  );

  /**
   * `reflected`: the selection the canvas's own flags stand for (its canvas
   * ID, "" for none or several). `seen`: the last `selection` prop handled. A
   * new prop that differs from what the canvas shows came from elsewhere (a
   * link, the search, the inspector, Back) and is applied during render, the
   * way `graph` is above. The canvas reports only what a click chose (React
   * Flow's onSelectionChange also echoes changes made here, which looped).
   */
  const [reflected, setReflected] = useState("");
  const [seen, setSeen] = useState("");
  /** Canvas IDs to bring into view after an outside selection. */
  const [focus, setFocus] = useState<{ ids: string[] } | null>(null);
  const onSelectionChangeRef = useRef(onSelectionChange);
  useEffect(() => {
    onSelectionChangeRef.current = onSelectionChange;
  }, [onSelectionChange]);
  const report = useCallback((sel: Selection | null) => {
    setReflected(sel ? formatSelection(sel) : "");
    onSelectionChangeRef.current?.(sel);
  }, []);

  const selectEndpoint = useCallback(
    (edgeId: string) => {
      setEdges((es) => es.map((e) => (e.selected === (e.id === edgeId) ? e : { ...e, selected: e.id === edgeId })));
      setNodes((ns) => (ns.some((n) => n.selected) ? ns.map((n) => (n.selected ? { ...n, selected: false } : n)) : ns));
      report(parseSelection(edgeId));
    },
    [report],
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
    if (event) reveal.current = null;
  }, []);
  const onEdgeClick: EdgeMouseHandler<FlowEdge> = useCallback(
    (event, edge) => report(event.metaKey || event.ctrlKey ? null : parseSelection(edge.id)),
    [report],
  );
  const onPaneClick = useCallback(() => report(null), [report]);
  // A box selection (Shift-drag) holds several objects, which the URL does not carry.
  const onSelectionEnd = useCallback(() => report(null), [report]);

  const openConnect = useCallback((sandboxId: string) => setConnectFor(sandboxId), []);

  const editing = useMemo<CanvasEditing>(
    () => ({ editable, openConnect, selectEndpoint, requestDisconnect }),
    [editable, openConnect, selectEndpoint, requestDisconnect],
  );

  // ---- drag a sandbox onto a network ------------------------------------------

  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback(
    (_event, node, dragged) => {
      dragRef.current = editable && node.type === "sandbox" && dragged.length <= 1 ? { id: node.id, start: { ...node.position } } : null;
    },
    [editable],
  );

  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback(
    (event, node) => {
      const drag = dragRef.current;
      if (!drag || drag.id !== node.id || node.type !== "sandbox") return;
      const client = clientPoint(event);
      if (!client) return;
      const pointer = screenToFlowPosition(client);
      const networks = getIntersectingNodes(node).filter((n): n is NetworkFlowNode => n.type === "network");
      const candidates: DropCandidate[] = [];
      for (const n of networks) {
        const internal = getInternalNode(n.id);
        if (!internal) continue;
        const { x, y } = internal.internals.positionAbsolute;
        candidates.push({ id: n.id, box: { x, y, width: internal.measured.width ?? 0, height: internal.measured.height ?? 0 } });
      }
      const targetId = candidateUnderPointer(candidates, pointer);
      const target = targetId ? networks.find((n) => n.id === targetId) : undefined;
      const next = target ? dropHint(target.id, node.data.sandbox, target.data.network, topologyRef.current) : null;
      if (!sameHint(hintRef.current, next)) {
        hintRef.current = next;
        setHint(next);
      }
    },
    [getIntersectingNodes, getInternalNode, screenToFlowPosition],
  );

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_event, node, dragged) => {
      const drag = dragRef.current;
      const target = hintRef.current;
      dragRef.current = null;
      hintRef.current = null;
      setHint(null);
      if (drag && target && drag.id === node.id && node.type === "sandbox") {
        // Dropped on a network: an action, not an arrangement. The node goes back.
        setNodes((ns) => ns.map((n) => (n.id === node.id ? { ...n, position: drag.start } : n)));
        const sandbox = node.data.sandbox;
        if (!target.verdict.ok) {
          toast.error(`Not connected: ${sentence(target.verdict.reason)}`);
          return;
        }
        const network = topologyRef.current.networks.find((n) => n.id === target.networkId);
        if (!network) return;
        const command = connectCommand(network.name, { container: ownerNameOf(sandbox) });
        void connectWith(sandbox, network, { container: sandbox.id }, command);
        return;
      }
      saved.save(Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])));
    },
    [saved, toast, connectWith],
  );

  const resetLayout = useCallback(() => {
    saved.clear();
    setNodes((ns) => place(graph, new Map(), ns));
  }, [graph, saved]);

  // ---- Delete / Backspace on selected endpoints (never nodes) -------------------

  const dialogOpen = connectFor !== null || confirmPlan !== null;
  useEffect(() => {
    if (!editable || dialogOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== "Delete" && e.key !== "Backspace") || e.defaultPrevented || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      const ids = edges.filter((ed) => ed.selected && !hidden.has(ed.id)).map((ed) => ed.id);
      if (ids.length === 0) return;
      e.preventDefault();
      requestDisconnect(ids);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, dialogOpen, edges, hidden, requestDisconnect]);

  // ---- a selection made elsewhere ----------------------------------------------

  const selectionKey = selection ? formatSelection(selection) : "";
  if (selectionKey !== seen) {
    // Against this render's graph: a new topology may have been placed just above.
    const drawn = selectionKey === "" || graph.nodes.some((n) => n.id === selectionKey) || graph.edges.some((e) => e.id === selectionKey);
    // Functional updates, so they apply on top of a placement queued in the same render.
    const only = (key: string) => {
      setNodes((ns) => (ns.some((n) => n.selected !== (n.id === key)) ? ns.map((n) => (n.selected === (n.id === key) ? n : { ...n, selected: n.id === key })) : ns));
      setEdges((es) => (es.some((e) => e.selected !== (e.id === key)) ? es.map((e) => (e.selected === (e.id === key) ? e : { ...e, selected: e.id === key })) : es));
    };
    if (drawn) {
      setSeen(selectionKey);
      if (selectionKey !== reflected) {
        setReflected(selectionKey);
        only(selectionKey);
        if (selection) setFocus({ ids: selection.kind === "endpoint" ? [networkNodeId(selection.networkId), sandboxNodeId(selection.sandboxId)] : [selectionKey] });
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
    const timer = window.setTimeout(() => void fitView({ nodes: focus.ids.map((id) => ({ id })), duration: 300, maxZoom: 1.1, padding: 0.4 }), 60);
    return () => window.clearTimeout(timer);
  }, [focus, fitView]);

  // ---- what is drawn ------------------------------------------------------------

  const visibleEdges = useMemo(() => {
    const shown = hidden.size === 0 ? edges : edges.filter((e) => !hidden.has(e.id));
    if (!highlight) return shown;
    return shown.map((e) => (edgeEmphasised(highlight, e) ? e : { ...e, className: "cnmap-dim" }));
  }, [edges, hidden, highlight]);

  const drawnNodes = useMemo(() => {
    if (!highlight) return nodes;
    return nodes.map((n) => {
      const className = emphasisClass(highlight, n.id);
      return className ? { ...n, className } : n;
    });
  }, [nodes, highlight]);

  const selectedPlan = useMemo(() => {
    if (!editable) return null;
    const refs = visibleEdges.filter((e) => e.selected).map((e) => parseEndpointEdgeId(e.id)).filter((r): r is EndpointRef => r !== null);
    return refs.length > 0 ? planDisconnect(refs, topology) : null;
  }, [editable, visibleEdges, topology]);

  const selectedSandbox = useMemo(() => {
    if (!editable) return null;
    const selected = nodes.filter((n) => n.selected);
    const only = selected.length === 1 ? selected[0] : undefined;
    return only?.type === "sandbox" ? only.data.sandbox : null;
  }, [editable, nodes]);

  const connectSandbox = connectFor ? topology.sandboxes.find((s) => s.id === connectFor) : undefined;

  return (
    <CanvasEditingContext.Provider value={editing}>
      <DropHintContext.Provider value={hint}>
        <HighlightContext.Provider value={highlight}>
          <ReactFlow<FlowNode, FlowEdge>
            nodes={drawnNodes}
            edges={visibleEdges}
            onNodeClick={onNodeClick}
            onMoveStart={onMoveStart}
            onEdgeClick={onEdgeClick}
            onPaneClick={onPaneClick}
            onSelectionEnd={onSelectionEnd}
            // Dragging arranges; only a click selects (and reaches the URL).
            selectNodesOnDrag={false}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={onNodeDragStart}
            onNodeDrag={onNodeDrag}
            onNodeDragStop={onNodeDragStop}
            nodesConnectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={{ padding: 0.08 }}
            minZoom={0.05}
            maxZoom={2}
            proOptions={{ hideAttribution: false }}
          >
            <Background gap={24} color="#e2e8f0" />
            <Controls showInteractive={false} />
            <MiniMap
              pannable
              zoomable
              nodeColor={(n) =>
                n.type === "network" ? driverStyle((n as NetworkFlowNode).data.network.driver).stroke : n.type === "host" ? "#d97706" : "#94a3b8"
              }
            />
            <Panel position="top-right">
              <button
                type="button"
                onClick={resetLayout}
                className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50"
                title="Forget the arrangement and lay the whole graph out again"
              >
                Reset layout
              </button>
            </Panel>
            {editable && (
              <Panel position="top-center">
                <SelectionPanel
                  plan={selectedPlan}
                  sandbox={selectedSandbox}
                  force={force}
                  onForceChange={setForce}
                  onDisconnect={() => selectedPlan && requestDisconnect(selectedPlan.items.map((it) => endpointEdgeId(it.networkId, it.sandboxId)))}
                  onConnect={openConnect}
                />
              </Panel>
            )}
          </ReactFlow>
        </HighlightContext.Provider>
        {editable && connectSandbox && (
          <ConnectDialog
            key={connectSandbox.id}
            sandbox={connectSandbox}
            topology={topology}
            onClose={() => setConnectFor(null)}
            onSubmit={({ network, body, command }: ConnectRequest) => connectWith(connectSandbox, network, body, command)}
          />
        )}
        {editable && confirmPlan && (
          <DisconnectDialog
            plan={confirmPlan}
            force={force}
            onForceChange={setForce}
            onClose={() => setConfirmPlan(null)}
            onConfirm={() => {
              const plan = confirmPlan;
              setConfirmPlan(null);
              void runDisconnect(plan, force);
            }}
          />
        )}
      </DropHintContext.Provider>
    </CanvasEditingContext.Provider>
  );
}
