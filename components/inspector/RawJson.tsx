"use client";
/**
 * The "Raw JSON" toggle: the engine's own JSON, pretty-printed. Its content
 * mounts only while open, so a fetch inside it (the network's inspect) runs
 * on demand.
 */
import { useState, type ReactNode } from "react";
import { useNetworkDetail } from "@/lib/hooks/use-network-detail";
import { CopyButton, FetchStatus } from "./parts";

export function RawJsonToggle({ children, what }: { children: ReactNode; what: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-1">
      <button
        type="button"
        data-testid="raw-json-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-[11px] font-medium text-slate-700 hover:bg-slate-50"
        title={`The engine's JSON for ${what}, as it returned it`}
      >
        <span aria-hidden className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>
          ▸
        </span>
        {open ? "Hide raw JSON" : "Raw JSON"}
      </button>
      {open && children}
    </div>
  );
}

export function RawJsonBlock({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return (
    <div className="relative">
      <pre
        data-testid="raw-json"
        className="max-h-[28rem] overflow-auto rounded border border-slate-300 bg-slate-900 p-2 font-mono text-[11px] leading-4 whitespace-pre text-slate-100"
      >
        {text}
      </pre>
      <div className="absolute top-1 right-3 rounded bg-slate-800">
        <CopyButton text={text} label="Copy the JSON" />
      </div>
    </div>
  );
}

/** `GET /api/networks/{id}`, fetched when mounted. */
export function NetworkRawJson({ networkId, revision }: { networkId: string; revision: string }) {
  const { network, error, loading } = useNetworkDetail(networkId, revision);
  return (
    <>
      <FetchStatus loading={loading} error={error} what="the network's inspect" stale={network !== undefined} />
      {network && <RawJsonBlock value={network} />}
    </>
  );
}
