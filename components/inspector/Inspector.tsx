"use client";
/**
 * The inspector: what the selection is, in full. A header (kind, name, close)
 * over the network, sandbox or endpoint view, or a plain statement when the
 * selected object is gone (removed since the link was made). The caller
 * places it (a drawer) and owns the selection.
 */
import type { ReactNode } from "react";
import { findEndpoint } from "@/lib/inspect/view";
import { formatSelection, type Selection } from "@/lib/selection";
import { sandboxName, shortId } from "@/lib/topology/describe";
import type { SwarmService, Topology } from "@/lib/topology/types";
import { driverStyle } from "../graph/driver-style";
import { EndpointInspector } from "./EndpointInspector";
import { NetworkInspector } from "./NetworkInspector";
import { Badge } from "./parts";
import { SandboxInspector } from "./SandboxInspector";
import { ServiceInspector } from "./ServiceInspector";

export interface InspectorProps {
  topology: Topology;
  selection: Selection;
  onSelect(sel: Selection): void;
  onClose(): void;
  /** Rendered in the sandbox view after Reachability (the probe form). */
  probeSlot?: ReactNode;
  /** For a service: the service-network edit and the logs panel, built elsewhere (ServiceInspector). */
  serviceSlots?: (service: SwarmService) => { networkEdit?: ReactNode; logs?: ReactNode };
}

const KIND_LABEL: Record<Selection["kind"], string> = { network: "Network", sandbox: "Sandbox", endpoint: "Endpoint", service: "Service" };

function Frame({
  kind,
  title,
  subtitle,
  accent,
  badges,
  missing = false,
  onClose,
  children,
}: {
  kind: Selection["kind"];
  title: string;
  subtitle?: string;
  accent?: string;
  badges?: ReactNode;
  missing?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <div
      data-testid="inspector"
      data-kind={kind}
      data-missing={missing ? "true" : undefined}
      aria-label={`${KIND_LABEL[kind]} ${title}`}
      role="region"
      className="flex h-full min-h-0 flex-col bg-white text-xs text-slate-700"
    >
      {accent && <div className={`h-1 shrink-0 ${accent}`} />}
      <header className="flex shrink-0 items-start gap-2 border-b border-slate-200 px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5 text-[10px] font-semibold uppercase tracking-wide text-slate-500">
            <span data-testid="inspector-kind">{KIND_LABEL[kind]}</span>
            {badges}
          </div>
          <h2 data-testid="inspector-title" className="truncate text-sm font-semibold text-slate-900" title={title}>
            {title}
          </h2>
          {subtitle && <div className="truncate text-[11px] text-slate-500">{subtitle}</div>}
        </div>
        <button
          type="button"
          data-testid="inspector-close"
          onClick={onClose}
          aria-label="Close the inspector"
          title="Close"
          className="shrink-0 rounded px-2 py-0.5 text-base leading-6 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          ✕
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-3">{children}</div>
    </div>
  );
}

function Missing({ kind, text, onClose, title }: { kind: Selection["kind"]; text: string; title: string; onClose: () => void }) {
  return (
    <Frame kind={kind} title={title} missing onClose={onClose}>
      <p data-testid="inspector-missing" role="status" className="rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
        {text}
      </p>
      <p className="mt-2 text-[11px] text-slate-500">It was probably removed since this link was made. The graph shows what exists now.</p>
    </Frame>
  );
}

export function Inspector({ topology, selection, onSelect, onClose, probeSlot, serviceSlots }: InspectorProps) {
  // Keyed on the selection so view state (an open Raw JSON, expanded lists) starts afresh per object.
  const key = formatSelection(selection);

  if (selection.kind === "network") {
    const n = topology.networks.find((x) => x.id === selection.id);
    if (!n) return <Missing kind="network" title={shortId(selection.id)} text="This network no longer exists." onClose={onClose} />;
    return (
      <Frame
        kind="network"
        title={n.name}
        subtitle={`${n.driver} · ${n.scope}${n.ipam.length > 0 ? ` · ${n.ipam.map((c) => c.subnet).join(", ")}` : ""}`}
        accent={driverStyle(n.driver).accent}
        badges={n.predefined ? <Badge>predefined</Badge> : undefined}
        onClose={onClose}
      >
        <NetworkInspector key={key} topology={topology} network={n} onSelect={onSelect} />
      </Frame>
    );
  }

  if (selection.kind === "sandbox") {
    const s = topology.sandboxes.find((x) => x.id === selection.id);
    if (!s) return <Missing kind="sandbox" title={shortId(selection.id)} text="This container no longer exists." onClose={onClose} />;
    const owner = s.containers[0];
    return (
      <Frame
        kind="sandbox"
        title={sandboxName(s)}
        subtitle={`${owner?.image ?? ""}${owner?.status ? ` · ${owner.status}` : ""}`}
        badges={s.containers.length > 1 ? <Badge>{s.containers.length} containers</Badge> : undefined}
        onClose={onClose}
      >
        <SandboxInspector key={key} topology={topology} sandbox={s} onSelect={onSelect} probeSlot={probeSlot} />
      </Frame>
    );
  }

  if (selection.kind === "service") {
    const svc = topology.services.find((x) => x.id === selection.id);
    if (!svc) return <Missing kind="service" title={selection.id.slice(0, 12)} text="This service no longer exists." onClose={onClose} />;
    const slots = serviceSlots?.(svc) ?? {};
    return (
      <Frame
        kind="service"
        title={svc.name}
        subtitle={`${svc.mode} · ${svc.replicas.running}/${svc.replicas.desired} running · endpoint ${svc.endpointMode}`}
        accent="bg-indigo-500"
        onClose={onClose}
      >
        <ServiceInspector key={key} topology={topology} service={svc} onSelect={onSelect} networkEditSlot={slots.networkEdit} logsSlot={slots.logs} />
      </Frame>
    );
  }

  const n = topology.networks.find((x) => x.id === selection.networkId);
  const s = topology.sandboxes.find((x) => x.id === selection.sandboxId);
  const e = findEndpoint(topology, selection.networkId, selection.sandboxId);
  if (!n || !s || !e) {
    const who = s ? sandboxName(s) : "the container";
    const where = n ? n.name : "the network";
    const text = !s && !n ? "This endpoint no longer exists: neither its container nor its network does." : !s ? "This endpoint no longer exists: its container was removed." : !n ? "This endpoint no longer exists: its network was removed." : `This endpoint no longer exists: ${who} is no longer connected to ${where}.`;
    return <Missing kind="endpoint" title={s && n ? `${sandboxName(s)} on ${n.name}` : "Endpoint"} text={text} onClose={onClose} />;
  }
  return (
    <Frame kind="endpoint" title={`${sandboxName(s)} on ${n.name}`} subtitle={e.active ? e.ipv4 || "no IPv4 address" : "inactive: the container does not run"} accent={driverStyle(n.driver).accent} onClose={onClose}>
      <EndpointInspector key={key} topology={topology} endpoint={e} network={n} sandbox={s} onSelect={onSelect} />
    </Frame>
  );
}
