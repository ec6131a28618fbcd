"use client";
/**
 * Saved views, wherever they live: on the server per signed-in person
 * (`/api/views` of the page's engine), or in this browser when cnmap runs
 * without sign-in. A presentation link's holder lists the link's view alone
 * and saves nothing. One SWR-style hook for the menu and for presentation
 * mode; use it inside the canvas (React Flow's provider), where a view can be
 * applied.
 *
 *   const { views, save, remove, apply, applyById, linkFor } = useSavedViews();
 *
 * `applyById` applies a view without any UI (presentation mode cycles with it).
 */
import { useCallback, useMemo } from "react";
import useSWR from "swr";
import { useReactFlow } from "@xyflow/react";
import { fetchJson } from "../client/fetch-json";
import { sendJson } from "../client/mutate";
import { browserViews, removeBrowserView, saveBrowserView } from "../views/browser-store";
import { captureView } from "../views/capture";
import type { SavedView, ViewsBody } from "../views/schema";
import { addressOf, useApplyView, type ApplicableView, type ApplyOutcome } from "./use-apply-view";
import { useApiPath, useEngineId } from "./use-engine-scope";
import { useEngines } from "./use-engines";
import { useSession } from "./use-session";

/** server: the signed-in person's views; browser: this browser's (no sign-in); link: a presentation link's one view, read-only. */
export type ViewsMode = "server" | "browser" | "link";

export interface SavedViewsApi {
  /** The views of the page's engine, by name. */
  views: SavedView[];
  /** Null while it is not known yet. */
  mode: ViewsMode | null;
  canSave: boolean;
  error: Error | undefined;
  /** Saves what is on screen under `name` (a view of that name is replaced). */
  save(name: string): Promise<SavedView>;
  remove(id: string): Promise<void>;
  apply(view: ApplicableView): ApplyOutcome;
  /** Applies the view with this ID (of this engine's list, else fetched); rejects when there is none the caller may open. */
  applyById(id: string): Promise<ApplyOutcome>;
  /** The absolute address that opens the view for whoever may see its engine. */
  linkFor(view: ApplicableView): string;
}

const BROWSER_KEY = "cnmap-browser-views";

function storage(): Storage {
  return window.localStorage;
}

export function useSavedViews(): SavedViewsApi {
  const { data: session } = useSession();
  const apiPath = useApiPath();
  const engineParam = useEngineId();
  const { data: engines } = useEngines();
  const flow = useReactFlow();
  const apply = useApplyView();

  const mode: ViewsMode | null = !session ? null : !session.authEnabled ? "browser" : session.actor ? "server" : "link";
  const engine = engineParam ?? engines?.engines[0]?.id ?? null;
  const key: string | [string, string] | null = mode === null ? null : mode === "browser" ? (engine ? [BROWSER_KEY, engine] : null) : apiPath("/api/views");
  const { data, error, mutate } = useSWR<SavedView[], Error, string | [string, string] | null>(
    key,
    (k: string | [string, string]) => (typeof k === "string" ? fetchJson<ViewsBody>(k).then((b) => b.views) : Promise.resolve(browserViews(storage(), k[1]))),
    { revalidateOnFocus: true },
  );
  const views = useMemo(() => data ?? [], [data]);

  const save = useCallback(
    async (name: string): Promise<SavedView> => {
      const captured = captureView(name, { params: new URLSearchParams(window.location.search), viewport: flow.getViewport(), nodes: flow.getNodes() });
      if (!captured.ok) throw new Error(captured.reason);
      let saved: SavedView;
      if (mode === "browser") {
        if (!engine) throw new Error("The engine is not known yet: try again in a moment.");
        saved = saveBrowserView(storage(), { ...captured.view, engine }, new Date(), () => crypto.randomUUID());
      } else if (mode === "server") {
        const body = await sendJson<{ view: SavedView }>("POST", apiPath("/api/views"), captured.view);
        if (!body) throw new Error("The server kept the view but did not say so.");
        saved = body.view;
      } else {
        throw new Error("Views are saved by a signed-in person (or anyone, without sign-in).");
      }
      await mutate();
      return saved;
    },
    [flow, mode, engine, apiPath, mutate],
  );

  const remove = useCallback(
    async (id: string): Promise<void> => {
      if (mode === "browser") removeBrowserView(storage(), id);
      else await sendJson("DELETE", apiPath(`/api/views/${encodeURIComponent(id)}`));
      await mutate();
    },
    [mode, apiPath, mutate],
  );

  const applyById = useCallback(
    async (id: string): Promise<ApplyOutcome> => {
      const listed = views.find((v) => v.id === id);
      if (listed) return apply(listed);
      if (mode === "browser") throw new Error(`This browser keeps no view ${id} of this engine.`);
      const { view } = await fetchJson<{ view: SavedView }>(apiPath(`/api/views/${encodeURIComponent(id)}`));
      return apply(view);
    },
    [views, mode, apiPath, apply],
  );

  const linkFor = useCallback((view: ApplicableView): string => new URL(addressOf(view), window.location.origin).href, []);

  return { views, mode, canSave: mode === "server" || mode === "browser", error, save, remove, apply, applyById, linkFor };
}
