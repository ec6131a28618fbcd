"use client";
/**
 * Confirmation of a service network change asked for with
 * requestServiceNetworkAdd/Rm (lib/editing/service-network-edit.ts): names
 * the service and the network, warns that the service's tasks restart, shows
 * the equivalent `docker service update` command, and on confirm sends it.
 * A refusal keeps the dialog open with the server's reason (the engine's own
 * words where it refused) and draws nothing: the canvas shows the engine's
 * state. Mounted once on the page; renders nothing while nothing is asked.
 */
import { useSWRConfig } from "swr";
import { sendJson } from "@/lib/client/mutate";
import { actionErrorMessage, sentence } from "@/lib/editing/messages";
import {
  closeServiceNetworkEdit,
  finishServiceNetworkEdit,
  isCurrentServiceEdit,
  markServiceEditFailed,
  markServiceEditRunning,
  serviceNetworkCall,
  serviceNetworkCommand,
  type ServiceEditState,
} from "@/lib/editing/service-network-edit";
import { useApiPath } from "@/lib/hooks/use-engine-scope";
import { useServiceNetworkEdit } from "@/lib/hooks/use-service-network-edit";
import { useTopologyKey } from "@/lib/hooks/use-topology";
import { canAttachService, canDetachService, type JoinVerdict } from "@/lib/topology/join-rules";
import type { Topology } from "@/lib/topology/types";
import { CommandBox } from "./CommandBox";
import { buttonClass, Dialog, ErrorAlert } from "./Dialog";
import { useToast } from "./Toast";

export function ServiceNetworkDialog({ topology }: { topology: Topology }) {
  const state = useServiceNetworkEdit();
  if (!state) return null;
  return <Confirm key={`${state.request.kind}:${state.request.serviceId}:${state.request.networkId}`} state={state} topology={topology} />;
}

function Confirm({ state, topology }: { state: ServiceEditState; topology: Topology }) {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const apiPath = useApiPath();
  const toast = useToast();
  const { request, phase } = state;

  const network = topology.networks.find((n) => n.id === request.networkId);
  const service = topology.services.find((s) => s.id === request.serviceId);
  const serviceName = service?.name ?? request.serviceName ?? request.serviceId;
  const networkName = network?.name ?? request.networkId;
  const command = serviceNetworkCommand(request, serviceName, networkName);
  const adding = request.kind === "add";

  // The server applies the same rules; checked here so an impossible change is explained before anyone confirms it.
  let verdict: JoinVerdict = { ok: true };
  if (!network) verdict = { ok: false, reason: `the network ${request.networkId} is no longer on this engine` };
  else if (adding) verdict = canAttachService(service ?? { id: request.serviceId, name: serviceName, networks: [] }, network);
  else if (service) verdict = canDetachService(service, network);

  const confirm = async (): Promise<void> => {
    const call = serviceNetworkCall(request);
    markServiceEditRunning(request);
    try {
      await sendJson(call.method, apiPath(call.path), call.body);
    } catch (err) {
      const message = actionErrorMessage(err);
      // Still on show: the dialog says why; closed meanwhile: a toast does.
      if (isCurrentServiceEdit(request)) markServiceEditFailed(request, message);
      else toast.error(`Could not ${adding ? "attach" : "detach"} service ${serviceName}: ${sentence(message)}`, command);
      // The engine may have acted anyway (a timeout after it did): look again.
      void mutate(topologyKey);
      return;
    }
    finishServiceNetworkEdit(request);
    toast.done(adding ? `Attached service ${serviceName} to ${networkName}; its tasks are restarting.` : `Detached service ${serviceName} from ${networkName}; its tasks are restarting.`, command);
    void mutate(topologyKey);
  };

  const running = phase === "running";
  const footer = (
    <>
      <button type="button" className={buttonClass.secondary} onClick={closeServiceNetworkEdit} data-autofocus>
        {phase === "confirm" ? "Cancel" : "Close"}
      </button>
      <button
        type="button"
        data-testid="service-network-confirm"
        className={adding ? buttonClass.primary : buttonClass.danger}
        onClick={() => void confirm()}
        disabled={running || !verdict.ok}
      >
        {running ? "Updating…" : adding ? "Attach and restart tasks" : "Detach and restart tasks"}
      </button>
    </>
  );

  return (
    <Dialog title={adding ? `Attach ${serviceName} to ${networkName}?` : `Detach ${serviceName} from ${networkName}?`} onClose={closeServiceNetworkEdit} footer={footer} testId="service-network-dialog">
      <p className="mb-2">
        {adding ? (
          <>
            Service <strong className="font-semibold">{serviceName}</strong> joins <strong className="font-semibold">{networkName}</strong>
            {request.aliases?.length ? <> with the aliases {request.aliases.join(", ")}</> : null}: its tasks get an address on it and the service a VIP.
          </>
        ) : (
          <>
            Service <strong className="font-semibold">{serviceName}</strong> leaves <strong className="font-semibold">{networkName}</strong>: its tasks lose their address on it, and whatever reaches the service through it stops.
          </>
        )}
      </p>
      <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" data-testid="service-network-warning">
        This updates the service: Docker replaces every task of {serviceName} (they stop and start again, one by one by default), so its containers restart.
      </p>
      <CommandBox command={command} className="mb-3" />
      {!verdict.ok && <ErrorAlert message={`Not possible: ${verdict.reason}.`} testId="service-network-refusal" />}
      {phase === "failed" && <ErrorAlert message={state.message ?? "The change failed."} testId="service-network-error" />}
    </Dialog>
  );
}
