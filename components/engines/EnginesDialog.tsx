"use client";
/**
 * The engines cnmap serves, for global admins: each with its address,
 * whether it answers (version and swarm state, or why not) and where it
 * comes from. Engines an admin added can be removed (after a confirmation);
 * those from the environment or a Docker context say where to change them.
 * A new one is added below. The list is the switcher's own (`/api/engines`),
 * so the switcher follows every change at once.
 */
import { useState } from "react";
import { sendJson } from "@/lib/client/mutate";
import { fixedEngineReason } from "@/lib/engines/added";
import { engineOriginText, engineStatusText } from "@/lib/engines/form";
import type { EngineSummary } from "@/lib/engines/types";
import { useActionError } from "@/lib/hooks/use-action-error";
import { useEngines } from "@/lib/hooks/use-engines";
import { useReadOnly } from "@/lib/hooks/use-health";
import { buttonClass, Dialog, ErrorAlert, TableHead } from "../editing/Dialog";
import { AddEngineForm } from "./AddEngineForm";

function RemoveControl({ engine, onRemove }: { engine: EngineSummary; onRemove: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <button type="button" data-testid="engine-remove" className={buttonClass.secondary} onClick={() => setConfirming(true)}>
        Remove
      </button>
    );
  }
  return (
    <span className="flex flex-col items-end gap-1" data-testid="engine-remove-confirmation">
      <span className="text-[11px] text-slate-600">Remove {engine.name} from cnmap? Roles people have on it go too; the engine itself is not touched.</span>
      <span className="flex gap-1">
        <button
          type="button"
          data-testid="engine-remove-confirm"
          className={buttonClass.danger}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onRemove().finally(() => setBusy(false));
          }}
        >
          Remove {engine.name}
        </button>
        <button type="button" data-testid="engine-remove-cancel" className={buttonClass.secondary} onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    </span>
  );
}

export function EnginesDialog({ onClose }: { onClose: () => void }) {
  const { data, mutate } = useEngines();
  const readOnly = useReadOnly();
  const { error, run } = useActionError();

  const remove = async (engine: EngineSummary): Promise<void> => {
    await run(async () => {
      await sendJson("DELETE", `/api/engines/${encodeURIComponent(engine.id)}`);
      await mutate((current) => current && { engines: current.engines.filter((e) => e.id !== engine.id) }, { revalidate: true });
    });
  };
  const added = async (engine: EngineSummary): Promise<void> => {
    await mutate((current) => current && { engines: [...current.engines.filter((e) => e.id !== engine.id), engine] }, { revalidate: true });
  };

  return (
    <Dialog title="Engines" onClose={onClose} size="large" testId="engines-dialog">
      <p className="mb-3 text-xs text-slate-600">
        Engines from the server&apos;s environment (CNMAP_ENGINES, DOCKER_HOST) or from Docker contexts come first and change only there. Engines added here are kept in cnmap&apos;s data folder.
      </p>
      <ErrorAlert message={error} testId="engines-error" />
      <table className="mb-3 w-full text-left text-xs" data-testid="engine-list">
        <TableHead columns={["Name", "Address", "Status", "From", ""]} />
        <tbody>
          {(data?.engines ?? []).map((e) => {
            const fixed = fixedEngineReason(e);
            return (
              <tr key={e.id} data-testid="engine-row" data-id={e.id} data-origin={e.origin.kind} data-connected={e.connected} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-2 font-medium">{e.name}</td>
                <td className="py-1 pr-2 font-mono break-all">{e.address}</td>
                <td className={`py-1 pr-2 ${e.connected ? "text-slate-700" : "text-amber-800"}`} data-testid="engine-status">
                  {engineStatusText(e)}
                </td>
                <td className="py-1 pr-2" data-testid="engine-origin" title={fixed ?? undefined}>
                  {engineOriginText(e)}
                </td>
                <td className="py-1 text-right">{!fixed && !readOnly && <RemoveControl engine={e} onRemove={() => remove(e)} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {readOnly ? (
        <p className="text-xs text-slate-500" data-testid="engines-read-only">
          cnmap runs read-only (CNMAP_READ_ONLY): engines cannot be added or removed.
        </p>
      ) : (
        <AddEngineForm onAdded={added} />
      )}
    </Dialog>
  );
}
