"use client";
/**
 * The swarm this engine is part of, beside the graph: its role, and on a
 * manager each node with its state, availability and whether it leads. On a
 * worker, the plain fact that only managers know services and tasks.
 */
import { memo, useState } from "react";
import type { SwarmState } from "@/lib/topology/types";

function SwarmStatusView({ swarm, services }: { swarm: SwarmState; services: number }) {
  const [open, setOpen] = useState(true);
  const worker = swarm.role === "worker";
  return (
    <div data-testid="swarm-status" data-role={swarm.role} className="max-w-[300px] rounded border border-indigo-300 bg-white/95 px-2.5 py-1.5 text-[11px] leading-4 text-slate-700 shadow-sm">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        className="flex w-full items-center gap-1.5 text-left font-semibold text-indigo-900"
        title="This engine's part in the swarm"
      >
        <span className="h-2 w-2 rounded-sm bg-indigo-500" />
        swarm {swarm.role}
        {!worker && (
          <span className="font-normal text-slate-600">
            · {swarm.nodes.length} node{swarm.nodes.length === 1 ? "" : "s"} · {services} service{services === 1 ? "" : "s"}
          </span>
        )}
        <span className="ml-auto text-slate-400">{open ? "▾" : "▸"}</span>
      </button>
      {open && worker && (
        <p data-testid="swarm-worker-note" role="status" className="mt-1 text-amber-800">
          this engine is a swarm worker: services and tasks are known only to managers
        </p>
      )}
      {open && !worker && (
        <ul className="mt-1 space-y-px">
          {swarm.nodes.map((n) => (
            <li
              key={n.id}
              data-testid="swarm-node"
              data-hostname={n.hostname}
              data-state={n.state}
              data-availability={n.availability}
              data-leader={n.leader ? "true" : "false"}
              className="flex items-center gap-1.5"
              title={`${n.hostname} (${n.id.slice(0, 12)}) at ${n.addr}: ${n.role}, ${n.state}, ${n.availability}${n.leader ? ", leader" : ""}${n.id === swarm.nodeId ? ", this engine" : ""}`}
            >
              <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${n.state === "ready" ? "bg-emerald-500" : "bg-red-500"}`} />
              <span className={`truncate ${n.id === swarm.nodeId ? "font-semibold text-slate-900" : ""}`}>{n.hostname}</span>
              <span className="shrink-0 text-slate-500">
                {n.role}
                {n.leader ? " (leader)" : ""} · {n.state}
                {n.availability !== "active" ? ` · ${n.availability}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const SwarmStatus = memo(SwarmStatusView);
