"use client";
/**
 * The topology, from `GET /api/topology`. Revalidated by engine events (see
 * use-engine-events); retried every few seconds while it fails (the engine is
 * unreachable), so the page recovers by itself when it comes back; not after
 * a 404 (the engine is gone). SWR's own refreshInterval cannot do that: it
 * skips its polls while the key is in error.
 */
import { useEffect } from "react";
import useSWR from "swr";
import { ApiClientError, fetchJson } from "../client/fetch-json";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";

export const TOPOLOGY_RETRY_MS = 3000;

/** The SWR key of the page engine's topology (revalidate it with `mutate(key)` after a change). */
export function useTopologyKey(): string {
  return useApiPath()("/api/topology");
}

export function useTopology() {
  const res = useSWR<Topology, ApiClientError | Error>(useTopologyKey(), fetchJson<Topology>, {
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
