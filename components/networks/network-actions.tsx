"use client";
/**
 * Network editing for the whole page: which dialog is open, and the actions
 * the toolbar, the network nodes and the selection bar may call. When the
 * server is read-only the actions are null and every control hides itself.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { Network, Topology } from "@/lib/topology/types";
import { useAdministrable } from "@/lib/hooks/use-health";
import { CreateNetworkForm } from "./CreateNetworkForm";
import { PruneDialog } from "./PruneDialog";
import { RemoveNetworkDialog } from "./RemoveNetworkDialog";

export interface NetworkActions {
  create(): void;
  prune(): void;
  remove(network: Pick<Network, "id" | "name">): void;
}

const NetworkActionsContext = createContext<NetworkActions | null>(null);

/** The editing actions, or null when editing is off (read-only server, or no provider). */
export function useNetworkActions(): NetworkActions | null {
  return useContext(NetworkActionsContext);
}

type Open = { kind: "create" } | { kind: "prune" } | { kind: "remove"; id: string; name: string } | null;

export function NetworkEditingProvider({ topology, children }: { topology?: Topology; children: ReactNode }) {
  // Creating, removing and pruning networks is for admins.
  const editable = useAdministrable();
  const [open, setOpen] = useState<Open>(null);
  const actions = useMemo<NetworkActions>(
    () => ({
      create: () => setOpen({ kind: "create" }),
      prune: () => setOpen({ kind: "prune" }),
      remove: (n) => setOpen({ kind: "remove", id: n.id, name: n.name }),
    }),
    [],
  );
  const close = (): void => setOpen(null);
  const editing = editable && topology !== undefined;

  return (
    <NetworkActionsContext.Provider value={editing ? actions : null}>
      {children}
      {editing && open?.kind === "create" && <CreateNetworkForm topology={topology} onClose={close} />}
      {editing && open?.kind === "prune" && <PruneDialog onClose={close} />}
      {editing && open?.kind === "remove" && <RemoveNetworkDialog topology={topology} networkId={open.id} networkName={open.name} onClose={close} />}
    </NetworkActionsContext.Provider>
  );
}
