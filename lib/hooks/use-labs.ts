"use client";
/**
 * The guided labs in the browser: `GET /api/labs` (every lab and where it
 * stands on the page's engine), and one lab's actions. `useLab` is what the
 * labs panel and the presentation mode share: a lab's state, `runNext()`
 * (the → key there) and `reset()`.
 *
 * A step's answer can be lost on the way (creating interfaces on the host
 * makes Chromium drop requests in flight, ERR_NETWORK_CHANGED) while the
 * server finishes the step: the lab is read again, and its state and the
 * step's results come from the server, which keeps them.
 */
import { useCallback, useState } from "react";
import useSWR from "swr";
import { ApiClientError, fetchJson } from "../client/fetch-json";
import { sendJson } from "../client/mutate";
import type { LabProgress, LabResetAnswer, LabsBody, LabStepAnswer, LabView } from "../labs/types";
import { useApiPath } from "./use-engine-scope";

export function useLabs(enabled = true) {
  const path = useApiPath()("/api/labs");
  return useSWR<LabsBody, ApiClientError | Error>(enabled ? path : null, fetchJson<LabsBody>, { revalidateOnFocus: true });
}

export type LabPending = { kind: "step"; step: number } | { kind: "reset" } | null;

export interface UseLab {
  lab: LabView | undefined;
  /** Where the lab stands (undefined until the server answered). */
  state: LabProgress | undefined;
  labs: LabsBody | undefined;
  /** What runs now, if anything. */
  pending: LabPending;
  /** The last refusal or failure, in the server's words. */
  error: string | null;
  runStep(step: number, options?: { parent?: string }): Promise<void>;
  /** Runs the step that comes next; nothing when the lab is done or something runs. */
  runNext(): Promise<void>;
  reset(): Promise<void>;
}

function lostMessage(err: unknown): string {
  if (err instanceof ApiClientError) return err.message;
  return "The server's answer did not arrive (the connection was interrupted); the lab was read again and shows what the engine has.";
}

export function useLab(labId: string): UseLab {
  const api = useApiPath();
  const { data, mutate } = useLabs();
  const [pending, setPending] = useState<LabPending>(null);
  const [error, setError] = useState<string | null>(null);
  const lab = data?.labs.find((l) => l.id === labId);

  const put = useCallback(
    (view: LabView) => mutate((prev) => (prev ? { ...prev, labs: prev.labs.map((l) => (l.id === view.id ? view : l)) } : prev), { revalidate: false }),
    [mutate],
  );

  const act = useCallback(
    async (what: Exclude<LabPending, null>, send: () => Promise<LabView | undefined>) => {
      setPending(what);
      setError(null);
      try {
        const view = await send();
        if (view) await put(view);
      } catch (err) {
        setError(lostMessage(err));
        await mutate().catch(() => undefined);
      } finally {
        setPending(null);
      }
    },
    [mutate, put],
  );

  const runStep = useCallback(
    (step: number, options: { parent?: string } = {}) =>
      act({ kind: "step", step }, async () => {
        const path = api(`/api/labs/${encodeURIComponent(labId)}/steps/${step}`);
        const answer = await sendJson<LabStepAnswer>("POST", path, options.parent !== undefined ? { parent: options.parent } : undefined);
        return answer?.lab;
      }),
    [act, api, labId],
  );

  const next = lab?.progress.next ?? null;
  const runNext = useCallback(async () => {
    if (pending || next === null) return;
    await runStep(next);
  }, [pending, next, runStep]);

  const reset = useCallback(
    () =>
      act({ kind: "reset" }, async () => {
        const answer = await sendJson<LabResetAnswer>("POST", api(`/api/labs/${encodeURIComponent(labId)}/reset`));
        return answer?.lab;
      }),
    [act, api, labId],
  );

  return { lab, state: lab?.progress, labs: data, pending, error, runStep, runNext, reset };
}
