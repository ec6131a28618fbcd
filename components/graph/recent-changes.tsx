"use client";
/**
 * Changes made through cnmap in the last few seconds, by network: the network
 * node shows who made one ("otto connected web to backend") to everyone
 * watching, then the note goes.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { Attribution } from "@/lib/events/attribution";

/** How long the note stays on the node. */
export const RECENT_CHANGE_MS = 8000;

const RecentChangesContext = createContext<ReadonlyMap<string, Attribution>>(new Map());

/** The notes shown now, and `note` to add one (called when an announcement arrives); each leaves after RECENT_CHANGE_MS. */
export function useRecentChanges(): { recent: ReadonlyMap<string, Attribution>; note: (a: Attribution) => void } {
  const [recent, setRecent] = useState<ReadonlyMap<string, Attribution>>(() => new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const note = useCallback((a: Attribution) => {
    const id = a.networkId;
    if (!id) return;
    setRecent((m) => new Map(m).set(id, a));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setRecent((m) => {
        if (m.get(id) !== a) return m;
        const next = new Map(m);
        next.delete(id);
        return next;
      });
    }, RECENT_CHANGE_MS);
    timers.current.add(timer);
  }, []);
  return { recent, note };
}

export function RecentChangesProvider({ recent, children }: { recent: ReadonlyMap<string, Attribution>; children: ReactNode }) {
  return <RecentChangesContext.Provider value={recent}>{children}</RecentChangesContext.Provider>;
}

export function useRecentChange(networkId: string): Attribution | undefined {
  return useContext(RecentChangesContext).get(networkId);
}
