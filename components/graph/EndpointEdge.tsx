"use client";
import { visibleAliases } from "@/lib/topology/describe";
import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { EndpointEdgeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { useDetail } from "./canvas/use-detail";
import { driverStyle } from "./driver-style";
import { useLabelDimmed } from "./highlight-context";
import { useLinuxEndpoint } from "./linux-layer";
import { vethLabel } from "@/lib/datapath/layer";

export type EndpointFlowEdge = Edge<EndpointEdgeData, "endpoint"> & { data: EndpointEdgeData };

/** What to show instead of an address: host mode uses the host's stack, none has only loopback. */
function addressless(driver: string, active: boolean): string {
  if (driver === "host") return "host's stack";
  if (driver === "null") return "loopback only";
  return active ? "no IPv4" : "inactive";
}

function EndpointEdgeView(props: EdgeProps<EndpointFlowEdge>) {
  const { id, data, selected, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const { editable, selectEndpoint, requestDisconnect } = useCanvasEditing();
  const dimmed = useLabelDimmed({ id, type: "endpoint", source, target });
  const detail = useDetail();
  const linux = useLinuxEndpoint(data?.endpoint.networkId ?? "", data?.endpoint.sandboxId ?? "");
  if (!data) return null;
  const { endpoint: e, networkName, ownerName } = data;
  const stroke = driverStyle(data.driver).stroke;
  const aliases = visibleAliases(e);
  const line = (
    <BaseEdge
      id={id}
      path={path}
      style={{
        stroke,
        strokeWidth: selected ? 3 : detail === "compact" ? 3 : 1.75,
        strokeDasharray: e.active ? undefined : "6 4",
        // stroke-opacity, not opacity: the same on a line with no marker, and no compositing effect per edge.
        strokeOpacity: e.active ? 1 : 0.5,
      }}
    />
  );
  // Zoomed out, a label could not be read: the line alone.
  if (detail === "compact") return line;
  return (
    <>
      {line}
      <EdgeLabelRenderer>
        <div
          data-testid="endpoint"
          data-network={networkName}
          data-container={ownerName}
          data-active={e.active ? "true" : "false"}
          className={`nodrag nopan absolute max-w-[190px] cursor-pointer rounded border bg-white/95 px-1.5 py-0.5 font-mono text-[10px] leading-[14px] shadow-sm ${
            selected ? "border-sky-600 ring-1 ring-sky-300" : "border-slate-300"
          } ${e.active ? "text-slate-800" : "text-slate-500"} ${dimmed ? "opacity-20" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: "all", zIndex: 1500 }}
          onClick={(ev) => {
            ev.stopPropagation();
            selectEndpoint(id, ev.currentTarget);
          }}
          title={`${ownerName} on ${networkName}${e.active ? "" : " (inactive: the container is not running)"}${e.mac ? `\nMAC ${e.mac}` : ""}${e.id ? `\nendpoint ${e.id.slice(0, 12)}` : ""}`}
        >
          <div>{e.ipv4 || addressless(data.driver, e.active)}</div>
          {e.ipv6 && <div className="truncate">{e.ipv6}</div>}
          {aliases.length > 0 && <div className="truncate font-sans text-slate-500">{aliases.join(", ")}</div>}
          {linux && (
            <div
              data-testid="endpoint-linux"
              data-container-if={linux.containerIf.name}
              data-veth={linux.hostIf?.name ?? ""}
              className="truncate text-violet-700"
              title={`In the container: ${linux.containerIf.name} (ifindex ${linux.containerIf.ifindex}, MTU ${linux.containerIf.mtu})${
                linux.hostIf
                  ? `\nOn the host: ${linux.hostIf.name} (ifindex ${linux.hostIf.ifindex}, MTU ${linux.hostIf.mtu}, ${linux.hostIf.state})${linux.bridge ? `, a port of ${linux.bridge}` : ""}`
                  : "\nNo veth peer on the host (not a veth pair)"
              }`}
            >
              {vethLabel(linux)}
            </div>
          )}
          {selected && editable && (
            <button
              type="button"
              data-testid="endpoint-disconnect"
              onClick={(ev) => {
                ev.stopPropagation();
                requestDisconnect([id]);
              }}
              title={`Disconnect ${ownerName} from ${networkName} (Delete)`}
              className="mt-0.5 w-full rounded bg-red-600 px-1 py-px font-sans text-[10px] font-medium text-white hover:bg-red-700"
            >
              Disconnect
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const EndpointEdge = memo(EndpointEdgeView);
