"use client";
/**
 * The topology, from `GET /api/topology`. Revalidated by engine events (see
 * use-engine-events); retried every few seconds while it fails (the engine is
 * unreachable), so the page recovers by itself when it comes back; not after
 * a 404 (the engine is gone). SWR's own refreshInterval cannot do that: it
 * skips its polls while the key is in error.
 */
import { useCallback, useEffect } from "react";
import useSWR, { useSWRConfig } from "swr";
import { ApiClientError, fetchJson } from "../client/fetch-json";
import { shareTopology } from "../topology/patch";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";

export const TOPOLOGY_RETRY_MS = 3000;

/** The SWR key of the page engine's topology (revalidate it with `mutate(key)` after a change). */
export function useTopologyKey(): string {
  return useApiPath()("/api/topology");
}

/** Identity, not SWR's deep comparison: a patch or a shared fetch keeps unchanged objects, and a new object is a change. */
const sameTopology = (a: Topology | undefined, b: Topology | undefined): boolean => a === b;

export function useTopology() {
  const { cache } = useSWRConfig();
  // A whole topology fetched again shares what did not change with the one held (lib/topology/patch).
  const fetcher = useCallback(
    async (url: string): Promise<Topology> => shareTopology(cache.get(url)?.data as Topology | undefined, await fetchJson<Topology>(url)),
    [cache],
  );
  const res = useSWR<Topology, ApiClientError | Error>(useTopologyKey(), fetcher, {
    compare: sameTopology,
    revalidateOnFocus: true,
    keepPreviousData: true,
    shouldRetryOnError: false,
    onError: () => undefined,
  });
  const { error, mutate } = res;
  useEffect(() => {
    // No such engine (removed, or no role on it): asking again will not bring it back.
    if (!error || (error instanceof ApiClientError && error.status === 404)) return;
    const timer = setInterval(() => void mutate(), TOPOLOGY_RETRY_MS);
    return () => clearInterval(timer);
  }, [error, mutate]);
  return res;
}
