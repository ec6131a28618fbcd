"use client";
/**
 * Drag a sandbox onto a network to connect it, or a swarm service onto an
 * overlay to attach it (`docker service update --network-add`, confirmed
 * first: its tasks restart). While dragging, the network under the pointer
 * shows whether the engine would accept it (a drop hint,
 * lib/editing/drop-target); dropped there, the node goes back where it was
 * and the change is sent (or, for a service, asked for). Dropped anywhere
 * else, the new place is the user's arrangement and is saved.
 */
import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { useReactFlow, type OnNodeDrag } from "@xyflow/react";
import { connectCommand } from "@/lib/commands/docker-cli";
import { candidateUnderPointer, dropHint, sameHint, serviceDropHint, type DropCandidate, type DropHint } from "@/lib/editing/drop-target";
import { requestServiceNetworkAdd } from "@/lib/editing/service-network-edit";
import { sentence } from "@/lib/editing/messages";
import type { XY } from "@/lib/graph/types";
import type { SavedPositions } from "@/lib/hooks/use-saved-positions";
import { sandboxName } from "@/lib/topology/describe";
import type { Topology } from "@/lib/topology/types";
import { useToast } from "../../editing/Toast";
import type { NetworkFlowNode } from "../NetworkNode";
import type { FlowEdge, FlowNode } from "./flow-types";
import { useConnect } from "./use-connect";
import { useLatest } from "./use-latest";

/** What may be dropped on a network: a sandbox (connect) or a service (--network-add). */
const DROPPABLE = new Set(["sandbox", "service"]);

/** A sandbox or service being dragged that may be dropped on a network: where it started. */
interface DragState {
  id: string;
  start: XY;
}

function clientPoint(event: MouseEvent | TouchEvent): XY | null {
  if ("clientX" in event) return { x: event.clientX, y: event.clientY };
  const t = event.changedTouches[0] ?? event.touches[0];
  return t ? { x: t.clientX, y: t.clientY } : null;
}

interface Options {
  editable: boolean;
  topology: Topology;
  setNodes: Dispatch<SetStateAction<FlowNode[]>>;
  saved: SavedPositions;
}

export function useDragToConnect({ editable, topology, setNodes, saved }: Options) {
  const { getIntersectingNodes, getInternalNode, screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();
  const toast = useToast();
  const connect = useConnect();
  const topologyRef = useLatest(topology);
  const [hint, setHint] = useState<DropHint | null>(null);
  const hintRef = useRef<DropHint | null>(null);
  const dragRef = useRef<DragState | null>(null);

  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback(
    (_event, node, dragged) => {
      dragRef.current = editable && DROPPABLE.has(node.type ?? "") && dragged.length <= 1 ? { id: node.id, start: { ...node.position } } : null;
    },
    [editable],
  );

  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback(
    (event, node) => {
      const drag = dragRef.current;
      if (!drag || drag.id !== node.id || !DROPPABLE.has(node.type ?? "")) return;
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
      const next = !target
        ? null
        : node.type === "service"
          ? serviceDropHint(target.id, node.data.service, target.data.network)
          : node.type === "sandbox"
            ? dropHint(target.id, node.data.sandbox, target.data.network, topologyRef.current)
            : null;
      if (!sameHint(hintRef.current, next)) {
        hintRef.current = next;
        setHint(next);
      }
    },
    [getIntersectingNodes, getInternalNode, screenToFlowPosition, topologyRef],
  );

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_event, node, dragged) => {
      const drag = dragRef.current;
      const target = hintRef.current;
      dragRef.current = null;
      hintRef.current = null;
      setHint(null);
      if (drag && target && drag.id === node.id && (node.type === "sandbox" || node.type === "service")) {
        // Dropped on a network: an action, not an arrangement. The node goes back.
        setNodes((ns) => ns.map((n) => (n.id === node.id ? { ...n, position: drag.start } : n)));
        if (!target.verdict.ok) {
          toast.error(`${node.type === "service" ? "Not attached" : "Not connected"}: ${sentence(target.verdict.reason)}`);
          return;
        }
        if (node.type === "service") {
          const service = node.data.service;
          // The dialog shows the command and asks: the service's tasks restart.
          if (!requestServiceNetworkAdd(service.id, target.networkId, { serviceName: service.name })) {
            toast.error(`Not attached: another change to a service is still with the engine.`);
          }
          return;
        }
        const sandbox = node.data.sandbox;
        const network = topologyRef.current.networks.find((n) => n.id === target.networkId);
        if (!network) return;
        const command = connectCommand(network.name, { container: sandboxName(sandbox) });
        void connect(sandbox, network, { container: sandbox.id }, command);
        return;
      }
      saved.save(Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])));
    },
    [saved, toast, connect, setNodes, topologyRef],
  );

  return { hint, onNodeDragStart, onNodeDrag, onNodeDragStop };
}
