"use client";
/**
 * A swarm service, laid out for reading: what `docker service inspect` and
 * `docker service ps` show, its VIP on each network, its published ports
 * with where they answer (the routing mesh or the task's node), and its
 * tasks grouped by node.
 *
 * Two places are kept for work done elsewhere (issue 10 §3 and §5): the
 * service's networks section takes `networkEditSlot` (the service-network
 * edit dialog: `docker service update --network-add/--network-rm`), and
 * `logsSlot` comes last (the reusable logs panel, `docker service logs`).
 */
import type { ReactNode } from "react";
import { portReach, serviceNetworks, taskTone, tasksByNode, vipLabel } from "@/lib/graph/swarm";
import type { Selection } from "@/lib/selection";
import type { SwarmService, Topology } from "@/lib/topology/types";
import { Badge, Field, Fields, LinkButton, MONO, Section, type Tone } from "./parts";

const TASK_TONE: Record<ReturnType<typeof taskTone>, Tone> = { running: "emerald", starting: "amber", failed: "red", done: "slate" };

export interface ServiceInspectorProps {
  topology: Topology;
  service: SwarmService;
  onSelect(sel: Selection): void;
  /** The service-network edit (add to / remove from a network), built elsewhere; drawn in the Networks section. */
  networkEditSlot?: ReactNode;
  /** The logs panel for this service (`docker service logs`), built elsewhere; drawn last. */
  logsSlot?: ReactNode;
}

export function ServiceInspector({ topology, service: s, onSelect, networkEditSlot, logsSlot }: ServiceInspectorProps) {
  const tasks = topology.tasks.filter((t) => t.serviceId === s.id).sort((a, b) => a.slot - b.slot || a.id.localeCompare(b.id));
  const nodes = topology.swarm?.nodes ?? [];
  const groups = tasksByNode(tasks, nodes);
  const reach = portReach(s, tasks, nodes);
  const networkName = (id: string): string => topology.networks.find((n) => n.id === id)?.name ?? id.slice(0, 12);
  return (
    <div data-testid="service-inspector" className="space-y-4">
      <Section title="Service">
        <Fields>
          <Field label="ID" field="id" value={s.id} mono copy />
          <Field label="Mode" field="mode" value={s.mode} />
          <Field label="Replicas" field="replicas" value={`${s.replicas.running}/${s.replicas.desired}`} title="Running of desired, as docker service ls shows REPLICAS" />
          <Field
            label="Endpoint mode"
            field="endpoint-mode"
            value={s.endpointMode}
            title={s.endpointMode === "vip" ? "One virtual IP per network, balanced over the tasks" : "DNS round-robin: the name resolves to the tasks' addresses"}
          />
        </Fields>
      </Section>

      <Section title="Networks and VIPs" testId="service-networks">
        <ul className="space-y-1">
          {serviceNetworks(s).map((id) => {
            const vip = s.vips.find((v) => v.networkId === id)?.addr ?? null;
            const ingress = topology.networks.find((n) => n.id === id)?.ingress ?? false;
            return (
              <li key={id} data-testid="service-network" data-network={networkName(id)} data-vip={vip ?? ""} className="flex items-center gap-1.5">
                <LinkButton onClick={() => onSelect({ kind: "network", id })} title={`Inspect ${networkName(id)}`}>
                  {networkName(id)}
                </LinkButton>
                <span className={MONO}>{vipLabel(s, vip)}</span>
                {ingress && <Badge tone="violet" title="The routing mesh: the service's ports published in ingress mode reach this VIP from every node">ingress</Badge>}
              </li>
            );
          })}
        </ul>
        {/* Service-network editing (issue 10 §3) goes here: networkEditSlot. */}
        {networkEditSlot}
      </Section>

      <Section title="Published ports" testId="service-ports">
        {reach.length === 0 ? (
          <p className="text-slate-500">none</p>
        ) : (
          <ul className="space-y-0.5">
            {reach.map((r) => (
              <li key={`${r.port.publishedPort}/${r.port.protocol}`} data-testid="service-port-reach" data-mode={r.port.publishMode} data-nodes={r.nodes.join(" ")} className={MONO}>
                {r.label}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Tasks by node" testId="service-tasks" aside={`${tasks.length} task${tasks.length === 1 ? "" : "s"}`}>
        {groups.length === 0 && <p className="text-slate-500">no task</p>}
        {groups.map((g) => (
          <div key={g.nodeId || g.hostname} data-testid="inspector-task-group" data-node={g.hostname}>
            <div className="text-[10px] font-semibold uppercase tracking-wide text-slate-500">node {g.hostname}</div>
            <ul className="space-y-0.5">
              {g.tasks.map((t) => (
                <li key={t.id} data-testid="inspector-task" data-node={g.hostname} data-slot={t.slot} data-state={t.state} className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium text-slate-900">
                    {s.name}.{t.slot > 0 ? t.slot : t.nodeId.slice(0, 12)}
                  </span>
                  <Badge tone={TASK_TONE[taskTone(t.state)]}>{t.state}</Badge>
                  {t.desiredState !== "running" && <span className="text-slate-500">desired {t.desiredState}</span>}
                  <span className={`${MONO} text-slate-600`}>{t.addresses.map((a) => `${a.addr} (${networkName(a.networkId)})`).join(", ") || "no address"}</span>
                  {t.containerId && <span className={`${MONO} text-slate-500`} title={t.containerId}>container {t.containerId.slice(0, 12)}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Section>

      {/* The service's logs (issue 10 §5) go here: logsSlot. */}
      {logsSlot}
    </div>
  );
}
