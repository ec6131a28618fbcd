"use client";
/** A labelled form field: the label, the control, a line of help, and its error (or warning). */
import type { ReactNode } from "react";

/** The text input style the forms share; red when aria-invalid. */
export const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50";

export function Field({
  id,
  label,
  help,
  error,
  warning,
  testId,
  children,
}: {
  id: string;
  label: string;
  help: ReactNode;
  error?: string;
  warning?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      <p id={`${id}-help`} className="mt-0.5 text-[11px] leading-4 text-slate-500 wrap-anywhere">
        {help}
      </p>
      {error && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
      {!error && warning && (
        <p className="mt-0.5 text-xs text-amber-700" data-testid={testId ? `${testId}-warning` : undefined}>
          {warning}
        </p>
      )}
    </div>
  );
}

