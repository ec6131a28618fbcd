"use client";
/**
 * A network, laid out for reading: what `docker network inspect` shows, its
 * options explained in words, and the endpoints on it (from the topology;
 * the engine's own JSON on demand).
 */
import { useMemo } from "react";
import { networkNotes, optionRows } from "@/lib/insights/network-options";
import { networkRevision } from "@/lib/inspect/view";
import type { Selection } from "@/lib/selection";
import { bridgeDevice, sandboxName } from "@/lib/topology/describe";
import type { Endpoint, IpamConfig, Network, Sandbox, Topology } from "@/lib/topology/types";
import { Badge, Capped, Field, Fields, LinkButton, MONO, Section, stateTone } from "./parts";
import { NetworkRawJson, RawJsonToggle } from "./RawJson";

const yesNo = (b: boolean): string => (b ? "yes" : "no");

function IpamBlock({ config, index }: { config: IpamConfig; index: number }) {
  const aux = Object.entries(config.auxAddresses ?? {});
  return (
    <li data-testid="inspector-ipam" data-subnet={config.subnet} className="rounded border border-slate-200 bg-slate-50/60 px-2 py-1">
      <Fields>
        <Field label={`Subnet${index > 0 ? ` ${index + 1}` : ""}`} field="subnet" value={config.subnet} mono />
        <Field label="Gateway" field="gateway" value={config.gateway ?? ""} empty="not set" mono />
        {config.ipRange && <Field label="IP range" field="ip-range" value={config.ipRange} mono title="Containers get addresses from this range only" />}
        {aux.length > 0 && (
          <Field label="Aux addresses" field="aux-addresses" value={aux.map(([k, v]) => `${k}=${v}`).join(", ")} mono title="Addresses the IPAM driver never hands out" />
        )}
      </Fields>
    </li>
  );
}

function EndpointRow({
  endpoint: e,
  sandbox,
  onSelect,
}: {
  endpoint: Endpoint;
  sandbox: Sandbox | undefined;
  onSelect: (sel: Selection) => void;
}) {
  const name = sandbox ? sandboxName(sandbox) : e.containerId.slice(0, 12);
  const state = sandbox?.containers[0]?.state ?? "";
  const joiners = sandbox?.containers.slice(1).map((c) => c.name) ?? [];
  const select = () => onSelect({ kind: "endpoint", networkId: e.networkId, sandboxId: e.sandboxId });
  return (
    <li
      data-testid="inspector-endpoint"
      data-container={name}
      data-active={e.active ? "true" : "false"}
      onClick={select}
      className="cursor-pointer rounded border border-slate-200 px-2 py-1 hover:border-sky-300 hover:bg-sky-50/40"
    >
      <div className="mb-0.5 flex items-center gap-1.5">
        <LinkButton onClick={() => onSelect({ kind: "sandbox", id: e.sandboxId })} title={`Inspect ${name}'s sandbox`} testId="inspector-endpoint-container">
          {name}
        </LinkButton>
        {state && <Badge tone={stateTone(state)}>{state}</Badge>}
        {!e.active && state === "running" && <Badge tone="amber">not connected</Badge>}
        <button
          type="button"
          onClick={(ev) => {
            ev.stopPropagation();
            select();
          }}
          className="ml-auto shrink-0 rounded px-1 text-[10px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          title={`Inspect the endpoint of ${name} on this network`}
        >
          endpoint ›
        </button>
      </div>
      <Fields>
        <Field label="IPv4" field="ipv4" value={e.ipv4} empty={e.active ? "none" : "none (not running)"} mono />
        {e.ipv6 && <Field label="IPv6" field="ipv6" value={e.ipv6} mono />}
        <Field label="MAC" field="mac" value={e.mac} mono />
        {e.aliases.length > 0 && <Field label="Aliases" field="aliases" value={e.aliases.join(", ")} mono />}
      </Fields>
      {joiners.length > 0 && (
        <p className="mt-0.5 text-[11px] text-slate-500">
          Shared with {joiners.join(", ")} (--network container:{name})
        </p>
      )}
    </li>
  );
}

export function NetworkInspector({ topology, network: n, onSelect }: { topology: Topology; network: Network; onSelect: (sel: Selection) => void }) {
  const endpoints = useMemo(() => {
    const sandboxes = new Map(topology.sandboxes.map((s) => [s.id, s]));
    return topology.endpoints
      .filter((e) => e.networkId === n.id)
      .map((e) => ({ e, s: sandboxes.get(e.sandboxId) }))
      .sort((a, b) => (a.s ? sandboxName(a.s) : a.e.sandboxId).localeCompare(b.s ? sandboxName(b.s) : b.e.sandboxId));
  }, [topology, n.id]);
  const revision = useMemo(() => networkRevision(topology, n.id), [topology, n.id]);
  const options = optionRows(n.options);
  const labels = Object.entries(n.labels).sort(([a], [b]) => a.localeCompare(b));
  const notes = networkNotes(n);
  const device = bridgeDevice(n);
  const active = endpoints.filter((x) => x.e.active).length;

  return (
    <div className="space-y-4">
      <Section title="Network">
        <Fields>
          <Field label="Name" field="name" value={n.name} mono />
          <Field label="ID" field="id" value={n.id} mono copy />
          <Field label="Driver" field="driver" value={n.driver} />
          <Field label="Scope" field="scope" value={n.scope} />
          {device && <Field label="Bridge device" field="bridge-device" value={device} mono title="The Linux bridge on the host (ip link show)" />}
          {n.options.parent !== undefined && <Field label="Parent" field="parent" value={n.options.parent} mono />}
          <Field label="Internal" field="internal" value={yesNo(n.internal)} />
          <Field label="Attachable" field="attachable" value={yesNo(n.attachable)} />
          <Field label="Ingress" field="ingress" value={yesNo(n.ingress)} />
          <Field label="IPv6" field="ipv6" value={yesNo(n.ipv6)} />
          {(n.configOnly || n.configFrom) && <Field label="Config only" field="config-only" value={yesNo(n.configOnly)} />}
          {n.configFrom && <Field label="Config from" field="config-from" value={n.configFrom} mono />}
          {n.predefined && <Field label="Predefined" field="predefined" value="yes" title="Created by Docker; cannot be removed" />}
        </Fields>
        {notes.length > 0 && (
          <ul className="space-y-0.5" data-testid="inspector-notes">
            {notes.map((x) => (
              <li key={x.flag} data-flag={x.flag} className="flex gap-1.5 text-[11px] leading-4 text-slate-600">
                <Badge tone="sky">{x.flag}</Badge>
                <span>{x.text}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="IP address management">
        <Fields>
          <Field label="IPAM driver" field="ipam-driver" value={n.ipamDriver} />
        </Fields>
        {n.ipam.length > 0 ? (
          <ul className="space-y-1">
            {n.ipam.map((c, i) => (
              <IpamBlock key={`${c.subnet}-${i}`} config={c} index={i} />
            ))}
          </ul>
        ) : (
          <p className="text-slate-500 italic">No subnet: containers on this network get no address from Docker.</p>
        )}
      </Section>

      <Section title="Driver options" aside={options.length > 0 ? `${options.length}` : undefined}>
        {options.length > 0 ? (
          <ul className="space-y-1">
            {options.map((o) => (
              <li key={o.key} data-testid="inspector-option" data-key={o.key} data-value={o.value} className="leading-4">
                <div className={`${MONO} break-all`}>
                  <span className="text-slate-600">{o.key}</span>
                  <span className="text-slate-500">=</span>
                  <span className="font-semibold text-slate-900">{o.value === "" ? '""' : o.value}</span>
                </div>
                {o.explanation && (
                  <p data-testid="option-explanation" className="text-[11px] text-slate-600">
                    {o.explanation}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500 italic">None: the driver&apos;s defaults apply.</p>
        )}
      </Section>

      <Section title="Labels" aside={labels.length > 0 ? `${labels.length}` : undefined}>
        {labels.length > 0 ? (
          <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-2 gap-y-0.5">
            {labels.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className={`${MONO} break-all text-slate-500`}>{k}</dt>
                <dd data-field="label" data-key={k} className={`${MONO} break-all text-slate-900`}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-slate-500 italic">None.</p>
        )}
      </Section>

      <Section title="Endpoints" testId="inspector-endpoints" aside={`${endpoints.length} (${active} active)`}>
        {endpoints.length > 0 ? (
          <ul className="space-y-1">
            <Capped items={endpoints} limit={200} noun="endpoints" render={({ e, s }) => <EndpointRow key={e.sandboxId} endpoint={e} sandbox={s} onSelect={onSelect} />} />
          </ul>
        ) : (
          <p className="text-slate-500 italic">{n.configOnly ? "A config-only network never has endpoints." : "No container is connected."}</p>
        )}
      </Section>

      <RawJsonToggle what={`network ${n.name}`}>
        <NetworkRawJson networkId={n.id} revision={revision} />
      </RawJsonToggle>
    </div>
  );
}
