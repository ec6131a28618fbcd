"use client";
/**
 * Shown instead of the graph when the page's engine is gone: removed from
 * cnmap while the page was open (the event stream said who did it), or
 * named by a link to an engine that is not here (removed earlier, or one
 * the person has no role on). Nothing retries; the default engine is one
 * click away.
 */
import { usePathname } from "next/navigation";
import { withEngine } from "@/lib/client/api-path";

export function EngineGone({ engine, by }: { engine: string | null; by: string | null }) {
  const pathname = usePathname();
  const openDefault = (): void => {
    const query = withEngine(new URLSearchParams(window.location.search), null).toString();
    window.history.pushState(null, "", `${pathname}${query ? `?${query}` : ""}`);
  };
  return (
    <div className="flex h-full items-center justify-center p-6">
      <section data-testid="engine-gone" data-by={by ?? undefined} role="alert" className="max-w-xl rounded-lg border border-slate-300 bg-white p-6 text-slate-800 shadow-sm">
        <h2 className="text-lg font-semibold text-slate-900">{by ? "This engine was removed" : "No such engine here"}</h2>
        <p className="mt-2 text-sm">
          {by ? (
            <>
              <span className="font-medium">{by}</span> removed <span className="font-mono">{engine ?? "this engine"}</span> from cnmap. Its graph is no longer shown; the engine itself was not touched.
            </>
          ) : engine ? (
            <>
              cnmap serves no engine <span className="font-mono">{engine}</span> for you: it was removed, or you have no role on it.
            </>
          ) : (
            <>You have no role on the default engine: choose another one with the engine switcher.</>
          )}
        </p>
        {engine && (
          <button type="button" data-testid="engine-gone-default" onClick={openDefault} className="mt-4 rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
            Open the default engine
          </button>
        )}
      </section>
    </div>
  );
}
