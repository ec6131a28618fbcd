"use client";
import type { ShownCaption } from "./use-captions";

/** The latest changes, large, at the bottom of the screen; read out politely by screen readers. */
export function CaptionStack({ captions }: { captions: ShownCaption[] }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none absolute inset-x-0 bottom-4 z-10 flex flex-col items-center gap-2 px-6">
      {captions.map((c, i) => (
        <div
          key={c.seq}
          data-testid="present-caption"
          className={`max-w-full truncate rounded-xl bg-indigo-700 px-5 py-2 font-semibold text-white shadow-lg ${i === 0 ? "text-3xl" : "text-xl opacity-80"}`}
        >
          {c.text}
        </div>
      ))}
    </div>
  );
}
