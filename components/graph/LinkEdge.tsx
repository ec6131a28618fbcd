"use client";
/**
 * Many edges into a cluster's sandboxes drawn as one (lib/graph/group.ts):
 * a network's endpoints, in the network's colour, or the host's published
 * ports and host-mode marks, dashed amber like PortEdge. The stroke grows
 * with the logarithm of the count, so a network's main cluster reads as the
 * thick line at fit-to-view; the label ("12 endpoints") shows on hover or
 * selection only, a thousand labels being no help.
 */
import { memo, useState } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { LinkEdgeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { driverStyle } from "./driver-style";
import { useLabelDimmed } from "./highlight-context";

export type LinkFlowEdge = Edge<LinkEdgeData, "link"> & { data: LinkEdgeData };

const PORTS_STROKE = "#d97706"; // amber-600, as PortEdge

/** 1.5px for one edge, about 1.25px more per doubling, at most 10px. */
export function linkStrokeWidth(count: number): number {
  return Math.min(10, 1.5 + 1.25 * Math.log2(Math.max(1, count)));
}

function LinkEdgeView(props: EdgeProps<LinkFlowEdge>) {
  const { id, data, selected, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const [hovered, setHovered] = useState(false);
  const { selectEndpoint } = useCanvasEditing();
  const dimmed = useLabelDimmed({ id, type: "link", source, target });
  if (!data) return null;
  const ports = data.kind === "ports";
  const inactive = data.active === 0;
  const width = linkStrokeWidth(data.count);
  return (
    <>
      <g onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
        <BaseEdge
          id={id}
          path={path}
          interactionWidth={Math.max(20, width + 10)}
          style={{
            stroke: ports ? PORTS_STROKE : driverStyle(data.driver).stroke,
            strokeWidth: selected ? width + 1.5 : width,
            strokeDasharray: ports || inactive ? "6 4" : undefined,
            // A cluster's own network link at full strength; its members' other networks a little lighter.
            // As stroke-opacity: an opacity would be a compositing effect per edge, walked on every pan frame.
            strokeOpacity: inactive ? 0.5 : data.home || ports ? 1 : 0.75,
          }}
        />
      </g>
      {(hovered || selected) && (
        <EdgeLabelRenderer>
          <div
            data-testid="link-edge"
            data-kind={data.kind}
            data-count={data.count}
            data-home={data.home ? "true" : "false"}
            className={`nodrag nopan absolute cursor-pointer whitespace-nowrap rounded border px-1.5 py-0.5 text-[10px] font-medium leading-[14px] shadow-sm ${
              ports ? "bg-amber-50 text-amber-900" : "bg-white/95 text-slate-800"
            } ${selected ? "border-sky-600 ring-1 ring-sky-300" : ports ? "border-amber-400" : "border-slate-300"} ${dimmed ? "opacity-20" : ""}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: "all", zIndex: 1500 }}
            onClick={(ev) => {
              ev.stopPropagation();
              selectEndpoint(id, ev.currentTarget);
            }}
            title={`${data.label}${data.active < data.count ? ` (${data.active} active)` : ""}${data.home ? "\nThe cluster's own network" : ""}`}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
