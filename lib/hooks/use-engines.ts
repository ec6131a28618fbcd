"use client";
/** `GET /api/engines`: the engines cnmap serves, for the switcher; refreshed every 10 s so one going down shows. */
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "../client/fetch-json";
import type { EnginesBody } from "../engines/types";

/** The SWR key of the engine list: the switcher and the engines dialog share it, so a change shows in both at once. */
export const ENGINES_KEY = "/api/engines";

export function useEngines() {
  return useSWR<EnginesBody, ApiClientError | Error>(ENGINES_KEY, fetchJson<EnginesBody>, {
    refreshInterval: 10_000,
    revalidateOnFocus: true,
    shouldRetryOnError: false,
  });
}
