"use client";
/**
 * The canvas's Views menu: save what is on screen under a name, and list this
 * engine's views to open, copy a link to, or delete. It also opens the view a
 * link names on arrival (`?view=` or `#view=`). Inside the canvas, beside the
 * export menu: applying a view needs the React Flow instance.
 */
import { useState, type FormEvent } from "react";
import { copyText } from "@/lib/client/clipboard";
import { useSavedViews } from "@/lib/hooks/use-saved-views";
import { useViewFromAddress } from "@/lib/hooks/use-view-address";
import { VIEW_LIMITS } from "@/lib/views/schema";
import { BUTTON } from "../graph/button-style";

const SMALL = "rounded px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100";

export function ViewsMenu() {
  const { views, mode, canSave, error: listError, save, remove, apply, linkFor } = useSavedViews();
  const arrivalError = useViewFromAddress(apply);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ name: string; href: string } | null>(null);

  const run = async (task: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const onSave = (e: FormEvent): void => {
    e.preventDefault();
    void run(async () => {
      await save(name);
      setName("");
    });
  };
  const copy = (view: (typeof views)[number]): void => {
    const href = linkFor(view);
    setLink({ name: view.name, href });
    void copyText(href);
  };

  const shownError = error ?? arrivalError ?? (listError ? `The views could not be read: ${listError.message}` : null);
  return (
    <details data-testid="views-menu" data-mode={mode ?? undefined} className="relative">
      <summary className={`${BUTTON} cursor-pointer list-none`} title="Save this view, or open a saved one">
        Views{views.length > 0 ? ` (${views.length})` : ""}
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-72 rounded border border-slate-200 bg-white p-2 text-xs shadow-lg">
        {canSave && (
          <form onSubmit={onSave} className="mb-2 flex gap-1">
            <input
              data-testid="view-name"
              required
              maxLength={VIEW_LIMITS.name}
              placeholder="Name this view"
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5"
            />
            <button data-testid="view-save" type="submit" disabled={busy} className={BUTTON}>
              Save
            </button>
          </form>
        )}
        {views.length === 0 ? (
          <p className="px-1 text-slate-500">No saved views of this engine yet.</p>
        ) : (
          <ul data-testid="view-list" className="max-h-64 overflow-y-auto">
            {views.map((v) => (
              <li key={v.id} data-testid="view-row" data-name={v.name} className="flex items-center gap-1 border-t border-slate-100 py-0.5 first:border-t-0">
                <button type="button" data-testid="view-open" className="min-w-0 flex-1 truncate rounded px-1 py-0.5 text-left text-slate-900 hover:bg-slate-100" title={`Open ${v.name}`} onClick={() => apply(v)}>
                  {v.name}
                </button>
                <button type="button" data-testid="view-copy" className={SMALL} onClick={() => copy(v)} title="Copy a link that opens this view">
                  Link
                </button>
                {canSave && v.mine && (
                  <button type="button" data-testid="view-delete" disabled={busy} className={`${SMALL} text-red-700`} onClick={() => void run(() => remove(v.id))} title={`Delete ${v.name}`}>
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {link && (
          <label className="mt-2 block text-[11px] text-slate-600">
            Link to {link.name} (copied)
            <input data-testid="view-link" readOnly value={link.href} onFocus={(e) => e.currentTarget.select()} className="mt-0.5 block w-full rounded border border-slate-300 px-1 py-0.5 font-mono text-[10px]" />
          </label>
        )}
        <p className="mt-2 text-[10px] leading-tight text-slate-500">
          {mode === "browser"
            ? "Kept in this browser (cnmap runs without sign-in); a link carries the view itself."
            : mode === "link"
              ? "The views this presentation link shows."
              : "Kept for you on the server; a link opens the view for anyone with a role on this engine."}
        </p>
        {shownError && (
          <p role="alert" data-testid="views-error" className="mt-1 text-[11px] text-red-700">
            {shownError}
          </p>
        )}
      </div>
    </details>
  );
}
