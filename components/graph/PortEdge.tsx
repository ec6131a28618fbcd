"use client";
/**
 * Edges from the host node: a published port (host address and port to the
 * container port, an arrow the way a request from outside travels) and the
 * dashed mark of a host-mode sandbox, which binds the host's ports directly.
 * Amber, so they never read as endpoints.
 *
 * Their labels stand in one column beside the host node (layout.ts leaves
 * room for it), one row per edge, and each edge leaves the host through its
 * label: a long edge's midpoint would land among the endpoint labels.
 */
import { memo, type ReactNode } from "react";
import { BaseEdge, EdgeLabelRenderer, Position, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { hostAddress } from "@/lib/graph/to-graph";
import type { HostModeEdgeData, PortEdgeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { useDetail } from "./canvas/use-detail";
import { useLabelDimmed } from "./highlight-context";

export type PortFlowEdge = Edge<PortEdgeData, "port"> & { data: PortEdgeData };
export type HostModeFlowEdge = Edge<HostModeEdgeData, "host-mode"> & { data: HostModeEdgeData };

const STROKE = "#d97706"; // amber-600: no network driver uses it
/** The label column: its left side this far right of the host's handle, this wide, one row this tall per edge. */
const COLUMN_X = 28;
const COLUMN_WIDTH = 250;
const ROW = 40;
/** Below the endpoint labels (1500): a port label never covers an endpoint's. */
const LABEL_Z = 1400;

interface Geometry {
  path: string;
  labelX: number;
  labelY: number;
}

/** From the host's handle, fan out to this edge's row, run behind its label, then curve to the sandbox. */
function geometry(p: Pick<EdgeProps, "sourceX" | "sourceY" | "targetX" | "targetY" | "targetPosition">, slot: number, slots: number): Geometry {
  const { sourceX: sx, sourceY: sy } = p;
  const labelX = sx + COLUMN_X;
  const labelY = sy + (slot - (Math.max(slots, 1) - 1) / 2) * ROW;
  const x1 = labelX + COLUMN_WIDTH;
  const fan = `M ${sx},${sy} C ${sx + COLUMN_X * 0.7},${sy} ${sx + COLUMN_X * 0.3},${labelY} ${labelX},${labelY} L ${x1},${labelY}`;
  const [tail] = getBezierPath({
    sourceX: x1,
    sourceY: labelY,
    sourcePosition: Position.Right,
    targetX: p.targetX,
    targetY: p.targetY,
    targetPosition: p.targetPosition,
  });
  return { path: `${fan} ${tail.replace(/^M/, "L")}`, labelX, labelY };
}

interface LabelProps {
  /** The edge's own props: its ID (a click selects it), ends and type (for the highlight), selection. */
  edge: { id: string; type?: string; source: string; target: string; selected?: boolean };
  at: Geometry;
  stopped: boolean;
  title: string;
  attrs: Record<string, string | number>;
  children: ReactNode;
}

function ColumnLabel({ edge, at, stopped, title, attrs, children }: LabelProps) {
  const { id, selected } = edge;
  const { selectEndpoint } = useCanvasEditing();
  const dimmed = useLabelDimmed(edge);
  // Zoomed out, a label could not be read: the line alone.
  if (useDetail() === "compact") return null;
  return (
    <EdgeLabelRenderer>
      <div
        {...attrs}
        className={`nodrag nopan absolute cursor-pointer rounded border bg-amber-50 px-1.5 py-0.5 font-mono text-[10px] leading-[14px] shadow-sm ${
          selected ? "border-sky-600 ring-1 ring-sky-300" : "border-amber-400"
        } ${stopped ? "text-amber-800 italic" : "text-amber-900"} ${dimmed ? "opacity-20" : ""}`}
        style={{
          width: COLUMN_WIDTH,
          transform: `translate(0, -50%) translate(${at.labelX}px, ${at.labelY}px)`,
          pointerEvents: "all",
          zIndex: LABEL_Z,
        }}
        onClick={(ev) => {
          ev.stopPropagation();
          selectEndpoint(id, ev.currentTarget);
        }}
        title={title}
      >
        {children}
      </div>
    </EdgeLabelRenderer>
  );
}

function PortEdgeView(props: EdgeProps<PortFlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  if (!data) return null;
  const at = geometry(props, data.slot, data.slots);
  const from = data.hostIps.map((ip) => `${hostAddress(ip)}:${data.hostPort}`).join(", ");
  return (
    <>
      <BaseEdge id={id} path={at.path} markerEnd={markerEnd} style={{ stroke: STROKE, strokeWidth: selected ? 3 : 2, opacity: data.stopped ? 0.5 : 1 }} />
      <ColumnLabel
        edge={props}
        at={at}
        stopped={data.stopped}
        attrs={{
          "data-testid": "port-edge",
          "data-container": data.ownerName,
          "data-host-ip": data.hostIp,
          "data-host-port": data.hostPort,
          "data-container-port": data.containerPort,
          "data-protocol": data.protocol,
        }}
        title={`${data.label}\nPublished port: a request to ${data.hostIps.join(" or ")} port ${data.hostPort}/${data.protocol} on the host is forwarded to ${data.ownerName} port ${data.containerPort}`}
      >
        {/* The text reads exactly as data.label; the container name alone is cut short when long. */}
        <div className="truncate">{from}</div>
        <div className="flex whitespace-pre">
          {" -> "}
          <span className="min-w-0 truncate">{data.ownerName}</span>
          {`:${data.containerPort}/${data.protocol}`}
        </div>
      </ColumnLabel>
    </>
  );
}

function HostModeEdgeView(props: EdgeProps<HostModeFlowEdge>) {
  const { id, data, selected } = props;
  if (!data) return null;
  const at = geometry(props, data.slot, data.slots);
  return (
    <>
      <BaseEdge id={id} path={at.path} style={{ stroke: STROKE, strokeWidth: selected ? 3 : 1.75, strokeDasharray: "6 4", opacity: data.stopped ? 0.5 : 1 }} />
      <ColumnLabel
        edge={props}
        at={at}
        stopped={data.stopped}
        attrs={{ "data-testid": "host-mode-edge", "data-container": data.ownerName }}
        title={`${data.ownerName} runs with --network host: it has no namespace of its own, and the ports it listens on are the host's`}
      >
        <div className="truncate font-sans font-medium">{data.ownerName}</div>
        <div className="truncate font-sans">{data.label}</div>
      </ColumnLabel>
    </>
  );
}

export const PortEdge = memo(PortEdgeView);
export const HostModeEdge = memo(HostModeEdgeView);
