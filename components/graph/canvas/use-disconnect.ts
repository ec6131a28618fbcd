"use client";
/**
 * Removing endpoints from the canvas: an endpoint being removed is hidden at
 * once and comes back if the engine refuses (or still reports it); a last
 * endpoint asks first (DisconnectDialog). Delete or Backspace removes the
 * selected endpoints, never nodes; on a selected service edge it asks to
 * detach the service (`docker service update --network-rm`).
 */
import { useCallback, useEffect, useState } from "react";
import {
  disconnectBody,
  disconnectItemCommand,
  parseEndpointEdgeId,
  planDisconnect,
  type DisconnectPlan,
  type EndpointRef,
} from "@/lib/editing/disconnect-plan";
import { sentence } from "@/lib/editing/messages";
import { requestServiceNetworkRm } from "@/lib/editing/service-network-edit";
import { endpointEdgeId, parseServiceEdgeId } from "@/lib/graph/ids";
import type { Graph } from "@/lib/graph/types";
import { useEndpointActions } from "@/lib/hooks/use-endpoint-actions";
import type { Topology } from "@/lib/topology/types";
import { useToast } from "../../editing/Toast";
import type { FlowEdge } from "./flow-types";
import { useLatest } from "./use-latest";

interface Options {
  graph: Graph;
  edges: readonly FlowEdge[];
  topology: Topology;
  editable: boolean;
  /** Another dialog is open: the Delete key is not the canvas's. */
  otherDialogOpen: boolean;
}

export function useDisconnect({ graph, edges, topology, editable, otherDialogOpen }: Options) {
  const toast = useToast();
  const actions = useEndpointActions();
  /** Endpoints hidden while their disconnect is in flight (they come back if it fails). */
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [confirmPlan, setConfirmPlan] = useState<DisconnectPlan | null>(null);
  const [force, setForce] = useState(false);
  const [seenGraph, setSeenGraph] = useState(graph);
  const topologyRef = useLatest(topology);
  const hiddenRef = useLatest(hidden);
  const forceRef = useLatest(force);

  // An endpoint hidden while being removed is forgotten once the engine no longer has it.
  if (graph !== seenGraph) {
    setSeenGraph(graph);
    if (hidden.size > 0) {
      const present = new Set(graph.edges.map((e) => e.id));
      const still = [...hidden].filter((id) => present.has(id));
      if (still.length !== hidden.size) setHidden(new Set(still));
    }
  }

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
    [runDisconnect, hiddenRef, topologyRef, forceRef],
  );

  const confirm = useCallback(() => {
    if (!confirmPlan) return;
    setConfirmPlan(null);
    void runDisconnect(confirmPlan, force);
  }, [confirmPlan, force, runDisconnect]);

  const dialogOpen = otherDialogOpen || confirmPlan !== null;
  // The key reads the selection as last rendered, not as it was when the listener was added:
  // a Delete pressed right after a click, before effects ran again, acted on the old selection.
  const edgesRef = useLatest(edges);
  useEffect(() => {
    if (!editable || dialogOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== "Delete" && e.key !== "Backspace") || e.defaultPrevented || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      // While any dialog is open the keys are its own, not the canvas's (even with focus fallen to the page).
      if (el?.closest?.("dialog") || document.querySelector("dialog[open]")) return;
      const selected = edgesRef.current.filter((ed) => ed.selected && !hiddenRef.current.has(ed.id));
      const service = selected.find((ed) => ed.type === "service" && ed.data && !ed.data.ingress);
      const ids = selected.filter((ed) => ed.type === "endpoint").map((ed) => ed.id);
      if (ids.length === 0 && !service) return;
      e.preventDefault();
      if (ids.length > 0) requestDisconnect(ids);
      // One service change at a time: the dialog confirms it (its tasks restart).
      else if (service) {
        const ref = parseServiceEdgeId(service.id);
        const name = topologyRef.current.services.find((s) => s.id === ref?.serviceId)?.name;
        if (ref) requestServiceNetworkRm(ref.serviceId, ref.networkId, name ? { serviceName: name } : {});
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, dialogOpen, edgesRef, hiddenRef, requestDisconnect, topologyRef]);

  return {
    hidden,
    requestDisconnect,
    confirmPlan,
    cancelConfirm: useCallback(() => setConfirmPlan(null), []),
    confirm,
    force,
    setForce,
  };
}
