"use client";
/**
 * The page for one engine: the engine named by `?engine=` (the default one
 * when absent). Another engine means another dashboard: it is mounted afresh,
 * so nothing of one engine (its topology, events, timeline, selection) shows
 * on another.
 */
import { useSearchParams } from "next/navigation";
import { engineFromParams } from "@/lib/client/api-path";
import { EngineScopeProvider } from "@/lib/hooks/use-engine-scope";
import { Dashboard } from "./Dashboard";

export function EngineScope() {
  const engine = engineFromParams(useSearchParams());
  return (
    <EngineScopeProvider engine={engine}>
      <Dashboard key={engine ?? ""} />
    </EngineScopeProvider>
  );
}
