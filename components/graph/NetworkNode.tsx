"use client";
import { memo } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { NETWORK_WIDTH, networkHeight } from "@/lib/graph/to-graph";
import type { NetworkNodeData } from "@/lib/graph/types";
import { fitMiddle } from "@/lib/graph/labels";
import { textWidthEm, textWidthEstimateEm } from "./text-width";
import { useDetail, useSteppedZoom } from "./canvas/use-detail";
import { useNetworkActions } from "../networks/network-actions";
import { useDropHint } from "../editing/editing-context";
import { driverStyle } from "./driver-style";
import { useRecentChange } from "./recent-changes";
import { PRESENT_NAME_PX, usePresent, usePresentLabelRoom } from "./present-context";
import { useLinuxBridge, useLinuxLayer } from "./linux-layer";
import { bridgeLabel } from "@/lib/datapath/layer";

export type NetworkFlowNode = Node<NetworkNodeData, "network">;

/**
 * Zoomed out: the accent, and the name with its endpoint count in a label
 * above the node that keeps a readable size on screen whatever the zoom
 * (useSteppedZoom). Same size as the full node, so nothing moves.
 */
/** What tests and the bench find a network node by, on both faces. */
function nodeAttributes(data: NetworkNodeData) {
  return { "data-testid": "network-node", "data-name": data.network.name, "data-driver": data.network.driver, "data-endpoints": data.endpointCount };
}

/** The room a compact label may take: the node's width and most of the gap beside it (layout's RANK_GAP). */
const LABEL_ROOM = NETWORK_WIDTH + 120;
/** The label's horizontal padding (px-1.5 on each side). */
const LABEL_PADDING = 12;

function CompactNetwork({ id, data, frame }: { id: string; data: NetworkNodeData; frame: string }) {
  const { network: n, bridge, flags, defaultBridge } = data;
  const style = driverStyle(n.driver);
  const present = usePresent();
  const zoom = useSteppedZoom();
  // A presentation's large names take the room up to the next network beside them.
  const room = usePresentLabelRoom(id) ?? LABEL_ROOM;
  // On a presentation screen, names are sized for the back of the room (and the subnet shows in the node).
  const fontSize = Math.min(300, (present ? PRESENT_NAME_PX : 13) / zoom);
  // The endpoint count after the name: measured with it, drawn lighter.
  const count = ` · ${data.endpointCount}`;
  return (
    <div
      {...nodeAttributes(data)}
      data-detail="compact"
      style={{ height: networkHeight(n, flags.length, bridge !== null, defaultBridge) }}
      className={`relative w-[260px] rounded-lg border-2 bg-white ${frame}`}
    >
      <div className={`h-full rounded-[6px] ${style.wash}`} />
      {present && n.ipam.length > 0 && (
        <div
          data-testid="network-subnet"
          className="absolute inset-0 flex flex-col items-center justify-center overflow-hidden px-2 font-mono font-semibold leading-tight text-slate-900"
          style={{ fontSize: Math.min(28, 18 / zoom) }}
        >
          {n.ipam.map((c) => (
            <span key={c.subnet} className="max-w-full truncate">
              {c.subnet}
            </span>
          ))}
        </div>
      )}
      {/* Centred over the node by a zero-width flex box, not a translate, and cut to fit its room by fitMiddle, not a clip:
          a transform or a clip per label is one more node of Chromium's property trees, walked on every pan frame. */}
      <div className="pointer-events-none absolute bottom-full left-1/2 mb-1 flex w-0 justify-center">
        <div
          data-testid="network-label"
          className="shrink-0 whitespace-nowrap rounded bg-white/90 px-1.5 text-center font-semibold leading-tight text-slate-900 shadow-sm"
          // As wide as the node and the gap beside it: neighbouring labels never overlap.
          style={{ fontSize, maxWidth: room }}
          title={n.name}
        >
          {fitMiddle(n.name, count, room - LABEL_PADDING, fontSize, textWidthEm, textWidthEstimateEm)}
          <span className="font-normal text-slate-600">{count}</span>
        </div>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-400" />
    </div>
  );
}

function NetworkNodeView({ id, data, selected }: NodeProps<NetworkFlowNode>) {
  const { network: n, bridge, flags, defaultBridge } = data;
  const style = driverStyle(n.driver);
  const actions = useNetworkActions();
  const hint = useDropHint();
  const changed = useRecentChange(n.id);
  const detail = useDetail();
  const present = usePresent();
  const linuxBridge = useLinuxBridge(n.id);
  const linuxRules = useLinuxLayer()?.rules.get(n.id);
  const drop = hint?.nodeId === id ? hint.verdict : null;
  const frame = drop
    ? drop.ok
      ? "border-emerald-600 ring-4 ring-emerald-300"
      : "border-red-600 ring-4 ring-red-300"
    : selected
      ? "border-sky-600 ring-2 ring-sky-300"
      : "border-slate-300";
  // A note of who changed it needs the full face, except on a presentation screen (its captions say it).
  if (detail === "compact" && !drop && (!changed || present)) return <CompactNetwork id={id} data={data} frame={frame} />;
  return (
    <div
      {...nodeAttributes(data)}
      data-drop={drop ? (drop.ok ? "ok" : "refused") : undefined}
      className={`relative w-[260px] rounded-lg border bg-white text-left shadow-sm ${frame}`}
    >
      {changed && !drop && (
        <div
          data-testid="network-changed-by"
          data-actor={changed.actor}
          role="status"
          className="absolute inset-x-0 bottom-full mb-1.5 truncate rounded bg-indigo-600 px-2 py-1 text-[11px] font-medium leading-4 text-white shadow"
          title={changed.text}
        >
          {changed.text}
        </div>
      )}
      {drop && (
        <div
          data-testid="drop-hint"
          role="status"
          className={`absolute inset-x-0 bottom-full mb-1.5 rounded px-2 py-1 text-[11px] font-medium leading-4 shadow ${
            drop.ok ? "bg-emerald-700 text-white" : "bg-red-700 text-white"
          }`}
        >
          {drop.ok ? `Drop to connect to ${n.name}` : drop.reason}
        </div>
      )}
      <div className={`h-1.5 rounded-t-[7px] ${style.accent}`} />
      <div className="px-3 py-2">
        <div className="flex items-center gap-2">
          <span className="truncate font-semibold text-slate-900" title={n.name}>
            {n.name}
          </span>
          {n.predefined && (
            <span className="rounded bg-slate-800 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-white" title="Created by Docker; cannot be removed">
              predefined
            </span>
          )}
          {actions && !n.predefined && (
            <button
              type="button"
              data-testid="network-remove"
              aria-label={`Remove network ${n.name}`}
              title="Remove this network (docker network rm)"
              onClick={(e) => {
                e.stopPropagation();
                actions.remove(n);
              }}
              className="nodrag nopan ml-auto shrink-0 rounded px-1 text-xs leading-5 text-slate-500 hover:bg-red-50 hover:text-red-700"
            >
              ✕
            </button>
          )}
        </div>
        <div className="mt-0.5 text-xs text-slate-500">
          {n.driver} · {n.scope}
          {data.endpointCount > 0 && ` · ${data.endpointCount} endpoint${data.endpointCount === 1 ? "" : "s"}`}
        </div>
        <ul className="mt-1 space-y-0.5 font-mono text-[11px] leading-4 text-slate-700">
          {n.ipam.length === 0 && <li className="text-slate-500">no IPAM subnet</li>}
          {n.ipam.map((c) => (
            <li key={c.subnet} className="truncate" title={`subnet ${c.subnet}${c.gateway ? `, gateway ${c.gateway}` : ""}${c.ipRange ? `, range ${c.ipRange}` : ""}`}>
              {c.subnet}
              {c.gateway && <span className="text-slate-500"> gw {c.gateway}</span>}
              {c.ipRange && <span className="text-slate-500"> range {c.ipRange}</span>}
            </li>
          ))}
        </ul>
        {bridge && !linuxBridge && (
          <div className="mt-0.5 font-mono text-[11px] leading-4 text-slate-500" title="Linux bridge device">
            dev {bridge}
          </div>
        )}
        {linuxBridge && (
          <div
            data-testid="network-linux"
            data-device={linuxBridge.device}
            data-ports={linuxBridge.ports.length}
            data-stray={linuxBridge.strayPorts.join(" ")}
            className={`mt-0.5 font-mono text-[11px] leading-4 ${linuxBridge.strayPorts.length > 0 ? "text-red-700" : "text-violet-700"}`}
            title={`Linux bridge ${linuxBridge.device}, MTU ${linuxBridge.mtu}, ${linuxBridge.state}\nPorts: ${linuxBridge.ports.join(", ") || "none"}${
              linuxBridge.strayPorts.length > 0 ? `\nStray (no endpoint the engine knows): ${linuxBridge.strayPorts.join(", ")}` : ""
            }`}
          >
            {bridgeLabel(linuxBridge)}
          </div>
        )}
        {linuxRules && (
          <div
            data-testid="network-rules"
            className="mt-0.5 font-mono text-[11px] leading-4 text-violet-700"
            title={[linuxRules.masquerade ?? "No MASQUERADE rule: no way out through the host", linuxRules.iccRule ?? "No ICC rule found", ...linuxRules.isolation].join("\n")}
          >
            {linuxRules.masquerade ? "NAT out" : "no NAT out"} · ICC {linuxRules.icc} · {linuxRules.isolation.length} isolation rule{linuxRules.isolation.length === 1 ? "" : "s"}
          </div>
        )}
        {flags.length > 0 && (
          <div className="mt-1 flex flex-wrap gap-1">
            {flags.map((f) => (
              <span key={f} className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium text-slate-700">
                {f}
              </span>
            ))}
          </div>
        )}
        {n.ingress && (
          <div
            data-testid="ingress-role"
            className="mt-1 text-[11px] font-medium leading-[14px] text-violet-800"
            title="The swarm's ingress network: a port a service publishes in ingress mode is open on every node, and the routing mesh carries it here to the service's VIP"
          >
            routing mesh: ingress-mode ports answer on every node
          </div>
        )}
        {defaultBridge && (
          <div className="mt-1 text-[11px] font-medium text-amber-700" data-testid="no-dns">
            default bridge: no DNS between containers
          </div>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-400" />
    </div>
  );
}

export const NetworkNode = memo(NetworkNodeView);
