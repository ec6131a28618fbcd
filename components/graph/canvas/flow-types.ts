/** The node and edge objects the canvas hands React Flow, one union each. */
import type { ClusterFlowNode } from "../ClusterNode";
import type { HostFlowNode } from "../HostNode";
import type { NetworkFlowNode } from "../NetworkNode";
import type { SandboxFlowNode } from "../SandboxNode";
import type { EndpointFlowEdge } from "../EndpointEdge";
import type { LinkFlowEdge } from "../LinkEdge";
import type { HostModeFlowEdge, PortFlowEdge } from "../PortEdge";

export type FlowNode = NetworkFlowNode | SandboxFlowNode | HostFlowNode | ClusterFlowNode;
export type FlowEdge = EndpointFlowEdge | PortFlowEdge | HostModeFlowEdge | LinkFlowEdge;
