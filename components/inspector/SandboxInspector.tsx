"use client";
/**
 * A sandbox (a network namespace): its containers, its endpoints and ports
 * from the owner's inspect (`GET /api/containers/{id}`, refetched when the
 * topology says the container changed), its DNS settings, what it can
 * resolve, and what it can reach.
 */
import { useMemo, type ReactNode } from "react";
import type { ContainerDetail } from "@/lib/inspect/types";
import { endpointView, ownerId, portLines, sandboxEndpointRows, sandboxRevision, shortEndpointId, type SandboxEndpointRow } from "@/lib/inspect/view";
import { useContainerDetail } from "@/lib/hooks/use-container-detail";
import { isRunning } from "@/lib/insights/model";
import type { Selection } from "@/lib/selection";
import { sandboxName } from "@/lib/topology/describe";
import type { Sandbox, Topology } from "@/lib/topology/types";
import { DnsSection } from "./DnsSection";
import { LogsPanel } from "./LogsPanel";
import { Badge, Field, Fields, FetchStatus, LinkButton, MONO, Section, stateTone } from "./parts";
import { RawJsonBlock, RawJsonToggle } from "./RawJson";
import { ReachabilitySection } from "./ReachabilitySection";

/** What an unknown detail value shows: still loading, or lost to an error. */
type Pending = "loading" | "error" | null;

function pendingText(p: Pending, otherwise: string): string {
  return p === "loading" ? "loading…" : p === "error" ? "unknown" : otherwise;
}

function modeText(mode: string): string | undefined {
  if (mode === "default" || mode === "bridge") return "Docker's default bridge (docker run without --network)";
  if (mode === "host") return "the host's network stack: no namespace of its own";
  if (mode === "none") return "networking disabled: loopback only";
  return undefined;
}

function EndpointRow({ row, pending, onSelect, sandboxId }: { row: SandboxEndpointRow; pending: Pending; onSelect: (sel: Selection) => void; sandboxId: string }) {
  const f = endpointView(row);
  const unknown = (otherwise: string): string => (row.detail ? otherwise : pendingText(pending, otherwise));
  const fixed = row.detail?.ipamConfig;
  const fixedText = fixed ? [fixed.ipv4, fixed.ipv6].filter((x): x is string => Boolean(x)).join(", ") : "";
  return (
    <li data-testid="inspector-endpoint" data-network={row.networkName} data-active={f.active ? "true" : "false"} className="rounded border border-slate-200 px-2 py-1">
      <div className="mb-0.5 flex items-center gap-1.5">
        {row.network ? (
          <LinkButton onClick={() => onSelect({ kind: "network", id: row.networkId })} title={`Inspect network ${row.networkName}`} testId="inspector-endpoint-network">
            {row.networkName}
          </LinkButton>
        ) : (
          <span className="font-medium text-slate-800">{row.networkName}</span>
        )}
        {row.network && <span className="text-[10px] text-slate-500">{row.network.driver}</span>}
        {!f.active && <Badge tone="amber">inactive</Badge>}
        {row.endpoint && (
          <button
            type="button"
            onClick={() => onSelect({ kind: "endpoint", networkId: row.networkId, sandboxId })}
            className="ml-auto shrink-0 rounded px-1 text-[10px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            title="Inspect this endpoint"
          >
            endpoint ›
          </button>
        )}
      </div>
      <Fields>
        <Field label="IPv4" field="ipv4" value={f.ipv4} suffix={f.ipv4 && f.ipv4Prefix !== null ? `/${f.ipv4Prefix}` : undefined} empty={f.active ? "none" : "none (not running)"} mono />
        {f.ipv6 && <Field label="IPv6" field="ipv6" value={f.ipv6} suffix={f.ipv6Prefix !== null ? `/${f.ipv6Prefix}` : undefined} mono />}
        <Field label="MAC" field="mac" value={f.mac} mono />
        <Field label="Gateway" field="gateway" value={f.gateway} empty={unknown("none")} mono />
        {f.ipv6Gateway && <Field label="IPv6 gateway" field="ipv6-gateway" value={f.ipv6Gateway} mono />}
        <Field label="Aliases" field="aliases" value={f.aliases.join(", ")} empty={unknown("none")} mono />
        <Field
          label="DNS names"
          field="dns-names"
          value={f.dnsNames.join(", ")}
          empty={unknown("none reported")}
          mono
          title="The names the engine registers for this endpoint (DNSNames, engine API 1.44 and later)"
        />
        {row.detail && row.detail.links.length > 0 && <Field label="Links" field="links" value={row.detail.links.join(", ")} mono />}
        {fixedText && <Field label="Fixed address" field="fixed-address" value={fixedText} mono title="Asked for with --ip / --ip6" />}
        <Field label="Endpoint ID" field="endpoint-id" value={f.endpointId} empty={f.active ? unknown("none") : "none (not running)"} mono copy title={f.endpointId || undefined}>
          {f.endpointId ? shortEndpointId(f.endpointId) : undefined}
        </Field>
      </Fields>
    </li>
  );
}

function listOr(values: string[] | undefined, pending: Pending, empty: string): { value: string; empty: string } {
  return { value: values ? values.join(", ") : "", empty: values ? empty : pendingText(pending, empty) };
}

function Containers({ sandbox }: { sandbox: Sandbox }) {
  const owner = sandbox.containers[0]?.name ?? "";
  return (
    <ul className="space-y-0.5">
      {sandbox.containers.map((c, i) => (
        <li key={c.id} data-testid="inspector-container" data-container={c.name} data-state={c.state} className="flex min-w-0 items-baseline gap-1.5">
          <span className="truncate font-medium text-slate-900" title={c.id}>
            {c.name}
          </span>
          <Badge tone={stateTone(c.state)} title={c.status}>
            {c.state}
          </Badge>
          {i === 0 && sandbox.containers.length > 1 && <Badge tone="sky">owner</Badge>}
          {i > 0 && (
            <span className="shrink-0 text-[10px] text-slate-500" title={`Started with --network container:${owner}: it shares ${owner}'s interfaces, addresses and ports`}>
              joined {owner}
            </span>
          )}
          <span className={`${MONO} ml-auto min-w-0 truncate text-slate-500`} title={c.image}>
            {c.image}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Ports({ detail, sandbox }: { detail: ContainerDetail | undefined; sandbox: Sandbox }) {
  const lines = portLines(detail, sandbox.ports);
  if (lines.length === 0) {
    return (
      <p className="text-slate-500 italic">
        {sandbox.networkMode === "host" ? "None: in host mode whatever it listens on is a host port." : "No published port."}
      </p>
    );
  }
  return (
    <ul className="space-y-0.5">
      {lines.map((p, i) => (
        <li
          key={`${p.text}-${i}`}
          data-testid="inspector-port"
          data-host-ip={p.hostIp}
          data-host-port={p.hostPort}
          data-container-port={p.containerPort}
          className="flex items-baseline gap-1.5"
        >
          <span className={`${MONO} ${p.published ? "text-slate-900" : "text-slate-500"}`}>{p.text}</span>
          {p.allInterfaces && (
            <Badge tone="amber" title="Bound to every host interface">
              all interfaces
            </Badge>
          )}
          {p.loopback && <Badge title="Reachable from the host itself only">loopback only</Badge>}
          {!p.published && <Badge title="Declared (EXPOSE or --expose) but not published on the host">exposed only</Badge>}
        </li>
      ))}
    </ul>
  );
}

export function SandboxInspector({
  topology,
  sandbox,
  onSelect,
  probeSlot,
}: {
  topology: Topology;
  sandbox: Sandbox;
  onSelect: (sel: Selection) => void;
  probeSlot?: ReactNode;
}) {
  const revision = useMemo(() => sandboxRevision(topology, sandbox.id), [topology, sandbox.id]);
  const { detail, error, loading } = useContainerDetail(ownerId(sandbox), revision);
  const pending: Pending = detail ? null : error ? "error" : "loading";
  const rows = useMemo(() => sandboxEndpointRows(topology, sandbox.id, detail), [topology, sandbox.id, detail]);
  const name = sandboxName(sandbox);
  const running = isRunning(sandbox);
  const dns = listOr(detail?.dns, pending, "engine defaults");
  const search = listOr(detail?.dnsSearch, pending, "engine defaults");
  const options = listOr(detail?.dnsOptions, pending, "engine defaults");
  const hosts = listOr(detail?.extraHosts, pending, "none");

  return (
    <div className="space-y-4">
      <Section title={sandbox.containers.length > 1 ? `Containers (${sandbox.containers.length}, one namespace)` : "Container"}>
        <Containers sandbox={sandbox} />
      </Section>

      <Section title="Namespace">
        <FetchStatus loading={loading} error={error} what={`${name}'s inspect`} stale={detail !== undefined} />
        <Fields>
          <Field label="Network mode" field="network-mode" value={sandbox.networkMode} mono title={modeText(sandbox.networkMode)} />
          <Field
            label="Sandbox key"
            field="sandbox-key"
            value={detail?.sandboxKey ?? ""}
            empty={pendingText(pending, running ? "none" : "none (not running)")}
            mono
            copy
            title="The namespace's path on the host (nsenter --net=…)"
          />
          <Field label="Hostname" field="hostname" value={detail?.hostname ?? ""} empty={pendingText(pending, "none")} mono />
          {detail?.domainname && <Field label="Domain name" field="domainname" value={detail.domainname} mono />}
          <Field label="Container ID" field="container-id" value={ownerId(sandbox)} mono copy />
        </Fields>
      </Section>

      <Section title="Endpoints" testId="inspector-endpoints" aside={`${rows.length}`}>
        {rows.length > 0 ? (
          <ul className="space-y-1">
            {rows.map((r) => (
              <EndpointRow key={r.networkId || r.networkName} row={r} pending={pending} onSelect={onSelect} sandboxId={sandbox.id} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-500 italic">{name} is on no network.</p>
        )}
      </Section>

      <Section title="Published ports">
        <Ports detail={detail} sandbox={sandbox} />
      </Section>

      <Section title="DNS settings">
        <Fields>
          <Field label="DNS servers" field="dns" value={dns.value} empty={dns.empty} mono title="--dns: where the embedded DNS (or the container's resolv.conf) forwards outside names" />
          <Field label="Search domains" field="dns-search" value={search.value} empty={search.empty} mono title="--dns-search" />
          <Field label="DNS options" field="dns-options" value={options.value} empty={options.empty} mono title="--dns-option" />
          <Field label="Extra hosts" field="extra-hosts" value={hosts.value} empty={hosts.empty} mono title="--add-host: lines added to /etc/hosts" />
        </Fields>
      </Section>

      <DnsSection topology={topology} sandboxId={sandbox.id} name={name} onSelect={onSelect} />

      <ReachabilitySection topology={topology} sandboxId={sandbox.id} onSelect={onSelect} />

      {probeSlot}

      <LogsPanel key={ownerId(sandbox)} kind="container" id={ownerId(sandbox)} name={sandbox.containers[0]?.name ?? name} />

      <RawJsonToggle what={`container ${name}`}>
        {detail ? (
          <RawJsonBlock value={detail.raw} />
        ) : (
          <p className="text-slate-500 italic">{error ? "No JSON: the inspect could not be read (see above)." : "Loading the inspect…"}</p>
        )}
      </RawJsonToggle>
    </div>
  );
}
