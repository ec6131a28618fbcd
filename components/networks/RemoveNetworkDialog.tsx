"use client";
/**
 * Removing a network: what goes (the network, its subnets) and who is still
 * on it, before anything happens. The engine refuses while a running
 * container is attached; that refusal is shown in Docker's words.
 */
import { useState } from "react";
import { useSWRConfig } from "swr";
import { removeNetworkCommand } from "@/lib/commands/docker-cli";
import { sendJson } from "@/lib/client/mutate";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { useTopologyKey } from "@/lib/hooks/use-topology";
import { attachedContainers } from "@/lib/networks/attached";
import type { Topology } from "@/lib/topology/types";
import { CommandBox } from "../editing/CommandBox";
import { buttonClass, Dialog, ErrorAlert } from "@/components/editing/Dialog";

export function RemoveNetworkDialog({
  topology,
  networkId,
  networkName,
  onClose,
}: {
  topology: Topology;
  networkId: string;
  networkName: string;
  onClose: () => void;
}) {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const apiPath = useApiPath();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const network = topology.networks.find((n) => n.id === networkId);
  const attached = attachedContainers(topology, networkId);
  const running = attached.filter((c) => c.active);
  const stopped = attached.filter((c) => !c.active);

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await sendJson("DELETE", apiPath(`/api/networks/${encodeURIComponent(networkId)}`));
      await mutate(topologyKey);
      onClose();
    } catch (err) {
      setError(`Could not remove ${networkName}: ${(err as Error).message}`);
      setBusy(false);
    }
  };

  const footer = (
    <>
      <button type="button" className={buttonClass.secondary} onClick={onClose}>
        Cancel
      </button>
      {network && !network.predefined && (
        <button type="button" data-testid="confirm" className={buttonClass.danger} disabled={busy} onClick={() => void remove()}>
          {busy ? "Removing…" : "Remove network"}
        </button>
      )}
    </>
  );

  return (
    <Dialog title="Remove network" onClose={onClose} footer={footer} testId="remove-network-dialog">
      <div className="space-y-3">
        {!network && <p>The network {networkName} is no longer on the engine: someone else removed it.</p>}
        {network?.predefined && (
          <p data-testid="predefined-explanation">
            <strong>{network.name}</strong> is one of Docker&apos;s predefined networks (bridge, host, none). The engine creates them itself and
            refuses to remove them, so there is nothing to do here.
          </p>
        )}
        {network && !network.predefined && (
          <>
            <p>
              This removes the network <strong data-testid="remove-target">{network.name}</strong> ({network.driver}, {network.scope})
              {network.ipam.length > 0 && (
                <>
                  {" "}
                  and releases {network.ipam.length === 1 ? "its subnet" : "its subnets"}{" "}
                  <span className="font-mono text-xs">{network.ipam.map((c) => c.subnet).join(", ")}</span>
                </>
              )}
              .
            </p>
            {running.length > 0 && (
              <div className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" data-testid="attached-running">
                <p className="font-medium">Still attached and running: the engine will refuse until they are disconnected or stopped.</p>
                <ul className="mt-1 list-disc pl-5">
                  {running.map((c) => (
                    <li key={c.name} data-testid="attached-container" className="font-mono text-xs">
                      {c.name}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {stopped.length > 0 && (
              <div className="rounded border border-slate-200 bg-slate-50 px-3 py-2" data-testid="attached-stopped">
                <p>Stopped containers configured on it (they lose this network and will fail to start until reconnected elsewhere):</p>
                <ul className="mt-1 list-disc pl-5">
                  {stopped.map((c) => (
                    <li key={c.name} data-testid="attached-container" className="font-mono text-xs">
                      {c.name}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {attached.length === 0 && <p className="text-slate-600">No container is attached to it.</p>}
            <CommandBox command={removeNetworkCommand(network.name)} />
          </>
        )}
        <ErrorAlert message={error} />
      </div>
    </Dialog>
  );
}
