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
import type Docker from "dockerode";
import { serverConfig } from "../config";
import { requestClient, streamClient } from "./client";
import { EngineTimeoutError, EngineUnreachableError, engineStatus, isTimeout, isUnreachable, unreachableReason } from "./errors";

async function call<T>(fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } catch (err) {
    // docker-modem ends a timed-out request by destroying it, which surfaces as ECONNRESET: tell it by the clock.
    const { engineTimeoutMs } = serverConfig();
    const atTimeout = Date.now() - started >= engineTimeoutMs - 100;
    if (isTimeout(err) || (atTimeout && isUnreachable(err))) throw new EngineTimeoutError(engineTimeoutMs);
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

// ---------------------------------------------------------------- mutations
// Each takes values already validated by lib/api/schemas.ts and resolved to
// engine IDs by lib/server/networks.ts; nothing here builds a path from text.

export interface EngineNetworkCreate {
  Name: string;
  CheckDuplicate: boolean;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  /** API 1.47+ only. */
  EnableIPv4?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network: string };
  IPAM?: {
    Driver?: string;
    Config?: { Subnet: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[];
    Options?: Record<string, string>;
  };
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

export async function createNetwork(body: EngineNetworkCreate): Promise<string> {
  const network = await call(() => requestClient().createNetwork(body as unknown as Parameters<Docker["createNetwork"]>[0]));
  return network.id;
}

export async function inspectNetwork(id: string): Promise<EngineNetwork> {
  return (await call(() => requestClient().getNetwork(id).inspect())) as EngineNetwork;
}

export async function removeNetwork(id: string): Promise<void> {
  await call(() => requestClient().getNetwork(id).remove());
}

export interface EngineConnect {
  Container: string;
  EndpointConfig?: {
    Aliases?: string[];
    IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] };
    DriverOpts?: Record<string, string>;
  };
}

export async function connectContainer(networkId: string, body: EngineConnect): Promise<void> {
  await call(() => requestClient().getNetwork(networkId).connect(body));
}

export async function disconnectContainer(networkId: string, containerId: string, force: boolean): Promise<void> {
  await call(() => requestClient().getNetwork(networkId).disconnect({ Container: containerId, Force: force }));
}

export interface EnginePlugins {
  Plugins?: { Network?: string[] | null; Volume?: string[] | null } | null;
}

/** The engine's network and IPAM drivers (IPAM drivers are not listed by the engine: "default" plus plugins). */
export async function networkDrivers(): Promise<{ network: string[]; ipam: string[] }> {
  const info = (await call(() => requestClient().info())) as EnginePlugins;
  return { network: [...(info.Plugins?.Network ?? [])].sort(), ipam: ["default", "null"] };
}
