"use client";
/**
 * The live CNM graph. Node and edge data come from the topology on every
 * update; positions are the canvas's own: nodes already drawn or placed by the
 * user keep theirs, new nodes get an automatic position (lib/graph/layout).
 */
import { useCallback, useMemo, useState } from "react";
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type OnNodeDrag,
} from "@xyflow/react";
import { topologyToGraph } from "@/lib/graph/to-graph";
import { placeNodes } from "@/lib/graph/layout";
import type { Graph, XY } from "@/lib/graph/types";
import type { Topology } from "@/lib/topology/types";
import { useSavedPositions } from "@/lib/hooks/use-saved-positions";
import { NetworkNode, type NetworkFlowNode } from "./NetworkNode";
import { SandboxNode, type SandboxFlowNode } from "./SandboxNode";
import { EndpointEdge, type EndpointFlowEdge } from "./EndpointEdge";
import { driverStyle } from "./driver-style";

type FlowNode = NetworkFlowNode | SandboxFlowNode;

const nodeTypes: NodeTypes = { network: NetworkNode, sandbox: SandboxNode };
const edgeTypes: EdgeTypes = { endpoint: EndpointEdge };

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

function toEdges(graph: Graph, previous: readonly EndpointFlowEdge[]): EndpointFlowEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  return graph.edges.map((e) => ({ ...e, selected: selected.has(e.id), zIndex: 1 }));
}

export function TopologyCanvas({ topology }: { topology: Topology }) {
  const saved = useSavedPositions(topology.engine.host);
  const graph = useMemo(() => topologyToGraph(topology), [topology]);

  const [nodes, setNodes] = useState<FlowNode[]>(() => place(graph, saved.load(), []));
  const [edges, setEdges] = useState<EndpointFlowEdge[]>(() => toEdges(graph, []));
  const [shownGraph, setShownGraph] = useState(graph);

  // A new topology: keep every position we have, place only new nodes.
  if (graph !== shownGraph) {
    setShownGraph(graph);
    const known = saved.load();
    for (const n of nodes) known.set(n.id, n.position);
    setNodes(place(graph, known, nodes));
    setEdges(toEdges(graph, edges));
  }

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const onEdgesChange = useCallback(
    (changes: EdgeChange<EndpointFlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );
  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_event, _node, dragged) => {
      saved.save(Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])));
    },
    [saved],
  );
  const resetLayout = useCallback(() => {
    saved.clear();
    setNodes((ns) => place(graph, new Map(), ns));
  }, [graph, saved]);

  return (
    <ReactFlow<FlowNode, EndpointFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
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
        nodeColor={(n) => (n.type === "network" ? driverStyle((n as NetworkFlowNode).data.network.driver).stroke : "#94a3b8")}
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
    </ReactFlow>
  );
}
