"use client";
import { useCallback } from "react";
import type { ConnectBody } from "@/lib/api/schemas";
import { sentence } from "@/lib/editing/messages";
import { useEndpointActions } from "@/lib/hooks/use-endpoint-actions";
import { sandboxName } from "@/lib/topology/describe";
import type { Network, Sandbox } from "@/lib/topology/types";
import { useToast } from "../../editing/Toast";

/** Connects a sandbox to a network through the API and says how it went (in Docker's words when it failed). */
export function useConnect() {
  const toast = useToast();
  const actions = useEndpointActions();
  return useCallback(
    async (sandbox: Sandbox, network: Network, body: ConnectBody, command: string): Promise<boolean> => {
      const who = sandboxName(sandbox);
      const result = await actions.connect(network.id, body);
      if (result.ok) toast.done(`Connected ${who} to ${network.name}.`, command);
      else toast.error(`Could not connect ${who} to ${network.name}: ${sentence(result.message)}`, command);
      return result.ok;
    },
    [actions, toast],
  );
}
