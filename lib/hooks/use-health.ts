"use client";
/**
 * `GET /api/health`, read once per page: the editing UI needs to know whether
 * the server runs read-only (CNMAP_READ_ONLY) before it shows any control.
 */
import useSWR from "swr";
import type { HealthBody } from "../api/health";
import { fetchJson } from "../client/fetch-json";
import { useApiPath } from "./use-engine-scope";

export function useHealth() {
  return useSWR<HealthBody>(useApiPath()("/api/health"), fetchJson<HealthBody>, {
    revalidateOnFocus: false,
    revalidateOnReconnect: false,
    revalidateIfStale: false,
  });
}

/**
 * Whether editing controls may be shown: only once the server said it is not
 * read-only (until then, and in read-only mode, they stay hidden).
 */
export function useEditable(): boolean {
  const { data } = useHealth();
  return data !== undefined && data.readOnly !== true;
}

/** Whether to show the read-only badge. */
export function useReadOnly(): boolean {
  const { data } = useHealth();
  return data?.readOnly === true;
}
