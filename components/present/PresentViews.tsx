"use client";
/**
 * Saved views on a presentation screen: `?view=` (a view's link, or a
 * presentation link that names one) is opened on arrival, and with
 * `?cycle=<seconds>` the screen goes round this engine's saved views, the
 * first at once, then the next every so many seconds. Each view brings its
 * filter, selection and arrangement; the screen fits itself to what it draws
 * (FitOnChange), as a presentation always does. Inside React Flow's provider.
 */
import { useEffect, useRef, useState } from "react";
import { useSavedViews } from "@/lib/hooks/use-saved-views";
import { useViewFromAddress } from "@/lib/hooks/use-view-address";

export function PresentViews({ cycle }: { cycle: number | null }) {
  const { views, apply } = useSavedViews();
  const arrivalError = useViewFromAddress(apply);
  const [showing, setShowing] = useState<{ name: string; index: number; of: number } | null>(null);
  // The timer reads the latest list and apply without starting again when they change.
  const latest = useRef({ views, apply });
  useEffect(() => {
    latest.current = { views, apply };
  }, [views, apply]);

  const hasViews = views.length > 0;
  useEffect(() => {
    if (cycle === null || !hasViews) return;
    let next = 0;
    const show = (): void => {
      const list = latest.current.views;
      if (list.length === 0) return;
      const index = next % list.length;
      const view = list[index];
      next = index + 1;
      if (!view) return;
      latest.current.apply(view);
      setShowing({ name: view.name, index: index + 1, of: list.length });
    };
    show();
    const timer = window.setInterval(show, cycle * 1000);
    return () => window.clearInterval(timer);
  }, [cycle, hasViews]);

  if (arrivalError) {
    return (
      <p role="alert" data-testid="present-view-error" className="absolute top-4 right-4 z-10 rounded-lg bg-red-50 px-4 py-2 text-lg text-red-900 shadow">
        {arrivalError}
      </p>
    );
  }
  if (cycle !== null && !hasViews) {
    return (
      <p role="status" data-testid="present-cycle" data-state="empty" className="absolute top-4 right-4 z-10 rounded-lg bg-white/95 px-4 py-2 text-lg text-slate-700 shadow">
        No saved views of this engine to go round: save some from the dashboard&apos;s Views menu.
      </p>
    );
  }
  if (!showing) return null;
  return (
    <p role="status" data-testid="present-cycle" data-view={showing.name} className="absolute top-4 right-4 z-10 rounded-lg bg-white/95 px-4 py-2 text-xl font-medium text-slate-900 shadow">
      {showing.name}
      <span className="ml-2 text-base font-normal text-slate-600">
        {showing.index} of {showing.of} · every {cycle} s
      </span>
    </p>
  );
}
