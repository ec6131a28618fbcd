/**
 * The allow-list: every engine call cnmap makes is a named function here, and
 * nothing else reaches the socket. Each turns "no engine answered" into an
 * EngineUnreachableError naming the address that was tried.
 */
import type {
  EngineContainerDetail,
  EngineContainerSummary,
  EngineNetwork,
} from "../topology/engine-json";
import { serverConfig } from "../config";
import { requestClient, streamClient } from "./client";
import { EngineUnreachableError, engineStatus, isUnreachable, unreachableReason } from "./errors";

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUnreachable(err)) throw new EngineUnreachableError(serverConfig().engineAddress, unreachableReason(err));
    throw err;
  }
}

export function listNetworks(): Promise<EngineNetwork[]> {
  return call(() => requestClient().listNetworks() as Promise<EngineNetwork[]>);
}

export function listContainers(): Promise<EngineContainerSummary[]> {
  return call(() => requestClient().listContainers({ all: true }) as Promise<EngineContainerSummary[]>);
}

/** A container's inspect, or null when it no longer exists. */
export async function inspectContainer(id: string): Promise<EngineContainerDetail | null> {
  try {
    return (await call(() => requestClient().getContainer(id).inspect())) as EngineContainerDetail;
  } catch (err) {
    if (engineStatus(err)?.status === 404) return null;
    throw err;
  }
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
}

export function engineVersion(): Promise<EngineVersion> {
  return call(() => requestClient().version() as Promise<EngineVersion>);
}

export interface EngineSwarmInfo {
  Swarm?: { LocalNodeState?: string } | null;
}

export function engineInfo(): Promise<EngineSwarmInfo> {
  return call(() => requestClient().info() as Promise<EngineSwarmInfo>);
}

/** The engine's event stream for containers and networks (newline-delimited JSON, never times out). */
export function openEventStream(): Promise<NodeJS.ReadableStream> {
  return call(
    () =>
      streamClient().getEvents({
        filters: { type: ["container", "network"] },
      }) as Promise<NodeJS.ReadableStream>,
  );
}
