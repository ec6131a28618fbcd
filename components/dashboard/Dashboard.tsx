"use client";
import { ReactFlowProvider } from "@xyflow/react";
import { ApiClientError } from "@/lib/client/fetch-json";
import { useEngineEvents } from "@/lib/hooks/use-engine-events";
import { useTopology } from "@/lib/hooks/use-topology";
import { TopologyCanvas } from "../graph/TopologyCanvas";
import { EngineUnavailable } from "./EngineUnavailable";
import { Header } from "./Header";

export function Dashboard() {
  const { data, error, isLoading } = useTopology();
  const live = useEngineEvents();
  const unreachable = error instanceof ApiClientError && error.status === 503;

  return (
    <div className="flex h-screen flex-col bg-slate-50">
      <Header topology={data} live={live} />
      <main className="relative min-h-0 flex-1">
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
          <ReactFlowProvider>
            <TopologyCanvas topology={data} />
          </ReactFlowProvider>
        )}
      </main>
    </div>
  );
}
