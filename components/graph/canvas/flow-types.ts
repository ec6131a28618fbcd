/** The node and edge objects the canvas hands React Flow, one union each. */
import type { ClusterFlowNode } from "../ClusterNode";
import type { HostFlowNode } from "../HostNode";
import type { NetworkFlowNode } from "../NetworkNode";
import type { SandboxFlowNode } from "../SandboxNode";
import type { ServiceFlowNode } from "../ServiceNode";
import type { ServiceFlowEdge } from "../ServiceEdge";
import type { EndpointFlowEdge } from "../EndpointEdge";
import type { LinkFlowEdge } from "../LinkEdge";
import type { HostModeFlowEdge, PortFlowEdge } from "../PortEdge";

export type FlowNode = NetworkFlowNode | SandboxFlowNode | HostFlowNode | ClusterFlowNode | ServiceFlowNode;
export type FlowEdge = EndpointFlowEdge | PortFlowEdge | HostModeFlowEdge | LinkFlowEdge | ServiceFlowEdge;
