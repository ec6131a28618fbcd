"use client";
import { ReactFlowProvider } from "@xyflow/react";
import { ApiClientError } from "@/lib/client/fetch-json";
import { useEngineEvents } from "@/lib/hooks/use-engine-events";
import { useHealth } from "@/lib/hooks/use-health";
import { useTimeline } from "@/lib/hooks/use-timeline";
import { useTopology } from "@/lib/hooks/use-topology";
import { ToastProvider } from "../editing/Toast";
import { TopologyCanvas } from "../graph/TopologyCanvas";
import { NetworkEditingProvider } from "../networks/network-actions";
import { NetworkSelectionBar } from "../networks/NetworkSelectionBar";
import { NetworkToolbar } from "../networks/NetworkToolbar";
import { TimelinePanel } from "../timeline/TimelinePanel";
import { EngineUnavailable } from "./EngineUnavailable";
import { Header } from "./Header";

export function Dashboard() {
  const { data, error, isLoading } = useTopology();
  const timeline = useTimeline();
  const live = useEngineEvents(timeline.onEvent, timeline.onGap);
  const unreachable = error instanceof ApiClientError && error.status === 503;
  const { data: health } = useHealth();
  const readOnly = health?.readOnly === true;
  // Editing controls appear only once the server said it accepts changes.
  const editable = health !== undefined && !readOnly;

  return (
    <ToastProvider>
      <NetworkEditingProvider topology={data}>
        <div className="flex h-screen flex-col bg-slate-50">
          <Header topology={data} live={live} readOnly={readOnly} actions={<NetworkToolbar />} />
          <ReactFlowProvider>
          <div className="flex min-h-0 flex-1">
          {data && <TimelinePanel timeline={timeline.timeline} topology={data} onClear={timeline.clear} />}
          <main className="relative min-h-0 min-w-0 flex-1">
            {data && error && (
              <div role="status" className="absolute inset-x-0 top-0 z-10 bg-amber-100 px-4 py-1 text-sm text-amber-900" data-testid="stale-banner">
                {error.message} Showing the last known state.
              </div>
            )}
            {!data && unreachable && <EngineUnavailable message={error.message} engine={error.engine} />}
            {!data && error && !unreachable && (
              <div role="alert" className="p-6 text-red-800">
                Could not load the topology: {error.message}
              </div>
            )}
            {!data && !error && isLoading && <div className="p-6 text-slate-500">Reading the engine…</div>}
            {data && (
              <>
                <TopologyCanvas topology={data} editable={editable} />
                <NetworkSelectionBar topology={data} />
              </>
            )}
          </main>
          </div>
          </ReactFlowProvider>
        </div>
      </NetworkEditingProvider>
    </ToastProvider>
  );
}
