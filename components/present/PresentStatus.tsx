"use client";
import type { LiveState } from "@/lib/hooks/use-engine-events";
import type { Topology } from "@/lib/topology/types";
import { LIVE_TEXT } from "../dashboard/live-text";

/** The presentation's status line: which engine, whether it is live, how big; and the way back to the dashboard. */
export function PresentStatus({
  topology,
  filtered,
  live,
  engineLabel,
  exitHref,
  children,
}: {
  /** What is shown (after the filter). */
  topology?: Topology;
  filtered: boolean;
  live: LiveState;
  engineLabel: string;
  exitHref: string;
  children?: React.ReactNode;
}) {
  const status = LIVE_TEXT[live];
  return (
    <footer
      data-testid="present-status"
      data-state={live}
      className="flex items-center gap-6 border-t border-slate-200 bg-white px-6 py-2 text-lg text-slate-700"
    >
      <span className="font-semibold text-slate-900">cnmap</span>
      <span className="flex items-center gap-2" data-testid="live-status" data-state={live}>
        <span className={`h-3 w-3 rounded-full ${status.dot}`} />
        {status.text}
      </span>
      <span className="truncate font-mono text-base" title="The engine shown">
        {engineLabel}
      </span>
      {topology && (
        <span className="text-base">
          {topology.networks.length} networks · {topology.sandboxes.length} sandboxes · {topology.endpoints.length} endpoints
          {filtered && <span className="text-slate-500"> (filtered)</span>}
        </span>
      )}
      {children}
      <a href={exitHref} data-testid="present-exit" className="ml-auto rounded px-2 text-base text-slate-600 underline-offset-4 hover:underline focus-visible:underline">
        Leave presentation
      </a>
    </footer>
  );
}
