"use client";
/**
 * Chooses the engine the page shows, when cnmap serves more than one. The
 * choice goes in the URL (`?engine=<id>`), so a link opens the same engine;
 * the selection is dropped, as its IDs belong to the engine left behind.
 * The list is `/api/engines` (useEngines), which the engines dialog updates
 * as it adds and removes, so the switcher follows at once.
 */
import { usePathname } from "next/navigation";
import { engineFromParams, withEngine } from "@/lib/client/api-path";
import { useEngineId } from "@/lib/hooks/use-engine-scope";
import { useEngines } from "@/lib/hooks/use-engines";

export function EngineSwitcher() {
  const { data } = useEngines();
  const engine = useEngineId();
  const pathname = usePathname();
  const engines = data?.engines ?? [];
  const current = engine ?? engines[0]?.id ?? "";
  // The page's engine may be gone (removed, or no role on it): it stays named, so the choice is visible.
  const listed = engines.length === 0 || engines.some((e) => e.id === current);
  if (engines.length < 2 && listed) return null;

  const choose = (id: string): void => {
    const now = new URLSearchParams(window.location.search);
    if (id === (engineFromParams(now) ?? engines[0]?.id)) return;
    const next = withEngine(now, id === engines[0]?.id ? null : id);
    const query = next.toString();
    window.history.pushState(null, "", `${pathname}${query ? `?${query}` : ""}`);
  };

  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-600">
      <span className="text-slate-500">engine</span>
      <select
        data-testid="engine-switcher"
        className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-900"
        value={current}
        onChange={(e) => choose(e.target.value)}
      >
        {!listed && (
          <option value={current} disabled>
            {current} (gone)
          </option>
        )}
        {engines.map((e) => (
          <option key={e.id} value={e.id} data-connected={e.connected}>
            {e.name}
            {e.connected ? "" : " (down)"}
          </option>
        ))}
      </select>
    </label>
  );
}
