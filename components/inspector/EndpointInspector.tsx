"use client";
/**
 * An endpoint: one sandbox's attachment to one network. Addresses come from
 * the topology; the gateway, DNS names and the rest from the owner
 * container's inspect.
 */
import { useMemo } from "react";
import { registeredNames } from "@/lib/insights/dns";
import { iccDisabled } from "@/lib/insights/reachability";
import { detailEndpointFor, endpointView, ownerId, sandboxRevision, withPrefix } from "@/lib/inspect/view";
import { useContainerDetail } from "@/lib/hooks/use-container-detail";
import type { Selection } from "@/lib/selection";
import { hasContainerDns, sandboxName } from "@/lib/topology/describe";
import type { Endpoint, Network, Sandbox, Topology } from "@/lib/topology/types";
import { Badge, Field, Fields, FetchStatus, LinkButton, MONO, Section } from "./parts";

export function EndpointInspector({
  topology,
  endpoint: e,
  network: n,
  sandbox: s,
  onSelect,
}: {
  topology: Topology;
  endpoint: Endpoint;
  network: Network;
  sandbox: Sandbox;
  onSelect: (sel: Selection) => void;
}) {
  const revision = useMemo(() => sandboxRevision(topology, s.id), [topology, s.id]);
  const { detail, error, loading } = useContainerDetail(ownerId(s), revision);
  const d = detailEndpointFor(detail, n);
  const f = endpointView({ endpoint: e, detail: d });
  const name = sandboxName(s);
  const unknown = (otherwise: string): string => (detail || !(loading || error) ? otherwise : loading ? "loading…" : "unknown");
  const names = hasContainerDns(n) && !n.ingress ? registeredNames(s, e) : [];
  const fixed = d?.ipamConfig ? [d.ipamConfig.ipv4, d.ipamConfig.ipv6].filter((x): x is string => Boolean(x)).join(", ") : "";

  return (
    <div className="space-y-4">
      <Section title="Endpoint">
        <FetchStatus loading={loading} error={error} what={`${name}'s inspect`} stale={detail !== undefined} />
        <Fields>
          <Field label="Network" field="network" value={n.name}>
            <LinkButton onClick={() => onSelect({ kind: "network", id: n.id })} title={`Inspect network ${n.name}`}>
              {n.name}
            </LinkButton>
          </Field>
          <Field label="Sandbox" field="sandbox" value={name}>
            <LinkButton onClick={() => onSelect({ kind: "sandbox", id: s.id })} title={`Inspect ${name}'s sandbox`}>
              {name}
            </LinkButton>
          </Field>
          <Field label="Active" field="active" value={e.active ? "yes" : "no"} title={e.active ? "The engine has a live endpoint" : "The container does not run: the attachment is kept, with no address"} />
          <Field label="Endpoint ID" field="endpoint-id" value={e.id || f.endpointId} empty={e.active ? "none" : "none (not running)"} mono copy />
          <Field label="IPv4" field="ipv4" value={e.ipv4 || withPrefix(f.ipv4, f.ipv4Prefix)} empty={e.active ? "none" : "none (not running)"} mono />
          {(e.ipv6 || f.ipv6) && <Field label="IPv6" field="ipv6" value={e.ipv6 || withPrefix(f.ipv6, f.ipv6Prefix)} mono />}
          <Field label="MAC" field="mac" value={e.mac || f.mac} mono />
          <Field label="Gateway" field="gateway" value={f.gateway} empty={unknown("none")} mono />
          {f.ipv6Gateway && <Field label="IPv6 gateway" field="ipv6-gateway" value={f.ipv6Gateway} mono />}
          <Field label="Aliases" field="aliases" value={f.aliases.join(", ")} empty="none" mono />
          <Field label="DNS names" field="dns-names" value={f.dnsNames.join(", ")} empty={unknown("none reported")} mono title="DNSNames (engine API 1.44 and later)" />
          {fixed && <Field label="Fixed address" field="fixed-address" value={fixed} mono title="Asked for with --ip / --ip6" />}
        </Fields>
      </Section>

      <Section title={`Names on ${n.name}`} testId="endpoint-names">
        {names.length > 0 ? (
          <>
            <p className="text-[11px] leading-4 text-slate-600">
              Containers on {n.name} resolve these names to {name}
              {e.active && f.ipv4 ? ` (${[f.ipv4, f.ipv6].filter(Boolean).join(", ")})` : ""}
              {e.active ? "" : " once it runs"}:
            </p>
            <ul className="flex flex-wrap gap-1">
              {names.map((r) => (
                <li key={r.name} data-testid="endpoint-name" data-name={r.name} className={`${MONO} rounded bg-slate-100 px-1 text-slate-800`} title={r.kind}>
                  {r.name}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-[11px] leading-4 text-slate-600">Docker registers no container name on {n.name}: other containers reach {name} here by IP address only.</p>
        )}
        {iccDisabled(n) && (
          <p className="text-[11px] leading-4 text-amber-900">
            <Badge tone="amber">ICC off</Badge> Inter-container communication is disabled on {n.name}: other containers on it cannot reach this endpoint.
          </p>
        )}
        {n.internal && <p className="text-[11px] leading-4 text-slate-600">{n.name} is internal: no route out of the host through this endpoint.</p>}
      </Section>
    </div>
  );
}
