"use client";
/**
 * `GET /api/networks/{id}`: the engine's `docker network inspect` JSON, for
 * the inspector's Raw JSON view. Fetched only while that view is mounted;
 * keyed on a revision of what the topology says about the network
 * (lib/inspect/view `networkRevision`), so it follows engine events.
 */
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "../client/fetch-json";
import type { NetworkDetailBody } from "../inspect/types";
import { useApiPath } from "./use-engine-scope";

export function useNetworkDetail(networkId: string | null, revision: string) {
  const path = useApiPath();
  const key: [string, string] | null = networkId ? [path(`/api/networks/${encodeURIComponent(networkId)}`), revision] : null;
  const res = useSWR<NetworkDetailBody, ApiClientError | Error, [string, string] | null>(key, ([url]) => fetchJson<NetworkDetailBody>(url), {
    keepPreviousData: true,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  // keepPreviousData may still hold another network's answer while this one loads.
  const id = res.data?.network.Id;
  const network = res.data && networkId && (typeof id !== "string" || id === networkId || id.startsWith(networkId)) ? res.data.network : undefined;
  return {
    network,
    error: res.error,
    loading: network === undefined && res.error === undefined && networkId !== null,
    refreshing: res.isValidating,
  };
}
