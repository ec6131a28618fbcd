"use client";
/**
 * The Linux layer's data: GET /api/datapath of the page's engine, fetched
 * while the layer is on and again whenever the topology changes (its live
 * version), the previous answer kept on screen meanwhile.
 */
import { useMemo } from "react";
import useSWR from "swr";
import { fetchJson } from "../client/fetch-json";
import { linuxLayer, type LinuxLayer } from "../datapath/layer";
import type { DatapathBody } from "../datapath/types";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";

export interface DatapathState {
  layer: LinuxLayer | null;
  error: string | null;
  loading: boolean;
}

/**
 * The topology state the data path is fetched for: one key for every caller,
 * so they share one request. The live model's version; without one (read
 * straight from the engine), a digest of what the data path depends on: the
 * endpoints and the containers' states.
 */
export function datapathVersion(t: Topology | undefined): string {
  if (!t) return "none";
  if (t.live) return `${t.live.epoch}:${t.live.version}`;
  const state = [...t.endpoints.map((e) => `${e.id}${e.active ? "+" : "-"}`), ...t.sandboxes.flatMap((s) => s.containers.map((c) => `${c.id}:${c.state}`))].join(",");
  let h = 5381;
  for (let i = 0; i < state.length; i++) h = ((h * 33) ^ state.charCodeAt(i)) >>> 0;
  return `read:${h.toString(36)}:${state.length}`;
}

export function useDatapath(enabled: boolean, version: string): DatapathState {
  const path = useApiPath()("/api/datapath");
  const { data, error, isLoading } = useSWR<DatapathBody, Error>(enabled ? [path, version] : null, ([url]: [string, string]) => fetchJson<DatapathBody>(url), {
    keepPreviousData: true,
    revalidateOnFocus: false,
  });
  const layer = useMemo(() => (enabled && data ? linuxLayer(data) : null), [enabled, data]);
  return { layer, error: enabled && error ? error.message : null, loading: enabled && isLoading };
}
