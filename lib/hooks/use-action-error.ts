"use client";
/**
 * A dialog's actions and the refusal of the last one, in the server's words:
 * `run` clears the message, runs the action, and on failure keeps its message
 * and answers false.
 */
import { useCallback, useState } from "react";
import { ApiClientError } from "../client/fetch-json";

export function useActionError(): { error: string | null; run: (action: () => Promise<unknown>) => Promise<boolean> } {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err instanceof ApiClientError ? err.message : String(err));
      return false;
    }
  }, []);
  return { error, run };
}
