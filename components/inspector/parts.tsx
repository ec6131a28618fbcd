"use client";
/**
 * The inspector's building blocks: sections, `<dt>`/`<dd>` fields (each `<dd>`
 * carries `data-field`, and `data-value` with the exact value), copy buttons,
 * badges, links to other objects, and the loading/error line of a fetch.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiClientError } from "@/lib/client/fetch-json";
import { copyText } from "@/lib/client/clipboard";

export const MONO = "font-mono text-[11px] leading-4";

export function Section({ title, testId, children, aside }: { title: string; testId?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section data-testid={testId} className="space-y-1.5">
      <div className="flex items-baseline gap-2 border-b border-slate-200 pb-0.5">
        <h3 className="text-[10px] font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
        {aside && <div className="ml-auto text-[10px] text-slate-500">{aside}</div>}
      </div>
      {children}
    </section>
  );
}

/** A `<dl>` laid out as two columns: labels, then values. */
export function Fields({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <dl className={`grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-2 gap-y-0.5 ${className}`}>{children}</dl>;
}

/**
 * One `<dt>`/`<dd>` pair. The `<dd>` holds the value and nothing else (so its
 * text is the value); an empty value shows `empty` in grey instead, and
 * `data-value` keeps the exact value either way. A copy button goes in the
 * label.
 */
export function Field({
  label,
  field,
  value,
  empty = "—",
  mono = false,
  copy = false,
  title,
  suffix,
  children,
}: {
  label: string;
  field: string;
  value: string;
  /** Shown when the value is "". */
  empty?: string;
  mono?: boolean;
  copy?: boolean;
  title?: string;
  /**
   * Shown after the value by CSS only (e.g. "/16" after an address), so the
   * `<dd>`'s text stays the value itself.
   */
  suffix?: string;
  /** Rendered instead of the value text (keep it the value's text). */
  children?: ReactNode;
}) {
  const blank = value === "" && children === undefined;
  return (
    <>
      <dt className="flex items-start justify-between gap-1 text-slate-500">
        <span className="truncate" title={label}>
          {label}
        </span>
        {copy && value !== "" && <CopyButton text={value} label={`Copy the ${label}`} />}
      </dt>
      <dd
        data-field={field}
        data-value={value}
        data-suffix={!blank && suffix ? suffix : undefined}
        title={title}
        className={`min-w-0 break-words ${mono && !blank ? `${MONO} break-all text-slate-900` : "text-slate-800"} ${blank ? "text-slate-500 italic" : ""} after:text-slate-500 after:content-[attr(data-suffix)]`}
      >
        {blank ? empty : (children ?? value)}
      </dd>
    </>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onCopy = async () => {
    const ok = await copyText(text);
    setState(ok ? "copied" : "failed");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button
      type="button"
      data-testid="copy-value"
      onClick={() => void onCopy()}
      title={label}
      aria-label={label}
      className="shrink-0 rounded px-1 text-[10px] leading-4 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
    >
      {state === "copied" ? "copied" : state === "failed" ? "select it" : "copy"}
    </button>
  );
}

const TONES = {
  slate: "bg-slate-100 text-slate-700",
  sky: "bg-sky-100 text-sky-800",
  emerald: "bg-emerald-100 text-emerald-800",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-800",
  violet: "bg-violet-100 text-violet-800",
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ children, tone = "slate", title }: { children: ReactNode; tone?: Tone; title?: string }) {
  return (
    <span title={title} className={`inline-block shrink-0 rounded px-1 py-px text-[10px] font-medium leading-3.5 ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export function stateTone(state: string): Tone {
  if (state === "running") return "emerald";
  if (state === "paused" || state === "restarting") return "amber";
  if (state === "dead" || state === "removing") return "red";
  return "slate";
}

/** A link-styled button that selects another object. */
export function LinkButton({ onClick, children, title, testId, className = "" }: { onClick: () => void; children: ReactNode; title?: string; testId?: string; className?: string }) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      title={title}
      className={`min-w-0 truncate text-left font-medium text-sky-700 underline decoration-sky-300 underline-offset-2 hover:text-sky-900 hover:decoration-sky-600 ${className}`}
    >
      {children}
    </button>
  );
}

/** A fetch's failure in words. */
export function fetchErrorText(error: Error, what: string): string {
  if (error instanceof ApiClientError) {
    if (error.status === 404) return `The engine does not know ${what} (it may have just been removed): ${error.message}`;
    return `Could not read ${what}: ${error.message}${error.engine ? ` (engine: ${error.engine})` : ""}`;
  }
  return `Could not read ${what}: ${error.message || "the server did not answer"}`;
}

/** The state of a fetch in words: loading, failed, or refreshing (nothing once it has loaded). */
export function FetchStatus({ loading, error, what, stale = false }: { loading: boolean; error: Error | undefined; what: string; stale?: boolean }) {
  if (error) {
    return (
      <p role="alert" data-testid="inspector-error" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800">
        {fetchErrorText(error, what)}
        {stale && " The values below may be out of date."}
      </p>
    );
  }
  if (loading) {
    return (
      <p role="status" data-testid="inspector-loading" className="animate-pulse text-slate-500">
        Loading {what}…
      </p>
    );
  }
  return null;
}

/** A list of values as one text (for `<dd>`s of lists). */
export function joined(values: string[]): string {
  return values.join(", ");
}

/** The first `limit` items, and a button to show the rest. */
export function Capped<T>({ items, limit, render, noun }: { items: T[]; limit: number; render: (item: T) => ReactNode; noun: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, limit);
  return (
    <>
      {shown.map(render)}
      {items.length > shown.length && (
        <li className="list-none">
          <button type="button" onClick={() => setAll(true)} className="text-[11px] text-sky-700 hover:text-sky-900">
            Show all {items.length} {noun}
          </button>
        </li>
      )}
    </>
  );
}
