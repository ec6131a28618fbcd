"use client";
/** `GET /api/drivers`: the engine's network and IPAM drivers, for the create form. */
import useSWR from "swr";
import { fetchJson, type ApiClientError } from "../client/fetch-json";
import { useApiPath } from "./use-engine-scope";

export interface Drivers {
  network: string[];
  ipam: string[];
}

/** What a Docker 20.10 engine ships with, until (or if) the server answers. */
export const FALLBACK_DRIVERS: Drivers = {
  network: ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
  ipam: ["default", "null"],
};

export function useDrivers(enabled = true) {
  const path = useApiPath()("/api/drivers");
  return useSWR<Drivers, ApiClientError | Error>(enabled ? path : null, fetchJson<Drivers>, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
}
