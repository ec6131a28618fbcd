"use client";
/**
 * The topology, from `GET /api/topology`. Revalidated by engine events (see
 * use-engine-events); polled only while the engine is unreachable, so the
 * page recovers by itself when it comes back.
 */
import useSWR from "swr";
import { ApiClientError, fetchJson } from "../client/fetch-json";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";

/** The SWR key of the page engine's topology (revalidate it with `mutate(key)` after a change). */
export function useTopologyKey(): string {
  return useApiPath()("/api/topology");
}

export function useTopology() {
  return useSWR<Topology, ApiClientError | Error>(useTopologyKey(), fetchJson<Topology>, {
    revalidateOnFocus: true,
    keepPreviousData: true,
    shouldRetryOnError: false,
    refreshInterval: (latest) => (latest ? 0 : 3000),
    // While the engine is down, poll so the page notices it coming back.
    onError: () => undefined,
  });
}
