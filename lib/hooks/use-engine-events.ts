"use client";
/**
 * Listens to `GET /api/events` and keeps the topology current. The server's
 * live model sends a versioned patch for each change; it is applied to the
 * topology held when that is exactly the version the patch starts from, and
 * otherwise (a version missed, the model made anew) the whole topology is
 * fetched again. So is it after a resync (the server lost the engine's
 * stream, or this browser lost the server's). Fetches are coalesced
 * (trailing, at most every COALESCE_MS). Engine events themselves only feed
 * the timeline. When the engine is removed from cnmap the stream says so
 * last: the page stops listening (no reconnection to an engine that is gone)
 * and the engine list is read again, so the switcher drops it.
 */
import { useEffect, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import type { ModelEvent } from "../events/model-events";
import type { Attribution } from "../events/attribution";
import { applyLivePatch, type TopologyPatch } from "../topology/patch";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";
import { ENGINES_KEY } from "./use-engines";
import { useTopologyKey } from "./use-topology";

const COALESCE_MS = 250;

export type LiveState = "connecting" | "live" | "engine-lost" | "offline" | "removed";

/** Why events may have been missed: the server lost the engine's stream, or this page lost the server. */
export type GapReason = "engine" | "server";

export interface MoreEvents {
  /** A change made through cnmap, and by whom. */
  onAttribution?: (a: Attribution) => void;
  /** Who is watching this engine now. */
  onPresence?: (names: string[]) => void;
  /** The engine was removed from cnmap, by `by`. */
  onRemoved?: (by: string) => void;
}

export function useEngineEvents(onEvent?: (e: ModelEvent) => void, onGap?: (reason: GapReason) => void, more: MoreEvents = {}): LiveState {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const eventsPath = useApiPath()("/api/events");
  const [state, setState] = useState<LiveState>("connecting");
  const onEventRef = useRef(onEvent);
  const onGapRef = useRef(onGap);
  const moreRef = useRef(more);
  useEffect(() => {
    onEventRef.current = onEvent;
    onGapRef.current = onGap;
    moreRef.current = more;
  }, [onEvent, onGap, more]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = (): void => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void mutate(topologyKey);
      }, COALESCE_MS);
    };

    const source = new EventSource(eventsPath);
    let hadError = false;
    source.onopen = () => {
      if (hadError) {
        reload(); // events may have been missed while we were away
        onGapRef.current?.("server");
      }
      hadError = false;
    };
    source.onerror = () => {
      hadError = true;
      setState("offline");
    };
    source.onmessage = (m: MessageEvent<string>) => {
      try {
        onEventRef.current?.(JSON.parse(m.data) as ModelEvent);
      } catch {
        /* ignore a malformed message */
      }
    };
    source.addEventListener("patch", (m: MessageEvent<string>) => {
      let patch: TopologyPatch;
      try {
        patch = JSON.parse(m.data) as TopologyPatch;
      } catch {
        reload();
        return;
      }
      void mutate<Topology>(
        topologyKey,
        (current) => {
          const result = applyLivePatch(current, patch);
          if (result.kind === "applied") return result.topology;
          if (result.kind === "gap") reload();
          return current;
        },
        { revalidate: false },
      );
    });
    source.addEventListener("attribution", (m: MessageEvent<string>) => {
      try {
        moreRef.current.onAttribution?.(JSON.parse(m.data) as Attribution);
      } catch {
        /* ignore a malformed message */
      }
    });
    source.addEventListener("presence", (m: MessageEvent<string>) => {
      try {
        const { names } = JSON.parse(m.data) as { names: unknown };
        if (Array.isArray(names)) moreRef.current.onPresence?.(names.filter((n): n is string => typeof n === "string"));
      } catch {
        /* ignore a malformed message */
      }
    });
    source.addEventListener("removed", (m: MessageEvent<string>) => {
      source.close();
      setState("removed");
      void mutate(ENGINES_KEY);
      try {
        const { by } = JSON.parse(m.data) as { by: unknown };
        moreRef.current.onRemoved?.(typeof by === "string" ? by : "someone");
      } catch {
        moreRef.current.onRemoved?.("someone");
      }
    });
    source.addEventListener("resync", () => {
      onGapRef.current?.("engine");
      reload();
    });
    source.addEventListener("status", (m: MessageEvent<string>) => {
      try {
        const { connected } = JSON.parse(m.data) as { connected: boolean };
        setState(connected ? "live" : "engine-lost");
        reload();
      } catch {
        /* ignore */
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [mutate, topologyKey, eventsPath]);

  return state;
}
