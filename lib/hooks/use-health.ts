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
 * Whether the controls that connect, disconnect and probe may be shown: only
 * once the server said it is not read-only and the person is an operator or
 * an admin on this engine (until then they stay hidden).
 */
export function useEditable(): boolean {
  const { data } = useHealth();
  return data !== undefined && data.readOnly !== true && (data.you.role === "operator" || data.you.role === "admin");
}

/** Whether the controls that create, remove and prune networks may be shown: admins only. */
export function useAdministrable(): boolean {
  const { data } = useHealth();
  return data !== undefined && data.readOnly !== true && data.you.role === "admin";
}

/** Whether to show the read-only badge. */
export function useReadOnly(): boolean {
  const { data } = useHealth();
  return data?.readOnly === true;
}
