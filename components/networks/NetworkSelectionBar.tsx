"use client";
/**
 * Actions on the selected network node(s), above the canvas. Reads the
 * selection from React Flow's store, so it needs no change to the canvas.
 * Must be rendered inside the ReactFlowProvider.
 */
import { useStore, type ReactFlowState } from "@xyflow/react";
import type { NetworkNodeData } from "@/lib/graph/types";
import type { Topology } from "@/lib/topology/types";
import { useNetworkActions } from "./network-actions";

/** IDs of the selected network nodes' networks, as one string so the selector's result compares by value. */
const selectedNetworkIds = (s: ReactFlowState): string =>
  s.nodes
    .filter((n) => n.selected && n.type === "network")
    .map((n) => (n.data as NetworkNodeData).network.id)
    .join(" ");

export function NetworkSelectionBar({ topology }: { topology: Topology }) {
  const actions = useNetworkActions();
  const ids = useStore(selectedNetworkIds);
  if (!actions || !ids) return null;
  const networks = ids
    .split(" ")
    .map((id) => topology.networks.find((n) => n.id === id))
    .filter((n) => n !== undefined);
  if (networks.length === 0) return null;

  return (
    <div className="pointer-events-none absolute bottom-3 left-1/2 z-10 flex -translate-x-1/2 flex-col items-center gap-1" data-testid="network-selection">
      {networks.map((n) => (
        <div key={n.id} className="pointer-events-auto flex items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-xs shadow-md" data-name={n.name}>
          <span className="text-slate-500">network</span>
          <span className="max-w-[240px] truncate font-semibold text-slate-900" title={n.name}>
            {n.name}
          </span>
          {n.predefined ? (
            <span className="text-slate-600" data-testid="predefined-explanation">
              predefined by Docker: it cannot be removed
            </span>
          ) : (
            <button
              type="button"
              data-testid="remove-selected-network"
              onClick={() => actions.remove(n)}
              className="rounded border border-red-300 px-2 py-0.5 font-medium text-red-700 hover:bg-red-50"
            >
              Remove…
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
