"use client";
/**
 * "Reachability" for a sandbox, from its configuration (lib/insights/reachability):
 * whether it routes out of the host, who can reach its published ports, and
 * which containers it reaches directly.
 */
import { useMemo } from "react";
import { exposure, outbound, reachable } from "@/lib/insights/reachability";
import type { Selection } from "@/lib/selection";
import { sandboxName } from "@/lib/topology/describe";
import type { Topology } from "@/lib/topology/types";
import { Badge, Capped, LinkButton, Section } from "./parts";

export function ReachabilitySection({ topology, sandboxId, onSelect }: { topology: Topology; sandboxId: string; onSelect: (sel: Selection) => void }) {
  const out = useMemo(() => outbound(topology, sandboxId), [topology, sandboxId]);
  const exposed = useMemo(() => exposure(topology, sandboxId), [topology, sandboxId]);
  const peers = useMemo(() => {
    const ids = reachable(topology, sandboxId);
    return topology.sandboxes
      .filter((s) => ids.has(s.id))
      .map((s) => ({ id: s.id, name: sandboxName(s) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [topology, sandboxId]);

  return (
    <Section title="Reachability" testId="reachability" aside="from the configuration; a probe confirms">
      <div data-testid="reach-outbound" data-ok={out.ok ? "true" : "false"} className="space-y-0.5">
        <div className="flex items-baseline gap-1.5">
          <span className="w-[6.5rem] shrink-0 text-slate-500">Outbound</span>
          <Badge tone={out.ok ? "emerald" : "red"}>{out.ok ? "routes out" : "no route out"}</Badge>
        </div>
        <p className="text-[11px] leading-4 text-slate-700">{out.reason}</p>
        {out.ok && out.blocked.length > 0 && (
          <ul className="text-[11px] leading-4 text-slate-500">
            {out.blocked.map((b) => (
              <li key={b.network}>{b.reason}</li>
            ))}
          </ul>
        )}
      </div>

      <div data-testid="reach-exposure" className="space-y-0.5">
        <div className="flex items-baseline gap-1.5">
          <span className="w-[6.5rem] shrink-0 text-slate-500">Inbound</span>
          {exposed.ports.length === 0 ? (
            <Badge>no published port</Badge>
          ) : (
            <Badge tone={exposed.ports.some((p) => p.fromOutside) ? "amber" : "slate"}>
              {exposed.ports.filter((p) => p.fromOutside).length} of {exposed.ports.length} reachable from outside
            </Badge>
          )}
        </div>
        {exposed.note && <p className="text-[11px] leading-4 text-slate-700">{exposed.note}</p>}
        {exposed.ports.length === 0 && !exposed.note && (
          <p className="text-[11px] leading-4 text-slate-600">Nothing on the host&apos;s addresses leads to it; containers on a shared network reach it directly.</p>
        )}
        {exposed.ports.length > 0 && (
          <ul className="text-[11px] leading-4">
            {exposed.ports.map((p) => (
              <li
                key={`${p.hostIp}:${p.hostPort}/${p.protocol}`}
                data-testid="reach-port"
                data-from-outside={p.fromOutside ? "true" : "false"}
                className={p.fromOutside ? "text-slate-800" : "text-slate-500"}
              >
                {p.reason}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div data-testid="reach-peers" data-count={peers.length} className="flex items-baseline gap-1.5">
        <span className="w-[6.5rem] shrink-0 text-slate-500">Reaches directly</span>
        {peers.length === 0 ? (
          <span className="text-[11px] text-slate-500 italic">no other container</span>
        ) : (
          <ul className="flex min-w-0 flex-wrap gap-x-1.5 text-[11px]">
            <Capped
              items={peers}
              limit={30}
              noun="containers"
              render={(p) => (
                <li key={p.id} className="min-w-0">
                  <LinkButton onClick={() => onSelect({ kind: "sandbox", id: p.id })} className="font-normal">
                    {p.name}
                  </LinkButton>
                </li>
              )}
            />
          </ul>
        )}
      </div>
    </Section>
  );
}
