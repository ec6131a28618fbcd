"use client";
/**
 * Toasts for the outcome of an action: errors (role="alert",
 * data-testid="action-error") say why in plain words and stay until closed or
 * for a while; successes (data-testid="action-done") go by themselves. Each
 * may carry the equivalent docker command. Wrap the page in ToastProvider and
 * call useToast() anywhere below it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { CommandBox } from "./CommandBox";
import { useTopDialog } from "./dialog-stack";

type Kind = "error" | "done";

interface ToastItem {
  id: number;
  kind: Kind;
  message: string;
  command?: string;
}

export interface ToastApi {
  error(message: string, command?: string): void;
  done(message: string, command?: string): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const LIFETIME: Record<Kind, number> = { error: 15_000, done: 6_000 };
const MAX_SHOWN = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const t = timers.current.get(id);
    if (t) clearTimeout(t);
    timers.current.delete(id);
    setItems((list) => list.filter((i) => i.id !== id));
  }, []);

  const push = useCallback(
    (kind: Kind, message: string, command?: string) => {
      const id = nextId.current++;
      setItems((list) => [...list, { id, kind, message, command }].slice(-MAX_SHOWN));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), LIFETIME[kind]),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const t of all.values()) clearTimeout(t);
      all.clear();
    };
  }, []);

  const api = useMemo<ToastApi>(
    () => ({ error: (m, c) => push("error", m, c), done: (m, c) => push("done", m, c), dismiss }),
    [push, dismiss],
  );

  // Inside the open modal dialog, if there is one: outside it, the page is inert (no Dismiss, no screen reader).
  const host = useTopDialog();
  const viewport = (
    <div className="pointer-events-none fixed bottom-4 right-4 z-[60] flex w-[420px] max-w-[calc(100vw-2rem)] flex-col gap-2" data-testid="toasts">
      {items.map((t) => (
        <div
          key={t.id}
          role={t.kind === "error" ? "alert" : "status"}
          data-testid={t.kind === "error" ? "action-error" : "action-done"}
          className={`pointer-events-auto rounded-lg border px-3 py-2 text-sm shadow-lg ${
            t.kind === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"
          }`}
        >
          <div className="flex items-start gap-2">
            <p className="min-w-0 flex-1 break-words" data-testid="toast-message">
              {t.message}
            </p>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              className="shrink-0 rounded px-1 text-xs opacity-60 hover:opacity-100"
              aria-label="Dismiss"
              title="Dismiss"
            >
              ✕
            </button>
          </div>
          {t.command && <CommandBox command={t.command} className="mt-1.5" />}
        </div>
      ))}
    </div>
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      {host ? createPortal(viewport, host) : viewport}
    </ToastContext.Provider>
  );
}

const NO_TOASTS: ToastApi = { error: () => undefined, done: () => undefined, dismiss: () => undefined };

/** The toast API; a no-op outside a ToastProvider. */
export function useToast(): ToastApi {
  return useContext(ToastContext) ?? NO_TOASTS;
}
