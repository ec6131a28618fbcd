/** Stable canvas IDs derived from engine IDs (part of the public test contract). */
export const networkNodeId = (networkId: string): string => `net:${networkId}`;
export const sandboxNodeId = (sandboxId: string): string => `sbx:${sandboxId}`;
export const endpointEdgeId = (networkId: string, sandboxId: string): string => `ep:${networkId}:${sandboxId}`;
/** The engine's host: one node, drawn when a sandbox publishes a port or runs in host mode. */
export const HOST_NODE_ID = "host:engine";
export const portEdgeId = (sandboxId: string, hostIp: string, hostPort: number, protocol: string): string =>
  `port:${sandboxId}:${hostIp}:${hostPort}/${protocol}`;
export const hostModeEdgeId = (sandboxId: string): string => `hostmode:${sandboxId}`;
/** A cluster node: the sandboxes of one network (`key` its engine ID, or "unattached") or of one compose project. */
export const clusterNodeId = (by: "network" | "project", key: string): string => `cluster:${by}:${key}`;
/** The key of the cluster of sandboxes that are on no network. */
export const UNATTACHED_KEY = "unattached";
/** A link edge: the edges from one node into one cluster's sandboxes, drawn as one. */
export const linkEdgeId = (source: string, clusterId: string): string => `link:${source}->${clusterId}`;
/** The handle that host edges (published ports, host mode) arrive at, on sandbox and cluster nodes. */
export const SANDBOX_HOST_HANDLE = "host";
/** A swarm service (its engine ID: 25 lowercase letters and digits). */
export const serviceNodeId = (serviceId: string): string => `svc:${serviceId}`;
/** A service attached to a network: the edge from the network to the service, labelled with the service's VIP there. */
export const serviceEdgeId = (serviceId: string, networkId: string): string => `svcnet:${serviceId}:${networkId}`;

/** The service and network of a service edge's ID, or null for any other ID. */
export function parseServiceEdgeId(id: string): { serviceId: string; networkId: string } | null {
  const m = /^svcnet:([^:]+):([^:]+)$/.exec(id);
  return m?.[1] && m[2] ? { serviceId: m[1], networkId: m[2] } : null;
}
/** The swarm task label Docker puts on a task's container: such a sandbox is drawn as its task, inside its service. */
export const SWARM_TASK_LABEL = "com.docker.swarm.task.id";
export const SWARM_SERVICE_LABEL = "com.docker.swarm.service.id";
