"use client";
/**
 * "DNS and service discovery" for a sandbox: per network, the names it can
 * resolve through Docker's embedded DNS and to which addresses (lib/insights/dns).
 */
import { useMemo } from "react";
import { dnsView, type DnsNetworkView, type DnsRecord } from "@/lib/insights/dns";
import type { Selection } from "@/lib/selection";
import type { Topology } from "@/lib/topology/types";
import { Badge, Capped, LinkButton, MONO, Section } from "./parts";

const KIND_TEXT = {
  name: "container name",
  alias: "network alias",
  "short-id": "short container ID",
  service: "swarm service",
  task: "swarm task",
} as const;

/** What a service's record is, in a few words. */
function serviceText(r: DnsRecord): string {
  const svc = r.service;
  if (!svc) return "";
  if (svc.form === "vip") return `service ${svc.name}'s virtual IP (endpoint mode vip)`;
  if (svc.form === "dnsrr") return `service ${svc.name}'s tasks (endpoint mode dnsrr: no VIP)`;
  return `every running task of service ${svc.name}`;
}

/** A target: a link to its sandbox when it is on this node, else the task's name and node. */
function TargetLink({ target: t, onSelect }: { target: DnsRecord["targets"][number]; onSelect: (sel: Selection) => void }) {
  const node = t.task ? ` (${t.task.node})` : "";
  if (t.sandboxId === "") {
    return (
      <span data-testid="dns-task" data-node={t.task?.node} title={`Task ${t.task?.id ?? ""} runs on ${t.task?.node ?? "another node"}: its container is not on this engine`}>
        {t.container}
        {node}
      </span>
    );
  }
  return (
    <LinkButton onClick={() => onSelect({ kind: "sandbox", id: t.sandboxId })} className="font-normal">
      {t.container}
      {node}
    </LinkButton>
  );
}

function NameRow({ record: r, onSelect }: { record: DnsRecord; onSelect: (sel: Selection) => void }) {
  const targets = [...new Map(r.targets.map((t) => [t.task?.id ?? t.sandboxId, t])).values()];
  const containers = targets.map((t) => [t.task?.id ?? t.sandboxId, t.container] as const);
  const kinds = r.service ? serviceText(r) : [...new Set(r.targets.map((t) => KIND_TEXT[t.kind]))].join(", ");
  return (
    <li
      data-testid="dns-name"
      data-name={r.name}
      data-addresses={r.addresses.join(",")}
      data-self={r.self ? "true" : undefined}
      data-round-robin={r.roundRobin ? "true" : undefined}
      data-service={r.service?.form}
      className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-2 py-0.5"
    >
      <span className={`${MONO} break-all font-semibold text-slate-900`} title={kinds}>
        {r.name}
      </span>
      <span className="min-w-0">
        <span className={`${MONO} break-all text-slate-800`}>{r.addresses.join(", ")}</span>{" "}
        {r.self && (
          <Badge tone="sky" title="One of this sandbox's own names">
            own name
          </Badge>
        )}{" "}
        {r.roundRobin && (
          <Badge tone="violet" title={`Answers rotate among ${containers.map(([, c]) => c).join(", ")}`}>
            round-robin ×{containers.length}
          </Badge>
        )}
        {r.service && (
          <Badge tone="sky" title={serviceText(r)}>
            {r.service.form === "vip" ? "service VIP" : r.service.form === "dnsrr" ? "service dnsrr" : "tasks"}
          </Badge>
        )}{" "}
        {(!r.self || r.roundRobin) && (
          <span className="block text-[11px] text-slate-500">
            {r.service?.form === "vip" ? "load-balanced to " : "→ "}
            {targets.map((t, i) => (
              <span key={t.task?.id ?? t.sandboxId}>
                {i > 0 && ", "}
                <TargetLink target={t} onSelect={onSelect} />
              </span>
            ))}
          </span>
        )}
        {r.inactive.length > 0 && <span className="block text-[11px] text-slate-500">also held by {r.inactive.join(", ")}: not running, no address</span>}
      </span>
    </li>
  );
}

function NetworkView({ view: v, onSelect }: { view: DnsNetworkView; onSelect: (sel: Selection) => void }) {
  return (
    <div data-testid="dns-network" data-network={v.networkName} data-dns={v.dns ? "yes" : "no"} className="rounded border border-slate-200 px-2 py-1">
      <div className="flex items-center gap-1.5">
        <LinkButton onClick={() => onSelect({ kind: "network", id: v.networkId })} title={`Inspect network ${v.networkName}`}>
          {v.networkName}
        </LinkButton>
        <span className="text-[10px] text-slate-500">{v.driver}</span>
        {v.dns ? (
          <Badge tone="emerald" title="Containers here ask Docker's embedded DNS server at 127.0.0.11">
            embedded DNS
          </Badge>
        ) : (
          <Badge tone="amber">no name resolution</Badge>
        )}
        {v.dns && <span className="ml-auto text-[10px] text-slate-500">{v.names.length} names</span>}
      </div>
      {v.note && (
        <p data-testid="dns-note" className={`mt-0.5 text-[11px] leading-4 ${v.dns ? "text-slate-600" : "text-amber-900"}`}>
          {v.note}
        </p>
      )}
      {v.dns && v.names.length === 0 && v.unresolvable.length === 0 && <p className="text-slate-500 italic">No name answers on this network.</p>}
      {v.names.length > 0 && (
        <ul className="mt-0.5 divide-y divide-slate-100">
          <Capped items={v.names} limit={60} noun="names" render={(r) => <NameRow key={r.name} record={r} onSelect={onSelect} />} />
        </ul>
      )}
      {v.unresolvable.length > 0 && (
        <div className="mt-1">
          <div className="text-[10px] font-medium uppercase tracking-wide text-slate-500">Registered, but answer nothing</div>
          <ul>
            <Capped
              items={v.unresolvable}
              limit={30}
              noun="names"
              render={(u) => (
                <li key={`${u.sandboxId}:${u.name}`} data-testid="dns-unresolvable" data-name={u.name} className="py-0.5 text-[11px] leading-4">
                  <span className={`${MONO} text-slate-500 line-through decoration-slate-400`}>{u.name}</span>{" "}
                  <span className="text-slate-600">{u.reason}</span>
                </li>
              )}
            />
          </ul>
        </div>
      )}
    </div>
  );
}

export function DnsSection({ topology, sandboxId, name, onSelect }: { topology: Topology; sandboxId: string; name: string; onSelect: (sel: Selection) => void }) {
  const views = useMemo(() => dnsView(topology, sandboxId), [topology, sandboxId]);
  return (
    <Section title="DNS and service discovery" testId="dns-view">
      {views.length === 0 ? (
        <p className="text-slate-500 italic">{name} is on no network: it resolves no container names.</p>
      ) : (
        <div className="space-y-1.5">
          {views.map((v) => (
            <NetworkView key={v.networkId} view={v} onSelect={onSelect} />
          ))}
        </div>
      )}
    </Section>
  );
}
