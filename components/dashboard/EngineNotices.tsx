"use client";
/**
 * What a page of one engine says instead of (or above) its graph: the last
 * graph shown with a banner when a read fails, the engine that does not
 * answer, the engine that is gone, a failed read, or a read under way. Shared
 * by the dashboard and the presentation screen (`large`: type for a room).
 */
import { ApiClientError } from "@/lib/client/fetch-json";
import type { LiveState } from "@/lib/hooks/use-engine-events";
import type { Topology } from "@/lib/topology/types";
import { EngineGone } from "./EngineGone";
import { EngineUnavailable } from "./EngineUnavailable";

/**
 * The engine's state from its event stream and the last topology read:
 * `gone` when removed while open (the stream said so) or not here at all (no
 * graph, no retries), `unreachable` when it does not answer; `data` is the
 * last read, never a gone engine's.
 */
export function engineRead(live: LiveState, error: unknown, lastRead: Topology | undefined) {
  const unreachable = error instanceof ApiClientError && error.status === 503;
  const gone = live === "removed" || (error instanceof ApiClientError && error.status === 404);
  return { unreachable, gone, data: gone ? undefined : lastRead };
}

const STYLE = {
  normal: { banner: "px-4 py-1 text-sm", block: "p-6", loading: "text-slate-500" },
  large: { banner: "px-6 py-2 text-xl", block: "p-8 text-2xl", loading: "text-slate-600" },
} as const;

export function EngineNotices({
  data,
  error,
  isLoading,
  gone,
  unreachable,
  engineId,
  removedBy = null,
  large = false,
}: {
  data: Topology | undefined;
  error: Error | undefined;
  isLoading: boolean;
  gone: boolean;
  unreachable: boolean;
  engineId: string | null;
  removedBy?: string | null;
  large?: boolean;
}) {
  const s = STYLE[large ? "large" : "normal"];
  return (
    <>
      {data && error && (
        <div role="status" className={`absolute inset-x-0 top-0 z-10 bg-amber-100 text-amber-900 ${s.banner}`} data-testid="stale-banner">
          {error.message} Showing the last known state.
        </div>
      )}
      {!data && unreachable && !gone && error instanceof ApiClientError && <EngineUnavailable message={error.message} engine={error.engine} />}
      {gone && <EngineGone engine={engineId} by={removedBy} />}
      {!data && error && !unreachable && !gone && (
        <div role="alert" className={`${s.block} text-red-800`}>
          Could not load the topology: {error.message}
        </div>
      )}
      {!data && !error && isLoading && <div className={`${s.block} ${s.loading}`}>Reading the engine…</div>}
    </>
  );
}
