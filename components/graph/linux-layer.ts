"use client";
/**
 * The Linux layer for the canvas's nodes and edge labels: null while it is
 * off. A context, not node data: turning the layer on redraws the labels
 * that read it without rebuilding the graph.
 */
import { createContext, useContext } from "react";
import { endpointKey, type LinuxLayer, type LinuxSandbox } from "@/lib/datapath/layer";
import type { DatapathBridge, DatapathEndpoint } from "@/lib/datapath/types";

export const LinuxLayerContext = createContext<LinuxLayer | null>(null);

export function useLinuxLayer(): LinuxLayer | null {
  return useContext(LinuxLayerContext);
}

export function useLinuxEndpoint(networkId: string, sandboxId: string): DatapathEndpoint | undefined {
  return useContext(LinuxLayerContext)?.endpoints.get(endpointKey(networkId, sandboxId));
}

export function useLinuxBridge(networkId: string): DatapathBridge | undefined {
  return useContext(LinuxLayerContext)?.bridges.get(networkId);
}

export function useLinuxSandbox(sandboxId: string): LinuxSandbox | undefined {
  return useContext(LinuxLayerContext)?.sandboxes.get(sandboxId);
}
