"use client";
/**
 * The service inspector's editing of its networks: detach it from one, or
 * attach it to a swarm network it may join. Each goes through the service
 * network dialog (lib/editing/service-network-edit), which shows the command
 * and asks first, as the service's tasks restart. The same rules as the
 * canvas's drag and the server (canAttachService).
 */
import { useState } from "react";
import { requestServiceNetworkAdd, requestServiceNetworkRm } from "@/lib/editing/service-network-edit";
import { canAttachService } from "@/lib/topology/join-rules";
import type { SwarmService, Topology } from "@/lib/topology/types";
import { buttonClass } from "./Dialog";

export function ServiceNetworksEdit({ topology, service }: { topology: Topology; service: SwarmService }) {
  const joinable = topology.networks.filter((n) => canAttachService(service, n).ok);
  const [chosen, setChosen] = useState("");
  const target = joinable.find((n) => n.id === chosen) ?? joinable[0];
  const attached = service.networks.map((id) => topology.networks.find((n) => n.id === id)).filter((n) => n !== undefined);
  return (
    <div className="mt-2 space-y-2" data-testid="service-networks-edit">
      {attached.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {attached.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={`${buttonClass.secondary} text-xs`}
                data-testid="service-network-detach"
                data-network={n.name}
                onClick={() => requestServiceNetworkRm(service.id, n.id, { serviceName: service.name })}
                title={`docker service update --network-rm ${n.name} ${service.name} (its tasks restart)`}
              >
                Detach from {n.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {joinable.length > 0 ? (
        <div className="flex items-center gap-1.5">
          <label htmlFor={`svc-attach-${service.id}`} className="text-xs text-slate-600">
            Attach to
          </label>
          <select
            id={`svc-attach-${service.id}`}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-1 text-xs"
            value={target?.id ?? ""}
            onChange={(e) => setChosen(e.target.value)}
          >
            {joinable.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={`${buttonClass.primary} text-xs`}
            data-testid="service-network-attach"
            disabled={!target}
            onClick={() => target && requestServiceNetworkAdd(service.id, target.id, { serviceName: service.name })}
          >
            Attach…
          </button>
        </div>
      ) : (
        <p className="text-xs text-slate-600">No other swarm network to join: create an overlay first (docker network create --driver overlay).</p>
      )}
    </div>
  );
}
