/**
 * Attaching a service to a network, or detaching it, from anywhere on the
 * page: the canvas calls requestServiceNetworkAdd/Rm (a service dropped on a
 * network, a service edge removed), the one ServiceNetworkDialog
 * (components/editing) asks for confirmation, because the service's tasks
 * restart, and sends it. A small store outside React, so the caller needs no
 * provider and the canvas can draw the pending edge (pendingServiceEdge)
 * until the engine answers: a refusal or a cancel takes it away again.
 * No React here; the hook is lib/hooks/use-service-network-edit.ts.
 */
import type { ServiceNetworkAddBody } from "../api/schemas";
import { serviceNetworkAddCommand, serviceNetworkRmCommand } from "../commands/docker-cli";

export interface ServiceNetworkRequest {
  kind: "add" | "rm";
  serviceId: string;
  networkId: string;
  /** The service's name, for the dialog when the topology does not have the service (yet). */
  serviceName?: string;
  /** add: the service's aliases on the network (`alias=` in --network-add). */
  aliases?: string[];
}

/** confirm: the dialog asks; running: sent, waiting for the engine; failed: refused (the message says why, in the engine's words). */
export type ServiceEditPhase = "confirm" | "running" | "failed";

export interface ServiceEditState {
  request: ServiceNetworkRequest;
  phase: ServiceEditPhase;
  message?: string;
}

let current: ServiceEditState | null = null;
const listeners = new Set<() => void>();

function set(next: ServiceEditState | null): void {
  current = next;
  for (const l of listeners) l();
}

/** Whether a new request may replace the current one: not while one is with the engine (the dialog shows it). */
function free(): boolean {
  return current?.phase !== "running";
}

/** Asks to attach a service to a network (`docker service update --network-add`). False while another change is with the engine. */
export function requestServiceNetworkAdd(serviceId: string, networkId: string, opts: { serviceName?: string; aliases?: string[] } = {}): boolean {
  if (!free()) return false;
  set({ request: { kind: "add", serviceId, networkId, ...opts }, phase: "confirm" });
  return true;
}

/** Asks to detach a service from a network (`docker service update --network-rm`). False while another change is with the engine. */
export function requestServiceNetworkRm(serviceId: string, networkId: string, opts: { serviceName?: string } = {}): boolean {
  if (!free()) return false;
  set({ request: { kind: "rm", serviceId, networkId, ...opts }, phase: "confirm" });
  return true;
}

/** Cancel, close after a refusal, or stop waiting (Escape while it runs: the engine still gets the change, and a toast reports it). */
export function closeServiceNetworkEdit(): void {
  set(null);
}

/** Whether `r` is still the request on show (not closed or replaced meanwhile). */
export function isCurrentServiceEdit(r: ServiceNetworkRequest): boolean {
  return current?.request === r;
}

export function markServiceEditRunning(r: ServiceNetworkRequest): void {
  if (isCurrentServiceEdit(r)) set({ request: r, phase: "running" });
}

export function markServiceEditFailed(r: ServiceNetworkRequest, message: string): void {
  if (isCurrentServiceEdit(r)) set({ request: r, phase: "failed", message });
}

/** The engine did it: the topology, revalidated, draws the result. */
export function finishServiceNetworkEdit(r: ServiceNetworkRequest): void {
  if (isCurrentServiceEdit(r)) set(null);
}

export function subscribeServiceEdit(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function serviceEditSnapshot(): ServiceEditState | null {
  return current;
}

/**
 * The service edge the canvas may draw as pending (add: a dashed edge that is
 * not there yet; rm: an edge to draw as going) while the change is asked for
 * or under way. Null when there is none, or once it failed: the canvas then
 * shows the engine's state again, which is the rollback.
 */
export function pendingServiceEdge(s: ServiceEditState | null): { kind: "add" | "rm"; serviceId: string; networkId: string } | null {
  if (!s || s.phase === "failed") return null;
  return { kind: s.request.kind, serviceId: s.request.serviceId, networkId: s.request.networkId };
}

/** The API call of a request (before the engine scope is applied: lib/client/api-path.ts). */
export function serviceNetworkCall(r: ServiceNetworkRequest): { method: "POST" | "DELETE"; path: string; body?: ServiceNetworkAddBody } {
  const service = encodeURIComponent(r.serviceId);
  if (r.kind === "add") {
    return { method: "POST", path: `/api/services/${service}/networks`, body: { network: r.networkId, ...(r.aliases?.length ? { aliases: r.aliases } : {}) } };
  }
  return { method: "DELETE", path: `/api/services/${service}/networks/${encodeURIComponent(r.networkId)}` };
}

/** The equivalent command, by name. */
export function serviceNetworkCommand(r: ServiceNetworkRequest, serviceName: string, networkName: string): string {
  return r.kind === "add" ? serviceNetworkAddCommand(serviceName, networkName, r.aliases) : serviceNetworkRmCommand(serviceName, networkName);
}
