/**
 * The rules behind a reachability verdict: when the configuration says one
 * container cannot reach another, which of the host's rules enforces it.
 * Pure: the verdict (lib/insights/reachability) and the Linux layer in.
 *
 * - ICC off on a shared network: the FORWARD rule that drops traffic from the
 *   bridge back into itself (`-A FORWARD -i br -o br -j DROP`).
 * - No shared network between two bridge networks: Docker's isolation pair,
 *   the source bridge's stage-1 jump (`-i br-a ! -o br-a -j
 *   DOCKER-ISOLATION-STAGE-2`) and the target bridge's stage-2 drop
 *   (`-o br-b -j DROP`).
 * Anything else (host mode, macvlan, overlay) is not a rule of the host's
 * filter table: nothing is named rather than something wrong.
 */
import type { ReachVerdict } from "../insights/reachability";
import { ICC_OPTION } from "../topology/describe";
import type { Topology } from "../topology/types";
import type { LinuxLayer } from "./layer";

export function enforcingRules(t: Pick<Topology, "networks" | "endpoints">, fromId: string, toId: string, v: ReachVerdict, layer: LinuxLayer): string[] {
  if (v.ok || !layer.available) return [];
  const rules = new Set<string>();
  const byName = new Map(t.networks.map((n) => [n.name, n]));
  for (const b of v.blocked) {
    const n = byName.get(b.network);
    const icc = n ? layer.rules.get(n.id) : undefined;
    if (icc?.icc === "off" && icc.iccRule && b.reason.includes(ICC_OPTION)) rules.add(icc.iccRule);
  }
  if (v.blocked.length === 0) {
    const netsOf = (sandboxId: string): string[] => [...new Set(t.endpoints.filter((e) => e.sandboxId === sandboxId).map((e) => e.networkId))];
    const from = netsOf(fromId).flatMap((id) => layer.rules.get(id) ?? []);
    const to = netsOf(toId).flatMap((id) => layer.rules.get(id) ?? []);
    for (const a of from) {
      for (const b of to) {
        if (a.device === b.device) continue;
        const jump = a.isolation.find((r) => r.includes(` -i ${a.device} `) && r.includes("DOCKER-ISOLATION-STAGE-2") && r.startsWith("-A DOCKER-ISOLATION-STAGE-1 "));
        const drop = b.isolation.find((r) => r.startsWith("-A DOCKER-ISOLATION-STAGE-2 ") && r.includes(` -o ${b.device} `) && r.endsWith("-j DROP"));
        if (jump && drop) {
          rules.add(jump);
          rules.add(drop);
        }
      }
    }
  }
  return [...rules];
}
