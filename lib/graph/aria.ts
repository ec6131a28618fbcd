/**
 * What a screen reader says for each canvas node and edge (React Flow puts it
 * in aria-label): the same facts a sighted person reads off the node. Pure.
 */
import type { GraphEdge, GraphNode } from "./types";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function nodeAriaLabel(g: GraphNode): string {
  switch (g.type) {
    case "network": {
      const n = g.data.network;
      const subnets = n.ipam.map((c) => c.subnet).join(", ");
      return `Network ${n.name}, ${n.driver}${subnets ? `, ${subnets}` : ""}, ${plural(g.data.endpointCount, "endpoint")}`;
    }
    case "sandbox": {
      const [owner, ...shared] = g.data.sandbox.containers;
      const state = owner?.state ?? "unknown";
      return `Container ${g.data.ownerName}, ${state}${shared.length > 0 ? `, shares its network with ${shared.map((c) => c.name).join(", ")}` : ""}`;
    }
    case "host":
      return `The host, ${plural(g.data.portCount, "published port")}${g.data.hostModeOwners.length > 0 ? `, ${g.data.hostModeOwners.length} in host network mode` : ""}`;
    case "service": {
      const s = g.data.service;
      return `Service ${s.name}, ${s.mode}, ${s.replicas.running} of ${s.replicas.desired} running, endpoint mode ${s.endpointMode}, ${plural(g.data.tasks.length, "task")}`;
    }
    case "cluster":
      return `Group ${g.data.label}, ${plural(g.data.sandboxCount, "sandbox")} (${g.data.running} up), press Enter to open or close`;
  }
}

export function edgeAriaLabel(g: GraphEdge): string {
  switch (g.type) {
    case "endpoint": {
      const e = g.data.endpoint;
      const addresses = [e.ipv4, e.ipv6].filter((a) => a !== "").join(", ");
      return `Endpoint of ${g.data.ownerName} on ${g.data.networkName}${addresses ? `, ${addresses}` : ""}`;
    }
    case "port":
      return `Published port: ${g.data.label}`;
    case "host-mode":
      return `${g.data.ownerName} uses the host's network`;
    case "link":
      return g.data.label;
    case "service":
      return `Service ${g.data.serviceName} on ${g.data.networkName}, ${g.data.vip ? `VIP ${g.data.vip}` : g.data.label}`;
  }
}
