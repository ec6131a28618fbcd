"use client";
/** Header buttons: create a network, prune unused ones. Hidden when editing is off. */
import { useNetworkActions } from "./network-actions";

export function NetworkToolbar() {
  const actions = useNetworkActions();
  if (!actions) return null;
  return (
    <div className="flex items-center gap-2" data-testid="network-toolbar">
      <button
        type="button"
        data-testid="new-network"
        onClick={actions.create}
        className="rounded bg-sky-700 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-sky-800"
        title="Create a network (docker network create)"
      >
        New network
      </button>
      <button
        type="button"
        data-testid="prune-networks"
        onClick={actions.prune}
        className="rounded border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50"
        title="Remove networks no container uses (docker network prune)"
      >
        Prune networks…
      </button>
    </div>
  );
}
