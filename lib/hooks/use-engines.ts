"use client";
/** `GET /api/engines`: the engines cnmap serves, for the switcher; refreshed every 10 s so one going down shows. */
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "../client/fetch-json";
import type { EnginesBody } from "../engines/types";

export function useEngines() {
  return useSWR<EnginesBody, ApiClientError | Error>("/api/engines", fetchJson<EnginesBody>, {
    refreshInterval: 10_000,
    revalidateOnFocus: true,
    shouldRetryOnError: false,
  });
}
