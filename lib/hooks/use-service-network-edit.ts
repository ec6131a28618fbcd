"use client";
/** The service network change being asked for or under way (lib/editing/service-network-edit.ts), for the dialog and the canvas. */
import { useMemo, useSyncExternalStore } from "react";
import { pendingServiceEdge, serviceEditSnapshot, subscribeServiceEdit, type ServiceEditState } from "../editing/service-network-edit";

export function useServiceNetworkEdit(): ServiceEditState | null {
  return useSyncExternalStore(subscribeServiceEdit, serviceEditSnapshot, () => null);
}

/** The service edge to draw as pending (added, or going), or null: cancelled and refused changes draw nothing (rolled back). */
export function usePendingServiceEdge(): ReturnType<typeof pendingServiceEdge> {
  const state = useServiceNetworkEdit();
  return useMemo(() => pendingServiceEdge(state), [state]);
}
