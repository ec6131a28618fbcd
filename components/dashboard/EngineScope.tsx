"use client";
/**
 * The page for one engine: the engine named by `?engine=` (the default one
 * when absent). Another engine means another dashboard: it is mounted afresh,
 * so nothing of one engine (its topology, events, timeline, selection) shows
 * on another. `/present`, or `?mode=present` on any view, shows the same
 * engine as a presentation screen.
 */
import { useSearchParams } from "next/navigation";
import { engineFromParams } from "@/lib/client/api-path";
import { EngineScopeProvider } from "@/lib/hooks/use-engine-scope";
import { isPresentMode } from "@/lib/present/mode";
import { Presentation } from "../present/Presentation";
import { Dashboard } from "./Dashboard";

export function EngineScope({ present = false }: { present?: boolean }) {
  const params = useSearchParams();
  const engine = engineFromParams(params);
  return (
    <EngineScopeProvider engine={engine}>
      {present || isPresentMode(params) ? <Presentation key={engine ?? ""} /> : <Dashboard key={engine ?? ""} />}
    </EngineScopeProvider>
  );
}
