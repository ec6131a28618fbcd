/**
 * Sends a mutation to cnmap's API: JSON body, same-origin credentials. A
 * non-2xx answer throws an ApiClientError carrying the server's message
 * (Docker's own words where the engine refused).
 */
import { ApiClientError } from "./fetch-json";

interface ErrorPayload {
  error?: { message?: string; code?: string };
}

export async function sendJson<T = unknown>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T | undefined> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (res.status === 204) return undefined;
  const text = await res.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!res.ok) {
    const err = (payload as ErrorPayload | undefined)?.error;
    throw new ApiClientError(res.status, err?.message ?? `${res.status} ${res.statusText}`, err?.code);
  }
  return payload as T;
}
