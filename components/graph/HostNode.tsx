"use client";
/**
 * The engine's host: where published ports are bound (`-p 8080:80` listens
 * here) and whose network stack host-mode containers use directly. Drawn only
 * when some sandbox publishes a port or runs in host mode.
 */
import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { HostNodeData } from "@/lib/graph/types";
import { natLabel } from "@/lib/datapath/layer";
import { useLinuxLayer } from "./linux-layer";

export type HostFlowNode = Node<HostNodeData, "host">;

function HostNodeView({ data, selected }: NodeProps<HostFlowNode>) {
  const { portCount, hostModeOwners } = data;
  const hostMode = hostModeOwners.length;
  const linux = useLinuxLayer();
  return (
    <div
      data-testid="host-node"
      data-ports={portCount}
      data-host-mode={hostMode}
      className={`w-[220px] rounded-lg border bg-amber-50 text-left shadow-sm ${
        selected ? "border-sky-600 ring-2 ring-sky-300" : "border-amber-400"
      }`}
    >
      <div className="h-1.5 rounded-t-[7px] bg-amber-500" />
      <div className="px-3 py-2">
        <div className="text-[10px] uppercase tracking-wide text-amber-800">host</div>
        <div className="font-semibold text-slate-900" title="The machine the Docker engine runs on">
          Docker host
        </div>
        <ul className="mt-1 space-y-0.5 text-[11px] leading-4 text-slate-700">
          <li title="Each edge is a port bound on the host and forwarded to a container (-p hostPort:containerPort)">
            {portCount} published port{portCount === 1 ? "" : "s"}
          </li>
          <li title={hostMode > 0 ? `Using the host's network stack: ${hostModeOwners.join(", ")}` : "No container uses --network host"}>
            {hostMode} in host mode
          </li>
        </ul>
        {linux?.available && (
          <ul data-testid="host-linux" className="mt-1 space-y-0.5 border-t border-amber-200 pt-1 font-mono text-[10px] leading-4 text-violet-800">
            {linux.nat.map((r) => (
              <li key={r.rule} data-testid="host-nat" data-host-port={r.hostPort} data-to={r.to} title={`${r.rule}${r.proxy ? "\nAlso served by docker-proxy (loopback and hairpin traffic)" : ""}`}>
                DNAT {natLabel(r)}
              </li>
            ))}
            {linux.forwardPolicy && (
              <li data-testid="host-forward-policy" title="The policy of the filter table's FORWARD chain: what happens to forwarded traffic no rule accepts">
                FORWARD policy {linux.forwardPolicy}
              </li>
            )}
          </ul>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-amber-500" />
    </div>
  );
}

export const HostNode = memo(HostNodeView);
