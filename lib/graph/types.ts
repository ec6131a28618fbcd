/**
 * Canvas shapes produced by the pure graph transforms. They are structurally
 * React Flow's `Node`/`Edge`, declared here so lib/ needs no React import.
 */
import type { Endpoint, Network, Sandbox } from "../topology/types";

export interface NetworkNodeData extends Record<string, unknown> {
  network: Network;
  /** Linux bridge device, for bridge networks. */
  bridge: string | null;
  flags: string[];
  defaultBridge: boolean;
  /** Whether containers on it resolve each other's names. */
  dns: boolean;
  endpointCount: number;
}

export interface SandboxNodeData extends Record<string, unknown> {
  sandbox: Sandbox;
  /** Name of the container whose namespace this is. */
  ownerName: string;
  /** True when the namespace's owner is not running: its endpoints are inactive. */
  stopped: boolean;
}

export interface EndpointEdgeData extends Record<string, unknown> {
  endpoint: Endpoint;
  networkName: string;
  /** The network's driver, for colouring. */
  driver: string;
  ownerName: string;
}

export interface XY {
  x: number;
  y: number;
}

interface GraphNodeBase<T extends string, D> {
  id: string;
  type: T;
  position: XY;
  data: D;
  /** Estimated size, for layout before the browser has measured the node. */
  width: number;
  height: number;
}

export type NetworkGraphNode = GraphNodeBase<"network", NetworkNodeData>;
export type SandboxGraphNode = GraphNodeBase<"sandbox", SandboxNodeData>;
export type GraphNode = NetworkGraphNode | SandboxGraphNode;

export interface GraphEdge {
  id: string;
  type: "endpoint";
  source: string;
  target: string;
  data: EndpointEdgeData;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
