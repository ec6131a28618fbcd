"use client";
/**
 * Which engine the page shows: `?engine=<id>` in the URL (a link opens the
 * same engine), none for the default engine. Every API call of the page goes
 * through useApiPath, so it reaches that engine's routes.
 */
import { createContext, useCallback, useContext, type ReactNode } from "react";
import { apiPath } from "../client/api-path";

const EngineScopeContext = createContext<string | null>(null);

export function EngineScopeProvider({ engine, children }: { engine: string | null; children: ReactNode }) {
  return <EngineScopeContext.Provider value={engine}>{children}</EngineScopeContext.Provider>;
}

/** The engine ID in the URL, or null for the default engine. */
export function useEngineId(): string | null {
  return useContext(EngineScopeContext);
}

/** Turns `/api/...` into the path of the page's engine. */
export function useApiPath(): (path: string) => string {
  const engine = useEngineId();
  return useCallback((path: string) => apiPath(engine, path), [engine]);
}
