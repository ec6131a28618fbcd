"use client";
/**
 * Connect and disconnect through cnmap's API. The UI draws no endpoint of its
 * own: after the engine answers, the topology is revalidated and the edge
 * appears (or goes) because the engine says so.
 */
import { useCallback, useMemo } from "react";
import { useSWRConfig } from "swr";
import type { ConnectBody, DisconnectBody } from "../api/schemas";
import { sendJson } from "../client/mutate";
import { actionErrorMessage } from "../editing/messages";
import type { Topology } from "../topology/types";
import { useApiPath } from "./use-engine-scope";
import { useTopologyKey } from "./use-topology";

export type ActionResult = { ok: true; topology?: Topology } | { ok: false; message: string };

export function useEndpointActions() {
  const { mutate } = useSWRConfig();
  const topologyKey = useTopologyKey();
  const path = useApiPath();
  const actionUrl = useCallback(
    (networkId: string, action: "connect" | "disconnect") => path(`/api/networks/${encodeURIComponent(networkId)}/${action}`),
    [path],
  );

  const run = useCallback(
    async (url: string, body: ConnectBody | DisconnectBody): Promise<ActionResult> => {
      try {
        await sendJson("POST", url, body);
      } catch (err) {
        // The engine may have changed anyway (e.g. a timeout after it acted): look again.
        void mutate(topologyKey);
        return { ok: false, message: actionErrorMessage(err) };
      }
      let topology: Topology | undefined;
      try {
        topology = (await mutate(topologyKey)) as Topology | undefined;
      } catch {
        /* the change happened; the event stream will bring the new topology */
      }
      return { ok: true, topology };
    },
    [mutate, topologyKey],
  );

  const connect = useCallback((networkId: string, body: ConnectBody) => run(actionUrl(networkId, "connect"), body), [run, actionUrl]);
  const disconnect = useCallback(
    (networkId: string, body: DisconnectBody) => run(actionUrl(networkId, "disconnect"), body),
    [run, actionUrl],
  );
  return useMemo(() => ({ connect, disconnect }), [connect, disconnect]);
}
