"use client";
/**
 * Actions on the canvas selection: for selected endpoints, the disconnect
 * command (with `force` where it applies) and a Disconnect button; for one
 * selected sandbox, "Connect to a network…".
 */
import { sandboxName } from "@/lib/topology/describe";
import { disconnectItemCommand, type DisconnectPlan } from "@/lib/editing/disconnect-plan";
import type { Sandbox } from "@/lib/topology/types";
import { CommandBox } from "./CommandBox";
import { ForceCheckbox } from "./DisconnectDialog";

interface Props {
  plan: DisconnectPlan | null;
  sandbox: Sandbox | null;
  force: boolean;
  onForceChange(force: boolean): void;
  onDisconnect(): void;
  onConnect(sandboxId: string): void;
}

export function SelectionPanel({ plan, sandbox, force, onForceChange, onDisconnect, onConnect }: Props) {
  if ((!plan || plan.items.length === 0) && !sandbox) return null;
  return (
    <div data-testid="selection-panel" className="nodrag nopan nowheel w-[460px] max-w-[90vw] rounded-lg border border-slate-300 bg-white/95 p-2 text-xs text-slate-700 shadow-md">
      {plan && plan.items.length > 0 && (
        <div>
          <div className="mb-1 flex items-center gap-2">
            <span className="min-w-0 flex-1 truncate">
              {plan.items.length === 1
                ? `Endpoint of ${plan.items[0]?.containerName} on ${plan.items[0]?.networkName}`
                : `${plan.items.length} endpoints selected`}
              <span className="text-slate-500"> · Delete or Backspace removes</span>
            </span>
            {plan.forceApplies && <ForceCheckbox force={force} onChange={onForceChange} />}
            <button
              type="button"
              data-testid="panel-disconnect"
              onClick={onDisconnect}
              className="shrink-0 rounded bg-red-600 px-2 py-0.5 font-medium text-white hover:bg-red-700"
            >
              Disconnect
            </button>
          </div>
          <div className="space-y-1">
            {plan.items.slice(0, 3).map((it) => (
              <CommandBox key={`${it.networkId}:${it.sandboxId}`} command={disconnectItemCommand(it, force)} label="Equivalent command" />
            ))}
          </div>
        </div>
      )}
      {sandbox && (!plan || plan.items.length === 0) && (
        <div className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate">
            Sandbox of {sandboxName(sandbox)}
            <span className="text-slate-500"> · drag it onto a network to connect</span>
          </span>
          <button
            type="button"
            data-testid="panel-connect"
            onClick={() => onConnect(sandbox.id)}
            className="shrink-0 rounded bg-sky-700 px-2 py-0.5 font-medium text-white hover:bg-sky-800"
          >
            Connect to a network…
          </button>
        </div>
      )}
    </div>
  );
}
