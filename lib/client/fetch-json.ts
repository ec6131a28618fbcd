/** Fetch JSON from cnmap's API; a non-2xx answer throws an ApiClientError carrying the server's message. */

import { API_GET_INIT, takeEarlyFetch } from "./early-fetch";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly engine?: string,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

interface ErrorPayload {
  error?: { message?: string; code?: string; engine?: string };
}

export async function fetchJson<T>(url: string): Promise<T> {
  const ask = (): Promise<Response> => fetch(url, API_GET_INIT);
  // The page may have asked already, while its scripts loaded (lib/client/early-fetch); if that failed, ask again.
  const res = await (takeEarlyFetch(url)?.catch(ask) ?? ask());
  // The session ended (expired, signed out elsewhere): to the sign-in page, and back here afterwards.
  if (res.status === 401 && typeof window !== "undefined" && window.location.pathname !== "/login") {
    // A full load, not a client-side move: the sign-in page is a fresh start.
    const login = new URL("/login", window.location.origin);
    login.searchParams.set("next", window.location.pathname + window.location.search);
    window.location.assign(login.href);
  }
  if (!res.ok) {
    let payload: ErrorPayload = {};
    try {
      payload = (await res.json()) as ErrorPayload;
    } catch {
      /* not JSON */
    }
    throw new ApiClientError(
      res.status,
      payload.error?.message ?? `${res.status} ${res.statusText}`,
      payload.error?.code,
      payload.error?.engine,
    );
  }
  return (await res.json()) as T;
}
