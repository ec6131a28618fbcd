"use client";
/**
 * The event timeline: the model events this page received, newest first,
 * filterable by type, action and text. Clicking an event selects and centres
 * its node on the canvas; an event whose object is gone says so. A column
 * beside the canvas (never over it), collapsed to a narrow strip with a count
 * until opened; the choice is remembered.
 * Must be rendered inside the ReactFlowProvider.
 */
import { attributionFor, isAttributable, type Attribution } from "@/lib/events/attribution";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useReactFlow } from "@xyflow/react";
import {
  actionsOffered,
  describeEvent,
  destroyedIds,
  entryTime,
  filterTimeline,
  isFiltering,
  linkOf,
  nameBook,
  NO_FILTER,
  relativeTime,
  TIMELINE_MAX,
  type EventEntry,
  type GapEntry,
  type NameBook,
  type Timeline,
  type TimelineFilter,
} from "@/lib/events/timeline";
import type { Topology } from "@/lib/topology/types";

const TICK_MS = 10_000;
/** Whether the user left the panel open (it starts collapsed, so the canvas keeps its width). */
const OPEN_KEY = "cnmap.timeline.open";

function savedOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) === "1";
  } catch {
    return false;
  }
}

const ACTION_STYLE: Record<string, string> = {
  create: "bg-sky-100 text-sky-800",
  start: "bg-emerald-100 text-emerald-800",
  connect: "bg-emerald-100 text-emerald-800",
  disconnect: "bg-amber-100 text-amber-900",
  die: "bg-amber-100 text-amber-900",
  stop: "bg-amber-100 text-amber-900",
  kill: "bg-amber-100 text-amber-900",
  destroy: "bg-red-100 text-red-800",
  remove: "bg-red-100 text-red-800",
};

const GAP_TEXT: Record<GapEntry["reason"], string> = {
  engine: "the server lost the engine's event stream for a while",
  server: "this page lost the server for a while",
};

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function absolute(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** How long a change may wait for cnmap's word of who made it before it counts as made outside cnmap. */
const OUTSIDE_AFTER_MS = 3000;

/**
 * Whether `ms` have passed since `at`, turning true at that moment: its own
 * timer, not the rows' 10-second clock, which made "outside cnmap" appear
 * anywhere from 3 to 13 seconds after the change. `at` is when this page
 * received the event (its own clock), not the engine's time of it, which is
 * whole seconds on another machine's clock.
 */
function usePassed(at: number, ms: number, waiting: boolean): boolean {
  const [passed, setPassed] = useState(() => Date.now() - at > ms);
  useEffect(() => {
    if (!waiting || passed) return;
    const timer = setTimeout(() => setPassed(true), Math.max(0, at + ms - Date.now()) + 1);
    return () => clearTimeout(timer);
  }, [at, ms, waiting, passed]);
  return passed;
}

function EventRow({
  entry,
  names,
  topology,
  destroyed,
  now,
  onFocus,
  by,
}: {
  entry: EventEntry;
  names: NameBook;
  topology: Topology;
  destroyed: ReadonlySet<string>;
  now: number;
  onFocus: (nodeId: string) => void;
  /** cnmap's word of who made this change, if it was made through cnmap. */
  by: Attribution | undefined;
}) {
  const e = entry.event;
  const link = linkOf(e, topology, destroyed);
  const at = entryTime(entry);
  const text = describeEvent(e, names);
  const outside = usePassed(entry.receivedAt, OUTSIDE_AFTER_MS, by === undefined && isAttributable(e));
  const body = (
    <>
      <span className="flex items-baseline gap-1.5">
        <span className={`shrink-0 rounded px-1 py-px text-[10px] font-medium ${ACTION_STYLE[e.action] ?? "bg-slate-100 text-slate-700"}`}>
          {e.action}
        </span>
        <span className="line-clamp-2 min-w-0 flex-1 break-words" title={text}>
          {text}
        </span>
      </span>
      <span className="mt-0.5 flex items-baseline gap-2 text-[10px] text-slate-500">
        <time dateTime={new Date(at).toISOString()} title={absolute(at)}>
          {relativeTime(at, now)}
        </time>
        <span className="font-mono">{e.id.slice(0, 12)}</span>
        {by ? (
          <span data-testid="timeline-by" data-actor={by.actor} className="truncate font-medium text-indigo-700" title={by.text}>
            {by.text}
          </span>
        ) : (
          isAttributable(e) &&
          outside && (
            <span data-testid="timeline-by" data-outside="true" className="text-slate-500 italic">
              outside cnmap
            </span>
          )
        )}
        {link.kind === "gone" && (
          <span className="ml-auto text-slate-500 italic" data-testid="timeline-gone">
            {link.destroyed ? "removed" : "not on the graph"}
          </span>
        )}
      </span>
    </>
  );
  return (
    <li
      data-testid="timeline-entry"
      data-type={e.type}
      data-action={e.action}
      data-id={e.id}
      data-container={e.container}
      data-node={link.kind === "node" ? link.nodeId : undefined}
      data-gone={link.kind === "gone" ? "true" : undefined}
      className="border-b border-slate-100"
    >
      {link.kind === "node" ? (
        <button
          type="button"
          onClick={() => onFocus(link.nodeId)}
          className="block w-full px-3 py-1.5 text-left text-xs text-slate-800 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
          title="Select and centre it on the graph"
        >
          {body}
        </button>
      ) : (
        <div className="px-3 py-1.5 text-xs text-slate-500" aria-disabled="true">
          {body}
        </div>
      )}
    </li>
  );
}

function GapRow({ entry, now }: { entry: GapEntry; now: number }) {
  return (
    <li
      data-testid="timeline-gap"
      data-reason={entry.reason}
      role="note"
      className="border-b border-amber-200 bg-amber-50 px-3 py-1 text-[11px] text-amber-900"
      title={`Events older than this may be missing: ${GAP_TEXT[entry.reason]}. The graph was reloaded.`}
    >
      gap: events may be missing
      <time className="ml-2 text-[10px] text-amber-700" dateTime={new Date(entry.at).toISOString()} title={absolute(entry.at)}>
        {relativeTime(entry.at, now)}
      </time>
    </li>
  );
}

const SELECT = "rounded border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-700";

export function TimelinePanel({
  timeline,
  attributions = [],
  topology,
  onClear,
}: {
  timeline: Timeline;
  /** Changes made through cnmap and by whom (lib/events/attribution). */
  attributions?: readonly Attribution[];
  topology: Topology;
  onClear?: () => void;
}) {
  // Mounted only once the topology has loaded in the browser, so reading storage here cannot break hydration.
  const [open, setOpenState] = useState(savedOpen);
  const setOpen = useCallback((next: boolean) => {
    setOpenState(next);
    try {
      window.localStorage.setItem(OPEN_KEY, next ? "1" : "0");
    } catch {
      /* storage unavailable: the choice lasts for this page */
    }
  }, []);
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const now = useNow();
  const { fitView, setNodes, setEdges } = useReactFlow();

  const names = useMemo(() => nameBook(topology, timeline.entries), [topology, timeline.entries]);
  const destroyed = useMemo(() => destroyedIds(timeline.entries), [timeline.entries]);
  const shown = useMemo(() => filterTimeline(timeline.entries, filter, names), [timeline.entries, filter, names]);
  const actions = useMemo(() => actionsOffered(timeline.entries), [timeline.entries]);
  const eventCount = timeline.entries.filter((e) => e.kind === "event").length;

  const focus = useCallback(
    (nodeId: string) => {
      setNodes((ns) => ns.map((n) => (n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })));
      setEdges((es) => (es.some((e) => e.selected) ? es.map((e) => (e.selected ? { ...e, selected: false } : e)) : es));
      void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
    },
    [fitView, setNodes, setEdges],
  );

  if (!open) {
    return (
      <aside data-testid="timeline" data-open="false" className="flex w-9 shrink-0 flex-col items-center border-r border-slate-200 bg-white py-2">
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-expanded={false}
          aria-controls="timeline-body"
          data-testid="timeline-toggle"
          title="Show the event timeline"
          className="flex flex-col items-center gap-2 rounded px-1 py-1 text-xs text-slate-600 hover:bg-slate-100"
        >
          <span aria-hidden>»</span>
          <span className="[writing-mode:vertical-rl]">Timeline</span>
          {eventCount > 0 && <span className="rounded-full bg-slate-200 px-1 text-[10px] text-slate-700">{eventCount}</span>}
        </button>
      </aside>
    );
  }

  return (
    <aside data-testid="timeline" data-open="true" aria-label="Event timeline" className="flex w-80 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5">
        <h2 className="text-sm font-semibold text-slate-800">Timeline</h2>
        <span className="text-[11px] text-slate-500" title={`The last ${TIMELINE_MAX} events since this page opened`}>
          {eventCount} event{eventCount === 1 ? "" : "s"}
        </span>
        {onClear && eventCount > 0 && (
          <button type="button" onClick={onClear} className="ml-auto text-[11px] text-slate-500 hover:text-slate-800" title="Forget the events shown">
            clear
          </button>
        )}
        <button
          type="button"
          onClick={() => setOpen(false)}
          aria-expanded
          aria-controls="timeline-body"
          data-testid="timeline-toggle"
          title="Hide the event timeline"
          className={`${onClear && eventCount > 0 ? "" : "ml-auto "}rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800`}
        >
          <span aria-hidden>«</span>
          <span className="sr-only">Hide the timeline</span>
        </button>
      </div>
      <div id="timeline-body" className="flex min-h-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-3 py-1.5" data-testid="timeline-filters">
          <select
            aria-label="Type"
            data-testid="timeline-filter-type"
            className={SELECT}
            value={filter.type}
            onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value as TimelineFilter["type"] }))}
          >
            <option value="all">all types</option>
            <option value="container">containers</option>
            <option value="network">networks</option>
          </select>
          <select
            aria-label="Action"
            data-testid="timeline-filter-action"
            className={SELECT}
            value={filter.action}
            onChange={(e) => setFilter((f) => ({ ...f, action: e.target.value }))}
          >
            <option value="">all actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <input
            type="search"
            aria-label="Name or ID"
            placeholder="name or ID"
            data-testid="timeline-filter-text"
            className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
            value={filter.text}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </div>
        {shown.length > 0 ? (
        <ol className="min-h-0 flex-1 overflow-y-auto" aria-label="Recent events, newest first">
          {shown.map((entry) =>
            entry.kind === "gap" ? (
              <GapRow key={entry.seq} entry={entry} now={now} />
            ) : (
              <EventRow
                key={entry.seq}
                entry={entry}
                names={names}
                topology={topology}
                destroyed={destroyed}
                now={now}
                onFocus={focus}
                by={attributionFor(attributions, entry.event)}
              />
            ),
          )}
        </ol>
        ) : (
          <p className="px-3 py-2 text-xs text-slate-500" data-testid="timeline-empty">
            {isFiltering(filter) && eventCount > 0 ? "No event matches the filter." : "No event since this page opened. Changes to networks and containers appear here as they happen."}
          </p>
        )}
      </div>
    </aside>
  );
}
