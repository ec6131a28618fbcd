"use client";
/**
 * Confirmation before removing a container's last endpoint (it would be left
 * with no network at all). Shows the equivalent commands and, for swarm and
 * overlay networks, a `force` checkbox.
 */
import { disconnectItemCommand, type DisconnectPlan } from "@/lib/editing/disconnect-plan";
import { CommandBox } from "./CommandBox";
import { Dialog } from "./Dialog";

interface Props {
  plan: DisconnectPlan;
  force: boolean;
  onForceChange(force: boolean): void;
  onConfirm(): void;
  onClose(): void;
}

export function ForceCheckbox({ force, onChange }: { force: boolean; onChange(force: boolean): void }) {
  return (
    <label className="nodrag nopan flex items-center gap-1.5 text-xs text-slate-700" title="docker network disconnect --force: remove the endpoint even if the container is gone or the swarm cannot be reached">
      <input type="checkbox" data-testid="disconnect-force" checked={force} onChange={(e) => onChange(e.target.checked)} />
      force (--force)
    </label>
  );
}

export function DisconnectDialog({ plan, force, onForceChange, onConfirm, onClose }: Props) {
  const names = plan.losesLastEndpoint;
  return (
    <Dialog title={plan.items.length === 1 ? "Remove the last endpoint?" : "Remove these endpoints?"} onClose={onClose} testId="disconnect-dialog">
      <p className="mb-2" data-testid="disconnect-warning">
        {names.length === 1 ? (
          <>
            <strong className="font-semibold">{names[0]}</strong> will be left with no network at all (only its loopback interface).
          </>
        ) : (
          <>
            {names.join(", ")} will be left with no network at all (only their loopback interfaces).
          </>
        )}
      </p>
      <ul className="mb-2 list-disc pl-5 text-xs text-slate-600">
        {plan.items.map((it) => (
          <li key={`${it.networkId}:${it.sandboxId}`}>
            {it.containerName} from {it.networkName}
          </li>
        ))}
      </ul>
      {plan.forceApplies && (
        <div className="mb-2">
          <ForceCheckbox force={force} onChange={onForceChange} />
        </div>
      )}
      <div className="mb-3 space-y-1.5">
        {plan.items.map((it) => (
          <CommandBox key={`${it.networkId}:${it.sandboxId}`} command={disconnectItemCommand(it, force)} />
        ))}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50" data-autofocus>
          Cancel
        </button>
        <button type="button" data-testid="confirm" onClick={onConfirm} className="rounded bg-red-600 px-3 py-1 text-sm font-medium text-white hover:bg-red-700">
          Disconnect
        </button>
      </div>
    </Dialog>
  );
}
