"use client";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { filterTopology } from "@/lib/graph/filter";
import { highlightFor, sameHighlight } from "@/lib/graph/highlight";
import { useStable } from "@/lib/hooks/use-stable";
import { useCanvasFilter } from "@/lib/hooks/use-canvas-filter";
import { useGraphView } from "@/lib/hooks/use-graph-view";
import { datapathVersion, useDatapath } from "@/lib/hooks/use-datapath";
import { useEngineEvents } from "@/lib/hooks/use-engine-events";
import { useEngineId } from "@/lib/hooks/use-engine-scope";
import { useEditable, useHealth } from "@/lib/hooks/use-health";
import { useSelection } from "@/lib/hooks/use-selection";
import { useTimeline } from "@/lib/hooks/use-timeline";
import { useTopology } from "@/lib/hooks/use-topology";
import { adviseTopology } from "@/lib/insights/advisor";
import { summarizeFindings } from "@/lib/insights/finding-groups";
import type { Attribution } from "@/lib/events/attribution";
import { formatSelection, type Selection } from "@/lib/selection";
import { ToastProvider } from "../editing/Toast";
import { FilterBar } from "../filter/FilterBar";
import { SearchBox } from "../filter/SearchBox";
import { RecentChangesProvider, useRecentChanges } from "../graph/recent-changes";
import { TopologyCanvas } from "../graph/TopologyCanvas";
import { AdvisorPanel } from "../insights/AdvisorPanel";
import { ReachMatrixDialog } from "../insights/ReachMatrix";
import { ServiceNetworkDialog } from "../editing/ServiceNetworkDialog";
import { ServiceNetworksEdit } from "../editing/ServiceNetworksEdit";
import { LogsPanel } from "../inspector/LogsPanel";
import { LabsButton } from "../labs/LabsButton";
import { Inspector } from "../inspector/Inspector";
import { NetworkEditingProvider } from "../networks/network-actions";
import { NetworkSelectionBar } from "../networks/NetworkSelectionBar";
import { NetworkToolbar } from "../networks/NetworkToolbar";
import { ProbeForm } from "../probe/ProbeForm";
import { TimelinePanel } from "../timeline/TimelinePanel";
import { EngineNotices, engineRead } from "./EngineNotices";
import { Header } from "./Header";
import { InsightsToolbar } from "./InsightsToolbar";
import { SidePanel, type SideTab } from "./SidePanel";

export function Dashboard() {
  const { data: lastRead, error, isLoading } = useTopology();
  const timeline = useTimeline();
  const [watching, setWatching] = useState<string[]>([]);
  const [removedBy, setRemovedBy] = useState<string | null>(null);
  const changes = useRecentChanges();
  const onAttribution = useCallback(
    (a: Attribution) => {
      timeline.onAttribution(a);
      changes.note(a);
    },
    [timeline, changes],
  );
  const onRemoved = useCallback((by: string) => {
    setRemovedBy(by);
    setWatching([]);
  }, []);
  const live = useEngineEvents(timeline.onEvent, timeline.onGap, { onAttribution, onPresence: setWatching, onRemoved });
  const { unreachable, gone, data } = engineRead(live, error, lastRead);
  const engineId = useEngineId();
  const { data: health } = useHealth();
  const readOnly = health?.readOnly === true;
  // Editing controls appear only once the server said it accepts changes from this person (an operator or an admin).
  const editable = useEditable();

  const { selection, setSelection } = useSelection();
  const { filter, setFilter } = useCanvasFilter();
  const view = useGraphView();
  const [advisorOpen, setAdvisorOpen] = useState(false);
  const [matrixOpen, setMatrixOpen] = useState(false);

  const shown = useMemo(() => (data ? filterTopology(data, filter) : undefined), [data, filter]);
  // Reachability and findings always come from the whole engine, whatever the filter hides.
  const highlight = useStable(
    useMemo(() => (data ? highlightFor(data, selection) : null), [data, selection]),
    sameHighlight,
  );
  // The Linux layer's read (shared with the canvas's) adds what only the host's rules tell: the FORWARD policy, and the rule behind a blocked pair.
  const linux = useDatapath(view.linux, datapathVersion(data)).layer;
  const forwardPolicy = linux?.forwardPolicy;
  // The advisor reads the whole engine (tens of ms at 1,000 sandboxes): deferred, so a patch or the first
  // topology is drawn first and the findings follow in a render of their own, not on the canvas's path.
  const advised = useDeferredValue(data);
  const findings = useMemo(() => (advised ? adviseTopology(advised, { forwardPolicy }) : []), [advised, forwardPolicy]);
  const findingSummary = useMemo(() => summarizeFindings(findings), [findings]);
  // The matrix lists what the canvas shows (verdicts still use the whole engine).
  const shownSandboxes = useMemo(() => (shown && shown !== data ? new Set(shown.sandboxes.map((s) => s.id)) : undefined), [shown, data]);

  // A new selection shows the inspector. Closed once the URL holds it, not on
  // the click: closing first would shut the drawer for a render, and the
  // advisor behind the inspector would lose its open groups and its filter.
  const selectionKey = selection ? formatSelection(selection) : "";
  const [shownSelection, setShownSelection] = useState(selectionKey);
  if (selectionKey !== shownSelection) {
    setShownSelection(selectionKey);
    if (selectionKey !== "") setAdvisorOpen(false);
  }
  // Stable between selections, so the advisor's memoised object chips do not re-render for it.
  const select = useCallback(
    (sel: Selection | null) => {
      setSelection(sel);
      // The same selection again changes no URL: show it now.
      if (sel && formatSelection(sel) === selectionKey) setAdvisorOpen(false);
    },
    [setSelection, selectionKey],
  );
  const tab: SideTab = advisorOpen || !selection ? "advisor" : "inspector";
  const panelOpen = data !== undefined && (selection !== null || advisorOpen);
  const probeSandbox = data && selection?.kind === "sandbox" ? data.sandboxes.find((s) => s.id === selection.id) : undefined;

  return (
    <ToastProvider>
      <NetworkEditingProvider topology={data}>
        <div className="flex h-screen flex-col bg-slate-50">
          <Header
            topology={data}
            live={gone ? "removed" : live}
            readOnly={readOnly}
            others={watching.filter((n) => n !== health?.you.name)}
            actions={
              <div className="flex items-center gap-2">
                {data && (
                  <InsightsToolbar summary={findingSummary} advisorOpen={advisorOpen} onAdvisor={() => setAdvisorOpen((o) => !o)} onMatrix={() => setMatrixOpen(true)} />
                )}
                {!gone && <NetworkToolbar />}
                {!gone && <LabsButton />}
              </div>
            }
          />
          {data && (
            <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-1.5">
              <SearchBox topology={data} onSelect={select} />
              <FilterBar topology={data} filter={filter} onChange={setFilter} />
            </div>
          )}
          <RecentChangesProvider recent={changes.recent}>
          <ReactFlowProvider>
            <div className="flex min-h-0 flex-1">
              {data && <TimelinePanel timeline={timeline.timeline} attributions={timeline.attributions} topology={data} onClear={timeline.clear} />}
              <main className="relative min-h-0 min-w-0 flex-1">
                <EngineNotices data={data} error={error} isLoading={isLoading} gone={gone} unreachable={unreachable} engineId={engineId} removedBy={removedBy} />
                {shown && (
                  <>
                    <TopologyCanvas
                      topology={shown}
                      editable={editable}
                      selection={selection}
                      onSelectionChange={select}
                      highlight={highlight}
                      view={view}
                    />
                    <NetworkSelectionBar topology={shown} />
                  </>
                )}
              </main>
              {data && panelOpen && (
                <SidePanel tab={tab} onTab={(t) => setAdvisorOpen(t === "advisor")} hasSelection={selection !== null} findings={findingSummary}>
                  {tab === "inspector" && selection && (
                    <Inspector
                      topology={data}
                      selection={selection}
                      onSelect={select}
                      onClose={() => setSelection(null)}
                      probeSlot={probeSandbox ? <ProbeForm topology={data} sandbox={probeSandbox} enabled={editable} /> : undefined}
                      serviceSlots={(svc) => ({
                        networkEdit: editable ? <ServiceNetworksEdit topology={data} service={svc} /> : undefined,
                        logs: <LogsPanel key={svc.id} kind="service" id={svc.id} name={svc.name} />,
                      })}
                    />
                  )}
                  {/* Kept mounted behind the inspector: a chip's selection, then the Advisor tab, returns to the same open group. */}
                  <AdvisorPanel findings={findings} onSelect={select} hidden={tab !== "advisor"} />
                </SidePanel>
              )}
            </div>
          </ReactFlowProvider>
          </RecentChangesProvider>
          {/* Asked for by the canvas (lib/editing/service-network-edit.ts): a service dropped on a network, a service edge removed. */}
          {data && editable && <ServiceNetworkDialog topology={data} />}
          {data && matrixOpen && <ReachMatrixDialog topology={data} sandboxIds={shownSandboxes} onSelect={select} onClose={() => setMatrixOpen(false)} linux={linux} />}
        </div>
      </NetworkEditingProvider>
    </ToastProvider>
  );
}
