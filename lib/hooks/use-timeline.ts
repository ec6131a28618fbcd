"use client";
/**
 * The page's event timeline (lib/events/timeline), fed by the page's one event
 * stream: pass `onEvent` and `onGap` to useEngineEvents. Lives as long as the
 * page; nothing is stored.
 */
import { useCallback, useState } from "react";
import { ATTRIBUTIONS_KEPT, isAttribution, type Attribution } from "../events/attribution";
import type { ModelEvent } from "../events/model-events";
import { EMPTY_TIMELINE, addEvent, addGap, type Timeline } from "../events/timeline";
import type { GapReason } from "./use-engine-events";

/** The stream's JSON is the server's, but check the shape before keeping it. */
function isModelEvent(e: unknown): e is ModelEvent {
  if (typeof e !== "object" || e === null) return false;
  const m = e as Record<string, unknown>;
  return (
    (m.type === "container" || m.type === "network" || m.type === "service" || m.type === "node") &&
    typeof m.action === "string" &&
    typeof m.id === "string" &&
    typeof m.time === "number" &&
    (m.name === undefined || typeof m.name === "string") &&
    (m.container === undefined || typeof m.container === "string")
  );
}

export interface TimelineFeed {
  timeline: Timeline;
  /** Changes made through cnmap, and by whom, newest first. */
  attributions: readonly Attribution[];
  onEvent: (e: ModelEvent) => void;
  onGap: (reason: GapReason) => void;
  onAttribution: (a: Attribution) => void;
  clear: () => void;
}

export function useTimeline(): TimelineFeed {
  const [timeline, setTimeline] = useState<Timeline>(EMPTY_TIMELINE);
  const onEvent = useCallback((e: ModelEvent) => {
    if (!isModelEvent(e)) return;
    const receivedAt = Date.now();
    setTimeline((t) => addEvent(t, e, receivedAt));
  }, []);
  const onGap = useCallback((reason: GapReason) => setTimeline((t) => addGap(t, Date.now(), reason)), []);
  const [attributions, setAttributions] = useState<readonly Attribution[]>([]);
  const onAttribution = useCallback((a: Attribution) => {
    if (isAttribution(a)) setAttributions((list) => [a, ...list].slice(0, ATTRIBUTIONS_KEPT));
  }, []);
  const clear = useCallback(() => setTimeline((t) => ({ entries: [], nextSeq: t.nextSeq })), []);
  return { timeline, attributions, onEvent, onGap, onAttribution, clear };
}
