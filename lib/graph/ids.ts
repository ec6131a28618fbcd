/** Stable canvas IDs derived from engine IDs (part of the public test contract). */
export const networkNodeId = (networkId: string): string => `net:${networkId}`;
export const sandboxNodeId = (sandboxId: string): string => `sbx:${sandboxId}`;
export const endpointEdgeId = (networkId: string, sandboxId: string): string => `ep:${networkId}:${sandboxId}`;
/** The engine's host: one node, drawn when a sandbox publishes a port or runs in host mode. */
export const HOST_NODE_ID = "host:engine";
export const portEdgeId = (sandboxId: string, hostIp: string, hostPort: number, protocol: string): string =>
  `port:${sandboxId}:${hostIp}:${hostPort}/${protocol}`;
export const hostModeEdgeId = (sandboxId: string): string => `hostmode:${sandboxId}`;
/** The sandbox node's handle that host edges (published ports, host mode) arrive at. */
export const SANDBOX_HOST_HANDLE = "host";
