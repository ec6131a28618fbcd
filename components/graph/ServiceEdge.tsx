"use client";
/**
 * A service on a network (lib/graph/swarm): from the network to the service,
 * labelled with the service's VIP on that network, "dnsrr" when it resolves
 * to its tasks instead. The edge to the ingress network is dashed: the
 * routing mesh, joined for the ports published in ingress mode.
 *
 * Selected on an editable canvas, its label offers "Remove from network":
 * `docker service update --network-rm`, confirmed first in the service
 * network dialog (lib/editing/service-network-edit), as the tasks restart.
 * Not on the ingress edge: that one comes from published ports.
 */
import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { requestServiceNetworkRm } from "@/lib/editing/service-network-edit";
import type { ServiceEdgeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { useDetail } from "./canvas/use-detail";
import { driverStyle } from "./driver-style";
import { useLabelDimmed } from "./highlight-context";

export type ServiceFlowEdge = Edge<ServiceEdgeData, "service"> & { data: ServiceEdgeData };

function ServiceEdgeView(props: EdgeProps<ServiceFlowEdge>) {
  const { id, data, selected, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const dimmed = useLabelDimmed({ id, type: "service", source, target });
  const detail = useDetail();
  const { editable, selectEndpoint } = useCanvasEditing();
  if (!data) return null;
  const line = (
    <BaseEdge
      id={id}
      path={path}
      style={{ stroke: driverStyle(data.driver).stroke, strokeWidth: selected ? 3 : detail === "compact" ? 3 : 2, strokeDasharray: data.ingress ? "8 4" : undefined }}
    />
  );
  if (detail === "compact") return line;
  return (
    <>
      {line}
      <EdgeLabelRenderer>
        <div
          data-testid="service-vip"
          data-service={data.serviceName}
          data-network={data.networkName}
          data-vip={data.vip ?? ""}
          className={`nodrag nopan absolute max-w-[190px] cursor-pointer rounded border bg-indigo-50/95 px-1.5 py-0.5 font-mono text-[10px] leading-[14px] text-slate-800 shadow-sm ${
            selected ? "border-sky-600 ring-1 ring-sky-300" : "border-indigo-300"
          } ${dimmed ? "opacity-20" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: "all", zIndex: 1500 }}
          onClick={(ev) => {
            // The label selects its edge, as an endpoint's does (the edge's own path may lie under another's).
            ev.stopPropagation();
            selectEndpoint(id);
          }}
          title={`${data.serviceName} on ${data.networkName}: ${
            data.vip ? `virtual IP ${data.vip}, balanced over its tasks` : data.label === "dnsrr" ? "DNS round-robin, no virtual IP" : "no virtual IP"
          }${data.ingress ? "\nThe ingress network: the routing mesh forwards published ports to this VIP" : ""}`}
        >
          {data.ingress && <span className="font-sans text-slate-500">mesh </span>}
          {data.label}
          {selected && editable && !data.ingress && (
            <button
              type="button"
              data-testid="service-network-remove"
              onClick={(ev) => {
                ev.stopPropagation();
                requestServiceNetworkRm(data.serviceId, data.networkId, { serviceName: data.serviceName });
              }}
              title={`Detach ${data.serviceName} from ${data.networkName}: docker service update --network-rm (its tasks restart)`}
              className="mt-0.5 block w-full rounded bg-red-600 px-1 py-px font-sans text-[10px] font-medium text-white hover:bg-red-700"
            >
              Remove from network
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ServiceEdge = memo(ServiceEdgeView);
