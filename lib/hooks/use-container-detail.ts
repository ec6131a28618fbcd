"use client";
/**
 * `GET /api/containers/{id}`: the network side of `docker inspect` for one
 * container. Keyed on the container and a revision of what the topology says
 * about it (lib/inspect/view `sandboxRevision`), so an engine event that
 * touches the container fetches it again; the previous answer stays on screen
 * while the new one loads.
 */
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "../client/fetch-json";
import type { ContainerDetail, ContainerDetailBody } from "../inspect/types";
import { useApiPath } from "./use-engine-scope";

/** Whether an answer is about the container asked for (IDs may be given full or short). */
function sameContainer(detail: ContainerDetail, id: string): boolean {
  return detail.id === id || detail.id.startsWith(id) || id.startsWith(detail.id) || detail.name === id;
}

export function useContainerDetail(containerId: string | null, revision: string) {
  const path = useApiPath();
  const key: [string, string] | null = containerId ? [path(`/api/containers/${encodeURIComponent(containerId)}`), revision] : null;
  const res = useSWR<ContainerDetailBody, ApiClientError | Error, [string, string] | null>(key, ([url]) => fetchJson<ContainerDetailBody>(url), {
    keepPreviousData: true,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  // keepPreviousData may still hold another container's answer while this one loads.
  const detail = res.data && containerId && sameContainer(res.data.container, containerId) ? res.data.container : undefined;
  return {
    detail,
    error: res.error,
    /** Nothing to show yet for this container. */
    loading: detail === undefined && res.error === undefined && containerId !== null,
    /** A newer answer is on its way (the shown one may be stale). */
    refreshing: res.isValidating,
  };
}
