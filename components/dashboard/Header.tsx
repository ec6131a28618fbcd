"use client";
import type { ReactNode } from "react";
import type { LiveState } from "@/lib/hooks/use-engine-events";
import type { Topology } from "@/lib/topology/types";
import { Identity } from "../auth/Identity";
import { PresentLink } from "../present/PresentLink";
import { ThemeSwitch } from "../theme/ThemeSwitch";
import { EngineLoggingFact } from "./EngineLoggingFact";
import { EngineSwitcher } from "./EngineSwitcher";
import { LIVE_TEXT } from "./live-text";


export function Header({
  topology,
  live,
  actions,
  readOnly = false,
  others = [],
}: {
  topology?: Topology;
  live: LiveState;
  actions?: ReactNode;
  readOnly?: boolean;
  /** Other people watching this engine now. */
  others?: string[];
}) {
  const status = LIVE_TEXT[live];
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-1 border-b border-slate-200 bg-white px-4 py-2">
      <h1 className="text-lg font-semibold tracking-tight text-slate-900">
        cnmap <span className="text-sm font-normal text-slate-500">Docker container networking</span>
      </h1>
      <EngineSwitcher />
      {topology && (
        <div className="flex flex-wrap gap-x-4 text-xs text-slate-600" data-testid="engine-info">
          <dl className="contents">
            <div>
              <dt className="inline text-slate-500">engine </dt>
              <dd className="inline font-mono">{topology.engine.host}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Docker </dt>
              <dd className="inline">{topology.engine.version} (API {topology.engine.apiVersion})</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">swarm </dt>
              <dd className="inline">{topology.engine.swarm}</dd>
            </div>
            <EngineLoggingFact />
          </dl>
          <div data-testid="counts">
            {topology.networks.length} networks · {topology.sandboxes.length} sandboxes · {topology.endpoints.length} endpoints
          </div>
        </div>
      )}
      {readOnly && (
        <span
          data-testid="read-only-badge"
          className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900"
          title="cnmap runs read-only (CNMAP_READ_ONLY): changes are disabled"
        >
          read-only
        </span>
      )}
      {actions && <div className="ml-auto">{actions}</div>}
      <div className={`${actions ? "" : "ml-auto "}flex items-center gap-1.5 text-xs text-slate-600`} data-testid="live-status" data-state={live}>
        <span className={`h-2 w-2 rounded-full ${status.dot}`} />
        {status.text}
      </div>
      {others.length > 0 && (
        <span data-testid="presence" className="text-xs text-slate-600" title="Also looking at this engine now">
          also here: <span className="font-medium text-slate-900">{others.join(", ")}</span>
        </span>
      )}
      <PresentLink />
      <ThemeSwitch />
      <Identity />
    </header>
  );
}
