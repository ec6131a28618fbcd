"use client";
/**
 * Pruning unused networks in two steps: a preview (the server's dry run)
 * lists exactly what would go, and only then does "Remove" prune, with the
 * same filters. Changing a filter discards the preview.
 */
import { useMemo, useState } from "react";
import { useSWRConfig } from "swr";
import { pruneNetworksCommand } from "@/lib/commands/docker-cli";
import { sendJson } from "@/lib/client/mutate";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { useTopologyKey } from "@/lib/hooks/use-topology";
import { buildPruneBody } from "@/lib/networks/prune";
import { CommandBox } from "../editing/CommandBox";
import { buttonClass, Dialog, ErrorAlert } from "@/components/editing/Dialog";
import { Field, inputClass } from "@/components/editing/Field";

interface PruneResult {
  removed: string[];
}

type Step = { kind: "filters" } | { kind: "preview"; names: string[] } | { kind: "done"; names: string[] };

export function PruneDialog({ onClose }: { onClose: () => void }) {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const apiPath = useApiPath();
  const [labels, setLabels] = useState("");
  const [until, setUntil] = useState("");
  const [step, setStep] = useState<Step>({ kind: "filters" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const { body, errors } = useMemo(() => buildPruneBody({ labels, until }, false), [labels, until]);
  const invalid = Object.keys(errors).length > 0;
  const command = pruneNetworksCommand(body);

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setError(null);
    if (step.kind !== "filters") setStep({ kind: "filters" });
  };

  const run = async (dryRun: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const res = await sendJson<PruneResult>("POST", apiPath("/api/networks/prune"), { ...body, dryRun });
      const names = res?.removed ?? [];
      if (dryRun) {
        setStep({ kind: "preview", names });
      } else {
        await mutate(topologyKey);
        setStep({ kind: "done", names });
      }
    } catch (err) {
      setError(`${dryRun ? "Could not preview the prune" : "Could not prune"}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      <button type="button" className={buttonClass.secondary} onClick={onClose}>
        {step.kind === "done" ? "Close" : "Cancel"}
      </button>
      {step.kind === "filters" && (
        <button type="button" data-testid="prune-preview" className={buttonClass.primary} disabled={busy || invalid} onClick={() => void run(true)}>
          {busy ? "Looking…" : "Preview"}
        </button>
      )}
      {step.kind === "preview" && (
        <button
          type="button"
          data-testid="confirm"
          className={buttonClass.danger}
          disabled={busy || step.names.length === 0}
          onClick={() => void run(false)}
        >
          {busy ? "Removing…" : `Remove ${step.names.length} network${step.names.length === 1 ? "" : "s"}`}
        </button>
      )}
    </>
  );

  return (
    <Dialog title="Prune unused networks" onClose={onClose} footer={footer} testId="prune-dialog">
      <div className="space-y-3">
        <p className="text-slate-600">
          Removes every user-defined network that no container uses (running or stopped). Docker&apos;s predefined networks are never removed.
        </p>
        <Field
          id="prune-labels"
          testId="prune-labels"
          label="Label filter"
          help={
            <>
              Only networks with these labels: <code>key</code>, <code>key=value</code>, or <code>key!=value</code> / <code>!key</code> for those without.
              Separate several with spaces; all must match.
            </>
          }
          error={errors.labels}
        >
          <input
            id="prune-labels"
            data-testid="prune-labels"
            value={labels}
            onChange={(e) => edit(setLabels)(e.target.value)}
            placeholder="project=demo"
            aria-invalid={errors.labels ? true : undefined}
            className={inputClass}
          />
        </Field>
        <Field
          id="prune-until"
          testId="prune-until"
          label="Older than"
          help={
            <>
              Only networks created before this: a duration (<code>24h</code>, <code>90m</code>), a date-time (<code>2026-01-31T12:00:00Z</code>) or Unix
              seconds. Empty: any age.
            </>
          }
          error={errors.until}
        >
          <input
            id="prune-until"
            data-testid="prune-until"
            value={until}
            onChange={(e) => edit(setUntil)(e.target.value)}
            placeholder="24h"
            aria-invalid={errors.until ? true : undefined}
            className={inputClass}
          />
        </Field>

        {step.kind === "filters" && <p className="text-slate-600">Preview first: nothing is removed until you confirm the list.</p>}
        {step.kind === "preview" && (
          <div data-testid="prune-preview-list" className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
            {step.names.length === 0 ? (
              <p>No unused network matches: nothing would be removed.</p>
            ) : (
              <>
                <p className="font-medium text-amber-900">These {step.names.length} networks will be removed:</p>
                <ul className="mt-1 list-disc pl-5">
                  {step.names.map((n) => (
                    <li key={n} data-testid="prune-candidate" className="font-mono text-xs">
                      {n}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {step.kind === "done" && (
          <div data-testid="prune-done" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2" role="status">
            {step.names.length === 0 ? (
              <p>Nothing was removed.</p>
            ) : (
              <>
                <p className="font-medium text-emerald-900">Removed {step.names.length} network{step.names.length === 1 ? "" : "s"}:</p>
                <ul className="mt-1 list-disc pl-5">
                  {step.names.map((n) => (
                    <li key={n} data-testid="pruned" className="font-mono text-xs">
                      {n}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <CommandBox command={command} />
        <ErrorAlert message={error} />
      </div>
    </Dialog>
  );
}
