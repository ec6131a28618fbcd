"use client";
/**
 * A presentation screen (a wall display, a projector): the live graph of one
 * engine, large, read-only whatever the person's role, fitted again on every
 * change, with each change pulsed and captioned, and a status line. Keeps the
 * engine, filter, selection and grouping the URL carries.
 */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { ReactFlowProvider } from "@xyflow/react";
import { filterTopology } from "@/lib/graph/filter";
import { highlightFor, sameHighlight } from "@/lib/graph/highlight";
import { networkNodeId, sandboxNodeId } from "@/lib/graph/ids";
import { useCanvasFilter } from "@/lib/hooks/use-canvas-filter";
import { useEngineEvents } from "@/lib/hooks/use-engine-events";
import { useEngineId } from "@/lib/hooks/use-engine-scope";
import { useGraphView } from "@/lib/hooks/use-graph-view";
import { useSelection } from "@/lib/hooks/use-selection";
import { useStable } from "@/lib/hooks/use-stable";
import { useTopology } from "@/lib/hooks/use-topology";
import { CYCLE_PARAM, LAB_PARAM, dashboardHref, parseCycle } from "@/lib/present/mode";
import { EngineNotices, engineRead } from "../dashboard/EngineNotices";
import { TopologyCanvas } from "../graph/TopologyCanvas";
import { CaptionStack } from "./CaptionStack";
import { FitOnChange } from "./FitOnChange";
import { LAB_PANEL_PX, PresentLab } from "./PresentLab";
import { PresentStatus } from "./PresentStatus";
import { PresentViews } from "./PresentViews";
import { useCaptions } from "./use-captions";
import { useReducedMotion } from "./use-reduced-motion";

export function Presentation() {
  const { data: lastRead, error, isLoading } = useTopology();
  const live = useEngineEvents();
  const { unreachable, gone, data } = engineRead(live, error, lastRead);
  const engineId = useEngineId();
  const params = useSearchParams();
  const { selection, setSelection } = useSelection();
  const { filter } = useCanvasFilter();
  const view = useGraphView();
  const reduced = useReducedMotion();
  const labId = params.get(LAB_PARAM);
  const cycle = parseCycle(params.get(CYCLE_PARAM));

  const shown = useMemo(() => (data ? filterTopology(data, filter) : undefined), [data, filter]);
  const highlight = useStable(
    useMemo(() => (data ? highlightFor(data, selection) : null), [data, selection]),
    sameHighlight,
  );
  const drawnIds = useMemo(
    () => new Set([...(shown?.networks.map((n) => networkNodeId(n.id)) ?? []), ...(shown?.sandboxes.map((s) => sandboxNodeId(s.id)) ?? [])]),
    [shown],
  );
  const drawn = useCallback((id: string) => drawnIds.has(id), [drawnIds]);
  const { captions, pulse } = useCaptions(data, drawn);

  return (
    <div className="flex h-screen flex-col bg-slate-50" data-testid="presentation">
      <ReactFlowProvider>
        <main className="relative min-h-0 flex-1">
          <EngineNotices data={data} error={error} isLoading={isLoading} gone={gone} unreachable={unreachable} engineId={engineId} large />
          {shown && (
            <TopologyCanvas present topology={shown} selection={selection} onSelectionChange={setSelection} highlight={highlight} view={view} pulse={pulse}>
              <FitOnChange animate={!reduced} coveredLeft={labId ? LAB_PANEL_PX : 0} />
            </TopologyCanvas>
          )}
          <CaptionStack captions={captions} />
          {data && labId && <PresentLab labId={labId} />}
          {data && <PresentViews cycle={cycle} />}
        </main>
      </ReactFlowProvider>
      <PresentStatus topology={shown} filtered={shown !== data} live={gone ? "removed" : live} engineLabel={data?.engine.host ?? engineId ?? "default engine"} exitHref={dashboardHref(params)} />
    </div>
  );
}
