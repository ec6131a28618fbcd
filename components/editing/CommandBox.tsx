"use client";
/**
 * The `docker` command equivalent to an action, with a Copy button. Shared by
 * every editing UI (dialogs, toasts, the selection panel).
 */
import { useEffect, useRef, useState } from "react";
import { copyText } from "@/lib/client/clipboard";

export function CommandBox({ command, label = "Equivalent command", className = "" }: { command: string; label?: string; className?: string }) {
  // The outcome of the last copy, for the command it copied (a new command shows "Copy" again).
  const [last, setLast] = useState<{ command: string; status: "idle" | "copied" | "failed" }>({ command: "", status: "idle" });
  const copied = last.command === command ? last.status : "idle";
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const onCopy = async () => {
    const ok = await copyText(command);
    setLast({ command, status: ok ? "copied" : "failed" });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setLast({ command: "", status: "idle" }), 1500);
  };

  return (
    <div data-testid="command-box" className={`nodrag nopan nowheel text-left ${className}`}>
      <div className="mb-0.5 text-[10px] font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="flex items-start gap-1.5 rounded border border-slate-300 bg-slate-900 px-2 py-1">
        <code data-testid="command" className="min-w-0 flex-1 break-all font-mono text-[11px] leading-4 text-slate-100 select-all">
          {command}
        </code>
        <button
          type="button"
          data-testid="copy-command"
          onClick={() => void onCopy()}
          className="shrink-0 rounded bg-slate-700 px-1.5 py-0.5 text-[10px] font-medium text-white hover:bg-slate-600"
          title="Copy the command to the clipboard"
        >
          {copied === "copied" ? "Copied" : copied === "failed" ? "Select it" : "Copy"}
        </button>
      </div>
    </div>
  );
}
