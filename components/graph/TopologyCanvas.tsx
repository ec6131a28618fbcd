"use client";
/**
 * The live CNM graph: React Flow fed by focused hooks (canvas/), as the
 * xyflow examples do.
 *
 * - use-canvas-graph: topology -> nodes and edges, grouped into clusters
 *   (automatically past 300 sandboxes), narrowed to a focus, unchanged ones
 *   shared, so a patch that changes one endpoint redraws that edge and its
 *   two nodes.
 * - use-placement: positions (kept, saved, placed for new nodes).
 * - use-canvas-selection: one selection, reported to and applied from the URL.
 * - use-drag-to-connect, use-disconnect, use-connect: editing (hidden in
 *   read-only mode). The canvas never draws an endpoint the engine does not
 *   have: after each action the topology is read again and drawn.
 * - use-detail: compact nodes and no edge labels when zoomed out, following
 *   the settled zoom (settled-zoom: faces change when a pan or a wheel ends,
 *   and a drag moves the drawing as one layer).
 * A `highlight` dims what the selection does not concern.
 */
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { Controls, MiniMap, Panel, ReactFlow, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { parseEndpointEdgeId, planDisconnect, type EndpointRef } from "@/lib/editing/disconnect-plan";
import { withClassNames } from "@/lib/graph/flow";
import { edgeEmphasised, type Highlight } from "@/lib/graph/highlight";
import { endpointEdgeId, sandboxNodeId } from "@/lib/graph/ids";
import type { GraphNode } from "@/lib/graph/types";
import { detailAt, SMALL_DETAIL_ZOOM, SMALL_GRAPH, resolveGroup } from "@/lib/graph/view";
import type { GraphView } from "@/lib/hooks/use-graph-view";
import { formatSelection, type Selection } from "@/lib/selection";
import type { Topology } from "@/lib/topology/types";
import { useSavedPositions } from "@/lib/hooks/use-saved-positions";
import { ConnectDialog, type ConnectRequest } from "../editing/ConnectDialog";
import { DisconnectDialog } from "../editing/DisconnectDialog";
import { CanvasEditingContext, DropHintContext, type CanvasEditing } from "../editing/editing-context";
import { SelectionPanel } from "../editing/SelectionPanel";
import { NetworkNode, type NetworkFlowNode } from "./NetworkNode";
import { SandboxNode } from "./SandboxNode";
import { EndpointEdge } from "./EndpointEdge";
import { HostNode } from "./HostNode";
import { HostModeEdge, PortEdge } from "./PortEdge";
import { DotBackground } from "./DotBackground";
import { driverStyle } from "./driver-style";
import { HighlightContext } from "./highlight-context";
import type { FlowEdge, FlowNode } from "./canvas/flow-types";
import { useCanvasSelection } from "./canvas/use-canvas-selection";
import { useCanvasKeyboard } from "./canvas/use-canvas-keyboard";
import { useConnect } from "./canvas/use-connect";
import { useDisconnect } from "./canvas/use-disconnect";
import { useDragToConnect } from "./canvas/use-drag-to-connect";
import { usePlacement } from "./canvas/use-placement";
import { useCanvasGraph } from "./canvas/use-canvas-graph";
import { SettledZoomContext, useSettledValue, useSettledZoomStore, ZoomSettler } from "./canvas/settled-zoom";
import { capturePaneDrag } from "./canvas/pane-drag";
import { ClusterNode } from "./ClusterNode";
import { ServiceNode } from "./ServiceNode";
import { ServiceEdge } from "./ServiceEdge";
import { SwarmStatus } from "./SwarmStatus";
import { LinkEdge } from "./LinkEdge";
import { FocusControl, LinuxStatus, ViewControls } from "./ViewControls";
import { LinuxLayerContext } from "./linux-layer";
import { ExportMenu } from "./ExportMenu";
import { datapathVersion, useDatapath } from "@/lib/hooks/use-datapath";
import { useDrawnTheme } from "../theme/use-theme";
import { PresentContext, PresentLabelRoomContext } from "./present-context";
import { labelRooms } from "@/lib/graph/label-room";
import { NETWORK_WIDTH } from "@/lib/graph/to-graph";

const nodeTypes: NodeTypes = { network: NetworkNode, sandbox: SandboxNode, host: HostNode, cluster: ClusterNode, service: ServiceNode };
const edgeTypes: EdgeTypes = { endpoint: EndpointEdge, port: PortEdge, "host-mode": HostModeEdge, link: LinkEdge, service: ServiceEdge };
const FAR_VIEWPORT = { x: 0, y: 0, zoom: SMALL_DETAIL_ZOOM / 2 };
const NEAR_VIEWPORT = { x: 0, y: 0, zoom: 1 };
/**
 * One object for the life of the page: React Flow copies a new `fitViewOptions`
 * into its store, and every store update runs the selectors of every node,
 * edge and handle drawn (at 1,000 sandboxes, a literal here cost two extra
 * such rounds for each patch drawn).
 */
const FIT_VIEW_OPTIONS = { padding: 0.08 };
/**
 * Past this many nodes, zoomed in (full detail), only what is in view is
 * rendered: panning a zoomed-in view of a large engine stays smooth. Zoomed
 * out, everything is drawn (compact): most of it is in view anyway, and then
 * nothing mounts while a pan or a wheel moves the view, a drag moves the
 * drawing as one layer (settled-zoom), and no visibility test of every node
 * and edge runs on each frame.
 */
const VISIBLE_ONLY_FROM = 300;

function emphasisClass(h: Highlight, node: FlowNode): string | undefined {
  // A cluster stands for its sandboxes: drawn plain when the highlight keeps any of them.
  if (node.type === "cluster") return node.data.members.some((m) => h.nodes.has(m)) ? undefined : "cnmap-dim";
  const e = h.nodes.get(node.id);
  return e === undefined ? "cnmap-dim" : e === "focus" ? "cnmap-focus" : e === "reach" ? "cnmap-reach" : undefined;
}

/** Whether an edge stays at full strength; a link into a cluster does when its source and one of the cluster's sandboxes do. */
function edgeKept(h: Highlight, e: FlowEdge, clusters: ReadonlyMap<string, readonly string[]>): boolean {
  if (e.type !== "link") return edgeEmphasised(h, e);
  return h.nodes.has(e.source) && (clusters.get(e.target) ?? []).some((m) => h.nodes.has(m));
}

const NO_VIEW: GraphView = { group: "none", setGroup: () => undefined, focus: null, setFocus: () => undefined, linux: false, setLinux: () => undefined };

/** The name a person knows a canvas node by. */
function nodeName(n: GraphNode | undefined): string {
  if (!n) return "";
  switch (n.type) {
    case "network":
      return n.data.network.name;
    case "sandbox":
      return n.data.ownerName;
    case "cluster":
      return n.data.label;
    case "host":
      return "the host";
    case "service":
      return n.data.service.name;
  }
}

const miniMapColor = (n: FlowNode): string =>
  n.type === "network" ? driverStyle((n as NetworkFlowNode).data.network.driver).stroke : n.type === "host" ? "#d97706" : n.type === "service" ? "#6366f1" : "#94a3b8";

interface Props {
  topology: Topology;
  editable?: boolean;
  selection?: Selection | null;
  onSelectionChange?(sel: Selection | null): void;
  highlight?: Highlight | null;
  /** Grouping and focus (kept in the URL by the dashboard); each sandbox, no focus, when absent. */
  view?: GraphView;
  /**
   * A presentation screen: nothing can be edited or dragged, no tools on the
   * canvas, names sized for a room (present-context).
   */
  present?: boolean;
  /** Canvas node and edge IDs that pulse (a change just seen). */
  pulse?: ReadonlySet<string>;
  /** Drawn inside React Flow (for what needs its store, such as fitting the view on a change). */
  children?: ReactNode;
}

const NO_PULSE: ReadonlySet<string> = new Set();

/** What a screen reader says about the canvas's keys: cnmap's own (use-canvas-keyboard), not React Flow's defaults of moving and deleting nodes. */
const KEYS_NODE = "Press Enter or Space to inspect it, the arrow keys to move to the nearest node in that direction, Escape to clear the selection.";
const ARIA_READ_ONLY = {
  "node.a11yDescription.default": KEYS_NODE,
  "node.a11yDescription.keyboardDisabled": KEYS_NODE,
  "edge.a11yDescription.default": "Press Enter or Space to select it and inspect it, Escape to clear the selection.",
};
const ARIA_EDITABLE = {
  ...ARIA_READ_ONLY,
  "edge.a11yDescription.default": "Press Enter or Space to select it and inspect it; on an endpoint, Delete then disconnects it. Escape clears the selection.",
};

/** Class names joined, or undefined when there are none. */
function classes(...names: (string | undefined)[]): string | undefined {
  const kept = names.filter((n): n is string => n !== undefined);
  return kept.length > 0 ? kept.join(" ") : undefined;
}

export function TopologyCanvas({
  topology,
  editable: canEdit = false,
  selection = null,
  onSelectionChange,
  highlight = null,
  view = NO_VIEW,
  present = false,
  pulse = NO_PULSE,
  children,
}: Props) {
  // Read-only on a presentation screen, whatever the person's role.
  const editable = canEdit && !present;
  const theme = useDrawnTheme();
  const saved = useSavedPositions(topology.engine.host);
  const auto = resolveGroup("auto", topology.sandboxes.length);
  const by = resolveGroup(view.group, topology.sandboxes.length);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const { graph, base } = useCanvasGraph(topology, { by, expanded, focus: view.focus, selection });
  // A presentation lays out in blocks at any size: a wide dagre strip would fit at a zoom no room can read.
  const { nodes, edges, setNodes, setEdges, onNodesChange, onEdgesChange, resetLayout } = usePlacement(graph, saved, { blocks: present || by !== "none" });
  const startViewport = nodes.length > SMALL_GRAPH ? FAR_VIEWPORT : NEAR_VIEWPORT;
  const settledZoom = useSettledZoomStore(startViewport.zoom, nodes.length);
  const zoomedIn = useSettledValue(settledZoom, (zoom, count) => detailAt(zoom, count) === "full");
  const visibleOnly = nodes.length >= VISIBLE_ONLY_FROM && zoomedIn;
  const [connectFor, setConnectFor] = useState<string | null>(null);
  const connect = useConnect();
  const disconnect = useDisconnect({ graph, edges, topology, editable, otherDialogOpen: connectFor !== null });
  const drag = useDragToConnect({ editable, topology, setNodes, saved });
  const select = useCanvasSelection({ graph, selection, onSelectionChange, setNodes, setEdges, bringIntoView: !present });
  const { requestDisconnect, hidden } = disconnect;
  const datapath = useDatapath(view.linux, datapathVersion(topology));

  const openConnect = useCallback((sandboxId: string) => setConnectFor(sandboxId), []);
  const toggleCluster = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  // A presentation's network names are large: each may take the room up to the next network beside it.
  const rooms = useMemo(
    () =>
      present
        ? labelRooms(
            nodes.filter((n) => n.type === "network").map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: NETWORK_WIDTH })),
            NETWORK_WIDTH + 120,
          )
        : null,
    [present, nodes],
  );
  const onKeyDownCapture = useCanvasKeyboard({ activate: select.activate, clear: select.clear, toggleCluster });
  const editing = useMemo<CanvasEditing>(
    () => ({ editable, openConnect, selectEndpoint: select.selectEndpoint, requestDisconnect, toggleCluster }),
    [editable, openConnect, select.selectEndpoint, requestDisconnect, toggleCluster],
  );

  // Focus: on the selected node (an endpoint's sandbox), named as people know it.
  const byId = useMemo(() => new Map([...base.nodes, ...graph.nodes].map((n) => [n.id, n])), [base, graph]);
  const focusTarget = selection ? (selection.kind === "endpoint" ? sandboxNodeId(selection.sandboxId) : formatSelection(selection)) : null;
  const focusable = focusTarget && focusTarget !== view.focus && byId.has(focusTarget) ? { id: focusTarget, name: nodeName(byId.get(focusTarget)) } : null;
  const focus = view.focus ? { id: view.focus, name: nodeName(byId.get(view.focus)) || view.focus } : null;
  const openClusters = by === "none" ? 0 : expanded.size;

  // ---- what is drawn: a highlight dims what it does not concern, reusing unchanged objects ----
  // Caches of the dimmed copies (mutable, held for the canvas's life; not state that renders).
  const [edgeClasses] = useState(() => new Map<string, { base: FlowEdge; className: string; out: FlowEdge }>());
  const [nodeClasses] = useState(() => new Map<string, { base: FlowNode; className: string; out: FlowNode }>());
  const clusters = useMemo(() => new Map(graph.nodes.flatMap((n) => (n.type === "cluster" ? [[n.id, n.data.members] as const] : []))), [graph]);
  const visibleEdges = useMemo(() => {
    const shown = hidden.size === 0 ? edges : edges.filter((e) => !hidden.has(e.id));
    return withClassNames(
      shown,
      (e) => classes(highlight && !edgeKept(highlight, e, clusters) ? "cnmap-dim" : undefined, pulse.has(e.id) ? "cnmap-pulse" : undefined),
      edgeClasses,
    );
  }, [edges, hidden, highlight, edgeClasses, clusters, pulse]);
  const drawnNodes = useMemo(
    () => withClassNames(nodes, (n) => classes(highlight ? emphasisClass(highlight, n) : undefined, pulse.has(n.id) ? "cnmap-pulse" : undefined), nodeClasses),
    [nodes, highlight, nodeClasses, pulse],
  );

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
      <DropHintContext.Provider value={drag.hint}>
        <HighlightContext.Provider value={highlight}>
          <LinuxLayerContext.Provider value={datapath.layer}>
          <PresentContext.Provider value={present}>
          <PresentLabelRoomContext.Provider value={rooms}>
          <SettledZoomContext.Provider value={settledZoom}>
          <ReactFlow<FlowNode, FlowEdge>
            colorMode={theme}
            onKeyDownCapture={onKeyDownCapture}
            onPointerDownCapture={capturePaneDrag}
            ariaLabelConfig={editable ? ARIA_EDITABLE : ARIA_READ_ONLY}
            nodes={drawnNodes}
            edges={visibleEdges}
            onNodeClick={select.onNodeClick}
            onMoveStart={select.onMoveStart}
            onEdgeClick={select.onEdgeClick}
            onPaneClick={select.onPaneClick}
            onSelectionEnd={select.onSelectionEnd}
            // Dragging arranges; only a click selects (and reaches the URL).
            selectNodesOnDrag={false}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={drag.onNodeDragStart}
            onNodeDrag={drag.onNodeDrag}
            onNodeDragStop={drag.onNodeDragStop}
            nodesDraggable={!present}
            onlyRenderVisibleElements={visibleOnly}
            nodesConnectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            // A large graph starts zoomed out, as its fit will be: its nodes are drawn compact once,
            // not in full at 100% and again compact when the view fits.
            defaultViewport={startViewport}
            minZoom={0.05}
            maxZoom={2}
            proOptions={{ hideAttribution: false }}
          >
            <ZoomSettler store={settledZoom} layer={!visibleOnly} />
            <DotBackground gap={24} color="var(--color-slate-200)" />
            {children}
            {!present && <Controls showInteractive={false} />}
            {!present && <MiniMap pannable zoomable nodeColor={miniMapColor} />}
            {!present && topology.swarm && (
              <Panel position="top-left">
                <SwarmStatus swarm={topology.swarm} services={topology.services.length} />
              </Panel>
            )}
            {!present && (
            <Panel position="top-right">
              <ViewControls
                group={view.group}
                drawn={by}
                auto={auto}
                onGroupChange={view.setGroup}
                openClusters={openClusters}
                onCollapseAll={() => setExpanded(new Set())}
                onResetLayout={resetLayout}
                linux={view.linux}
                onLinuxChange={view.setLinux}
                exportMenu={<ExportMenu />}
              />
              {/* Focus sits with the view controls: the bottom centre is the selected network's bar, the top centre the endpoint panel. */}
              <div className="mt-1.5 flex justify-end">
                <FocusControl focusable={focusable} focus={focus} onFocusChange={view.setFocus} />
              </div>
              {view.linux && <LinuxStatus layer={datapath.layer} error={datapath.error} loading={datapath.loading} />}
            </Panel>
            )}
            {editable && (
              <Panel position="top-center">
                <SelectionPanel
                  plan={selectedPlan}
                  sandbox={selectedSandbox}
                  force={disconnect.force}
                  onForceChange={disconnect.setForce}
                  onDisconnect={() => selectedPlan && requestDisconnect(selectedPlan.items.map((it) => endpointEdgeId(it.networkId, it.sandboxId)))}
                  onConnect={openConnect}
                />
              </Panel>
            )}
          </ReactFlow>
          </SettledZoomContext.Provider>
          </PresentLabelRoomContext.Provider>
          </PresentContext.Provider>
          </LinuxLayerContext.Provider>
        </HighlightContext.Provider>
        {editable && connectSandbox && (
          <ConnectDialog
            key={connectSandbox.id}
            sandbox={connectSandbox}
            topology={topology}
            onClose={() => setConnectFor(null)}
            onSubmit={({ network, body, command }: ConnectRequest) => connect(connectSandbox, network, body, command)}
          />
        )}
        {editable && disconnect.confirmPlan && (
          <DisconnectDialog
            plan={disconnect.confirmPlan}
            force={disconnect.force}
            onForceChange={disconnect.setForce}
            onClose={disconnect.cancelConfirm}
            onConfirm={disconnect.confirm}
          />
        )}
      </DropHintContext.Provider>
    </CanvasEditingContext.Provider>
  );
}
