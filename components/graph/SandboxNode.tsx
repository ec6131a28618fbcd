"use client";
import { memo, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { SANDBOX_HOST_HANDLE } from "@/lib/graph/ids";
import { sandboxHeight } from "@/lib/graph/to-graph";
import type { SandboxNodeData } from "@/lib/graph/types";
import { useCanvasEditing } from "../editing/editing-context";
import { useDetail, useSteppedZoom } from "./canvas/use-detail";
import { PRESENT_SANDBOX_PX, usePresent } from "./present-context";
import { textWidthEm } from "./text-width";
import { useLinuxSandbox } from "./linux-layer";
import { routeLabel, sharedNamespaces, type LinuxSandbox } from "@/lib/datapath/layer";

export type SandboxFlowNode = Node<SandboxNodeData, "sandbox">;

const STATE_DOT: Record<string, string> = {
  running: "bg-emerald-500",
  paused: "bg-amber-400",
  restarting: "bg-amber-500",
  created: "bg-slate-300",
  exited: "bg-slate-400",
  dead: "bg-red-500",
  removing: "bg-red-300",
};

function modeLabel(networkMode: string): string {
  if (networkMode === "default") return "default (bridge)";
  return networkMode;
}

/** The sandbox's small menu: "Connect to a network…" (hidden in read-only mode). */
function SandboxMenu({ sandboxId, ownerName }: { sandboxId: string; ownerName: string }) {
  const { editable, openConnect } = useCanvasEditing();
  const [open, setOpen] = useState(false);
  // Opens downwards, or upwards when the canvas ends below the node and there is room above.
  const [up, setUp] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = menu.current;
    const pane = el?.closest(".react-flow");
    if (!open || !el || !pane || !root.current) return;
    const box = el.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    const above = root.current.getBoundingClientRect().top - view.top;
    setUp(box.bottom > view.bottom && above >= box.height);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as HTMLElement)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  if (!editable) return null;
  return (
    <div ref={root} className="nodrag nopan relative normal-case">
      <button
        type="button"
        data-testid="sandbox-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for ${ownerName}`}
        title="Actions"
        onClick={() => {
          setUp(false);
          setOpen((o) => !o);
        }}
        className="rounded px-1 text-sm leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        ⋯
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          data-side={up ? "above" : "below"}
          className={`absolute right-0 ${up ? "bottom-full mb-1" : "top-full mt-1"} z-10 w-44 rounded border border-slate-300 bg-white py-1 text-xs tracking-normal text-slate-800 shadow-lg`}
        >
          <button
            type="button"
            role="menuitem"
            data-testid="menu-connect"
            onClick={() => {
              setOpen(false);
              openConnect(sandboxId);
            }}
            className="block w-full px-3 py-1 text-left hover:bg-sky-50"
          >
            Connect to a network…
          </button>
        </div>
      )}
    </div>
  );
}

/** A sandbox's handles: endpoints arrive at the top, published ports and host mode at the left. A cluster of sandboxes has the same. */
export function SandboxHandles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-slate-400" />
      {/* Where published ports and host mode arrive from the host node (after the top one: endpoints keep theirs). */}
      <Handle type="target" id={SANDBOX_HOST_HANDLE} position={Position.Left} isConnectable={false} className="!h-1.5 !w-1.5 !border-0 !bg-amber-500" />
    </>
  );
}

/**
 * On a presentation screen the name keeps a size the room can read, up to
 * what the node can hold. Its own component: only a presentation's nodes
 * follow the zoom (a thousand compact sandboxes elsewhere must not).
 */
/** The room for the name in a compact sandbox node: its width less the borders, the padding, the state dot and the gap. */
const NAME_ROOM = 240 - 4 - 32 - 20 - 12;

function PresentName({ name }: { name: string }) {
  const zoom = useSteppedZoom();
  // As large as the room needs (PRESENT_SANDBOX_PX on screen), smaller for a long name so it stays whole,
  // but never under 16 px on screen (a longer name is cut short instead).
  const whole = (NAME_ROOM - 2) / Math.max(0.5, textWidthEm(name));
  const fontSize = Math.min(64, PRESENT_SANDBOX_PX / zoom, Math.max(whole, 16 / zoom));
  return (
    <span data-testid="sandbox-name" className="truncate font-semibold leading-tight text-slate-900" style={{ fontSize }} title={name}>
      {name}
    </span>
  );
}

/** Zoomed out: the owner's name, large, and its state; the same size as the full node, so nothing moves. */
function CompactSandbox({ data, selected }: Pick<NodeProps<SandboxFlowNode>, "data" | "selected">) {
  const { sandbox: s, stopped } = data;
  const state = s.containers[0]?.state ?? "";
  const present = usePresent();
  return (
    <div
      data-testid="sandbox-node"
      data-owner={data.ownerName}
      data-stopped={stopped ? "true" : "false"}
      data-detail="compact"
      style={{ height: sandboxHeight(s) }}
      className={`flex w-[240px] items-center gap-3 rounded-lg border-2 bg-white px-4 ${stopped ? "opacity-55" : ""} ${
        selected ? "border-sky-600" : "border-slate-400"
      }`}
    >
      <SandboxHandles />
      <span className={`h-5 w-5 shrink-0 rounded-full ${STATE_DOT[state] ?? "bg-slate-300"}`} />
      {present ? <PresentName name={data.ownerName} /> : <span className="truncate text-[26px] font-semibold leading-tight text-slate-900">{data.ownerName}</span>}
    </div>
  );
}

/** The Linux layer on a sandbox: its resolver (the embedded DNS marked), its default route, and the namespaces its containers share. */
function SandboxLinux({ linux }: { linux: LinuxSandbox }) {
  const { resolver, routes = [] } = linux;
  const shared = linux.namespaces.map((n) => ({ name: n.container, text: sharedNamespaces(n) })).filter((n) => n.text !== "");
  const main = routes.find((r) => r.dst === "default") ?? routes[0];
  return (
    <div data-testid="sandbox-linux" data-embedded={resolver ? String(resolver.embedded) : undefined} className="space-y-px border-t border-slate-100 px-3 py-1 font-mono text-[10px] leading-[14px] text-violet-700">
      {resolver && (
        <div
          data-testid="sandbox-resolver"
          className="truncate"
          title={`resolv.conf: nameserver ${resolver.nameservers.join(", ") || "none"}${resolver.search.length ? `; search ${resolver.search.join(" ")}` : ""}${
            resolver.embedded ? "\n127.0.0.11 is Docker's embedded DNS server: it answers container names and aliases on user-defined networks" : ""
          }`}
        >
          DNS {resolver.nameservers.join(", ") || "none"}
          {resolver.embedded && <span className="font-sans font-medium"> (embedded)</span>}
        </div>
      )}
      {main && (
        <div data-testid="sandbox-routes" className="truncate" title={routes.map(routeLabel).join("\n")}>
          {routeLabel(main)}
          {routes.length > 1 && <span className="text-violet-600"> +{routes.length - 1}</span>}
        </div>
      )}
      {shared.map((n) => (
        <div key={n.name} data-testid="sandbox-namespaces" data-container={n.name} className="truncate" title={`${n.name}: ${n.text}`}>
          {n.name}: {n.text}
        </div>
      ))}
    </div>
  );
}

function SandboxNodeView({ data, selected }: NodeProps<SandboxFlowNode>) {
  const detail = useDetail();
  const linux = useLinuxSandbox(data.sandbox.id);
  if (detail === "compact") return <CompactSandbox data={data} selected={selected} />;
  const { sandbox: s, stopped } = data;
  return (
    <div
      data-testid="sandbox-node"
      data-owner={data.ownerName}
      data-stopped={stopped ? "true" : "false"}
      className={`w-[240px] rounded-lg border bg-white text-left shadow-sm ${stopped ? "opacity-55" : ""} ${
        selected ? "border-sky-600 ring-2 ring-sky-300" : "border-slate-300"
      }`}
    >
      <SandboxHandles />
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-1.5 text-[10px] uppercase tracking-wide text-slate-500">
        <span className="shrink-0 whitespace-nowrap">sandbox{s.containers.length > 1 ? ` · ${s.containers.length} containers` : ""}</span>
        <span className="flex min-w-0 items-center gap-1">
          <span className="max-w-[120px] truncate normal-case" title={`network mode: ${s.networkMode}`}>
            {modeLabel(s.networkMode)}
          </span>
          <SandboxMenu sandboxId={s.id} ownerName={data.ownerName} />
        </span>
      </div>
      <ul className="divide-y divide-slate-100">
        {s.containers.map((c, i) => (
          <li key={c.id} data-testid="container" data-name={c.name} data-state={c.state} className="px-3 py-1.5">
            <div className="flex items-center gap-1.5">
              <span className={`h-2 w-2 shrink-0 rounded-full ${STATE_DOT[c.state] ?? "bg-slate-300"}`} title={c.state} />
              <span className="truncate font-medium text-slate-900" title={c.name}>
                {c.name}
              </span>
              {i > 0 && <span className="shrink-0 text-[10px] text-slate-500" title="Shares this namespace (--network container:…)">joined</span>}
            </div>
            <div className="truncate pl-3.5 text-[11px] text-slate-500" title={`${c.image} · ${c.status || c.state}`}>
              {c.image} · {c.state}
            </div>
          </li>
        ))}
      </ul>
      {s.ports.length > 0 && (
        <ul className="border-t border-slate-100 px-3 py-1 font-mono text-[11px] leading-[18px] text-slate-700">
          {s.ports.map((p) => (
            <li key={`${p.hostIp}:${p.hostPort}/${p.protocol}`} data-testid="port" className="truncate">
              {p.hostIp.includes(":") ? `[${p.hostIp}]` : p.hostIp}:{p.hostPort} → {p.containerPort}/{p.protocol}
            </li>
          ))}
        </ul>
      )}
      {linux && <SandboxLinux linux={linux} />}
    </div>
  );
}

export const SandboxNode = memo(SandboxNodeView);
