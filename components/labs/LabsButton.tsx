"use client";
/**
 * The header's Labs button and the labs panel it opens. Labs change the
 * engine, so the button is off, saying why, in read-only mode and for
 * viewers.
 */
import { useState } from "react";
import { useHealth } from "@/lib/hooks/use-health";
import { LabsDialog } from "./LabsDialog";

export function LabsButton() {
  const { data: health } = useHealth();
  const [open, setOpen] = useState(false);
  if (!health) return null;
  const why = health.readOnly
    ? "Labs change the engine: cnmap runs read-only (CNMAP_READ_ONLY)."
    : health.you.role === "viewer"
      ? `Labs change the engine: they need the operator role; ${health.you.name} is a viewer.`
      : null;
  return (
    <>
      <button
        type="button"
        data-testid="labs-button"
        disabled={why !== null}
        onClick={() => setOpen(true)}
        title={why ?? "Guided labs: the tutorial's scenarios, run step by step on this engine"}
        className="rounded border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Labs
      </button>
      {open && why === null && <LabsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
