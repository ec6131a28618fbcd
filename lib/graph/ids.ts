/** Stable canvas IDs derived from engine IDs (part of the public test contract). */
export const networkNodeId = (networkId: string): string => `net:${networkId}`;
export const sandboxNodeId = (sandboxId: string): string => `sbx:${sandboxId}`;
export const endpointEdgeId = (networkId: string, sandboxId: string): string => `ep:${networkId}:${sandboxId}`;
