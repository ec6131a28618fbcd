"use client";
/**
 * The one modal of cnmap (or a side panel), a native <dialog> shown with
 * showModal(): the browser keeps focus inside it and makes the page behind it
 * inert. Escape and the backdrop close it; focus moves into it on open (to a
 * `data-autofocus` element if there is one, else the first field) and back
 * where it was on close.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";
import { pushDialog, removeDialog } from "./dialog-stack";

const SIZE = { normal: "max-w-lg", wide: "max-w-xl", large: "max-w-[min(90vw,1400px)]" } as const;

export function Dialog({
  title,
  onClose,
  children,
  footer,
  side = false,
  size = "normal",
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** A panel along the right edge instead of a centred box. */
  side?: boolean;
  /** The centred box's width: forms, wider forms, or large views such as the reachability matrix. */
  size?: "normal" | "wide" | "large";
  testId?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    pushDialog(dialog);
    const first = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>("input, select, textarea");
    (first ?? dialog).focus();
    // Escape (the browser's cancel) closes the dialog itself; the page then unmounts it.
    const onNativeClose = (): void => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener("close", onNativeClose);
    return () => {
      dialog.removeEventListener("close", onNativeClose);
      removeDialog(dialog);
      if (dialog.open) dialog.close();
      // Without scrolling: an opener inside the canvas may sit past its edge, and React Flow's wrapper must never scroll.
      previous?.focus?.({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // A press on the backdrop lands on the <dialog> itself; inside, on its content.
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      className={`flex-col bg-white p-0 text-left shadow-xl outline-none backdrop:bg-black/40 open:flex ${
        side ? "my-0 ml-auto mr-0 h-full max-h-full w-full max-w-xl border-0 border-l border-slate-200" : `m-auto max-h-[90vh] w-[calc(100%-2rem)] ${SIZE[size]} rounded-lg border-0`
      }`}
    >
      {/* The dialog's own content; toasts shown while it is open (components/editing/Toast) sit beside it. */}
      <div data-testid={testId} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <button type="button" onClick={onClose} className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100" aria-label="Close">
            ✕
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3 text-sm text-slate-800">{children}</div>
        {footer && <div className="flex items-center justify-end gap-2 border-t border-slate-200 px-4 py-2">{footer}</div>}
      </div>
    </dialog>
  );
}

export const buttonClass = {
  primary: "rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:cursor-not-allowed disabled:bg-slate-300",
  danger: "rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:bg-slate-300",
  secondary: "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50",
};

/** A dialog table's header row. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="text-slate-500">
      <tr>
        {columns.map((h, i) => (
          <th key={`${i}:${h}`} className="py-1 pr-2 font-medium">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The server's refusal, in its own words. */
export function ErrorAlert({ message, testId = "network-action-error" }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <div role="alert" data-testid={testId} className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}
