/**
 * Suggestions for a probe's target from one sandbox: the names it can resolve
 * (container names and aliases on its user-defined networks) and the
 * addresses of the other running sandboxes. Pure.
 */
import { dnsView } from "../insights/dns";
import { endpointAddresses, isRunning, sandboxName, type TopologyModel } from "../insights/model";

export interface TargetSuggestion {
  value: string;
  /** What it is, e.g. "name on app-net" or "db on app-net". */
  label: string;
}

export function probeTargets(t: TopologyModel, fromSandboxId: string): TargetSuggestion[] {
  const out = new Map<string, TargetSuggestion>();
  for (const view of dnsView(t, fromSandboxId)) {
    for (const r of view.names) {
      if (r.self || out.has(r.name)) continue;
      out.set(r.name, { value: r.name, label: `name on ${view.networkName}` });
    }
  }
  const networks = new Map(t.networks.map((n) => [n.id, n.name]));
  const byId = new Map(t.sandboxes.map((s) => [s.id, s]));
  for (const e of t.endpoints) {
    const s = byId.get(e.sandboxId);
    if (!s || s.id === fromSandboxId || !e.active || !isRunning(s)) continue;
    for (const a of endpointAddresses(e)) {
      if (!out.has(a)) out.set(a, { value: a, label: `${sandboxName(s)} on ${networks.get(e.networkId) ?? e.networkId.slice(0, 12)}` });
    }
  }
  return [...out.values()];
}
