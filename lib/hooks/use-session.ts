"use client";
/** `GET /api/session`: who is signed in (or that cnmap runs without accounts), for the header. */
import useSWR from "swr";
import type { SessionBody } from "../auth/types";
import { fetchJson } from "../client/fetch-json";

export function useSession() {
  return useSWR<SessionBody>("/api/session", fetchJson<SessionBody>, { revalidateOnFocus: true });
}
