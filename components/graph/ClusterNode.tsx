"use client";
/**
 * Many sandboxes drawn as one node (lib/graph/group.ts): those whose primary
 * network is one network, those of one compose project, or those on no
 * network. The count is large, to be read at fit-to-view; "Expand" opens the
 * cluster into its sandboxes through the canvas context.
 */
import { memo, type CSSProperties } from "react";
import type { Node, NodeProps } from "@xyflow/react";
import type { ClusterNodeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { useDetail } from "./canvas/use-detail";
import { driverStyle } from "./driver-style";
import { SandboxHandles } from "./SandboxNode";
import { clusterHeight } from "@/lib/graph/to-graph";

export type ClusterFlowNode = Node<ClusterNodeData, "cluster">;

/** The header: what the sandboxes have in common. */
function kind(data: ClusterNodeData): string {
  if (data.by === "project") return "compose project";
  return data.driver === null ? "sandboxes" : "sandboxes on network";
}

function accent(data: ClusterNodeData): string {
  if (data.driver !== null) return driverStyle(data.driver).accent;
  return data.by === "project" ? "bg-teal-500" : "bg-zinc-400";
}

/**
 * The running share as a bar: one element with a hard-stop gradient, the
 * running part green. Not a filled bar inside a rounded track that clips it:
 * a clip per node is one more node of Chromium's property trees, walked on
 * every frame of a pan.
 */
function shareBar(percent: number, track: "slate-200" | "slate-300"): CSSProperties {
  return { background: `linear-gradient(to right, var(--color-emerald-500) ${percent}%, var(--color-${track}) ${percent}%)` };
}

/** What tests find a cluster by, on both faces. */
function nodeAttributes(data: ClusterNodeData) {
  return { "data-testid": "cluster-node", "data-by": data.by, "data-key": data.key, "data-label": data.label, "data-count": data.sandboxCount };
}

/** Zoomed out: the count, as large as the node allows, over the running share; a click still opens it. */
function CompactCluster({ id, data, selected }: Pick<NodeProps<ClusterFlowNode>, "id" | "data" | "selected">) {
  const { toggleCluster } = useCanvasEditing();
  const runningShare = data.sandboxCount > 0 ? Math.round((data.running / data.sandboxCount) * 100) : 0;
  return (
    <div
      {...nodeAttributes(data)}
      data-detail="compact"
      style={{ height: clusterHeight(data) }}
      className={`flex w-[240px] flex-col items-center justify-center rounded-lg border-2 bg-white ${selected ? "border-sky-600" : "border-slate-400"}`}
      title={`${data.label}: ${data.sandboxCount} sandboxes, ${data.running} running`}
      onDoubleClick={() => toggleCluster?.(id)}
    >
      <SandboxHandles />
      <span data-testid="cluster-count" className="text-[84px] font-bold leading-none tabular-nums text-slate-900">
        {data.sandboxCount}
      </span>
      <div className="mt-2 h-3 w-3/4 rounded-full" style={shareBar(runningShare, "slate-300")} />
    </div>
  );
}

function ClusterNodeView({ id, data, selected }: NodeProps<ClusterFlowNode>) {
  const { toggleCluster } = useCanvasEditing();
  const detail = useDetail();
  if (detail === "compact") return <CompactCluster id={id} data={data} selected={selected} />;
  const { label, sandboxCount, running, stopped, endpointCount, containerCount, networks } = data;
  const runningShare = sandboxCount > 0 ? Math.round((running / sandboxCount) * 100) : 0;
  return (
    <div
      {...nodeAttributes(data)}
      // Two offset card edges behind it: a pile of sandboxes, not one.
      className={`w-[240px] rounded-lg border bg-white text-left shadow-[4px_4px_0_-1px_var(--color-white),4px_4px_0_0_var(--color-slate-300),8px_8px_0_-1px_var(--color-white),8px_8px_0_0_var(--color-slate-200)] ${
        selected ? "border-sky-600 ring-2 ring-sky-300" : "border-slate-300"
      }`}
    >
      {/* Its sandboxes' endpoints, published ports and host mode arrive as on a sandbox. */}
      <SandboxHandles />
      <div className={`h-1.5 rounded-t-[7px] ${accent(data)}`} />
      <div className="px-3 py-2">
        <div className="flex h-5 items-center justify-between gap-2 text-[10px] uppercase tracking-wide text-slate-500">
          <span className="truncate">{kind(data)}</span>
          <button
            type="button"
            data-testid="cluster-expand"
            aria-label={`Expand ${label}`}
            title={`Draw these ${sandboxCount} sandboxes one by one`}
            onClick={(e) => {
              e.stopPropagation();
              toggleCluster?.(id);
            }}
            className="nodrag nopan shrink-0 rounded border border-slate-300 px-1.5 text-[10px] font-medium normal-case leading-4 tracking-normal text-slate-700 hover:border-sky-600 hover:bg-sky-50 hover:text-sky-800"
          >
            Expand
          </button>
        </div>
        <div className="truncate font-semibold text-slate-900" title={label}>
          {label}
        </div>
        <div className="flex items-baseline gap-1.5">
          <span data-testid="cluster-count" className="text-4xl font-semibold leading-10 tabular-nums text-slate-900">
            {sandboxCount}
          </span>
          <span className="text-xs text-slate-500">sandboxes</span>
        </div>
        <div className="mt-1 h-1.5 rounded-full" style={shareBar(runningShare, "slate-200")} title={`${running} of ${sandboxCount} running`} />
        <div className="flex items-center gap-1.5 text-[11px] leading-4 text-slate-700">
          <span className="h-2 w-2 shrink-0 rounded-full bg-emerald-500" />
          <span data-testid="cluster-running">{running} running</span>
          <span className="text-slate-500">·</span>
          <span className="h-2 w-2 shrink-0 rounded-full bg-slate-400" />
          <span data-testid="cluster-stopped">{stopped} stopped</span>
        </div>
        <div className="truncate text-[11px] leading-4 text-slate-500">
          {endpointCount} endpoint{endpointCount === 1 ? "" : "s"} · {containerCount} container{containerCount === 1 ? "" : "s"}
        </div>
        {networks !== undefined && (
          <div className="truncate text-[11px] leading-4 text-slate-500" title={networks.join(", ")}>
            {networks.length === 0 ? "on no network" : `on ${networks.join(", ")}`}
          </div>
        )}
      </div>
    </div>
  );
}

export const ClusterNode = memo(ClusterNodeView);
