/** How the advisor draws severities and names kinds; shared by its components. */
import type { FindingKind, Severity } from "@/lib/insights/advisor";

export const SEVERITY_STYLE: Record<Severity, { badge: string; border: string; dot: string; label: string; plural: string }> = {
  error: { badge: "bg-red-100 text-red-800", border: "border-l-red-500", dot: "bg-red-500", label: "error", plural: "errors" },
  warning: { badge: "bg-amber-100 text-amber-900", border: "border-l-amber-400", dot: "bg-amber-400", label: "warning", plural: "warnings" },
  info: { badge: "bg-sky-100 text-sky-800", border: "border-l-sky-400", dot: "bg-sky-400", label: "info", plural: "info" },
};

export const KIND_LABEL: Record<FindingKind, string> = {
  "default-bridge": "Default bridge",
  "unused-network": "Unused network",
  "subnet-overlap": "Subnet overlap",
  "mtu-path": "MTU mismatch on a path",
  "mtu-host": "MTU differs from the host",
  "overlay-unencrypted": "Unencrypted overlay",
  "no-ip-range": "No IP range reserved",
  "published-all-interfaces": "Published on all interfaces",
  "many-networks": "Many networks",
  "stopped-endpoints": "Stopped container's endpoints",
  "icc-disabled": "Inter-container traffic off",
  "forward-accept": "Host forwards everything",
  "ingress-published": "Published through the mesh",
  "single-replica": "Single replica",
  "overlay-node-overlap": "Overlay contains a node's address",
};

export function severityCount(severity: Severity, n: number): string {
  return `${n} ${n === 1 ? SEVERITY_STYLE[severity].label : SEVERITY_STYLE[severity].plural}`;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span data-testid="advisor-severity" className={`shrink-0 rounded px-1 py-px text-[10px] font-semibold uppercase ${SEVERITY_STYLE[severity].badge}`}>
      {SEVERITY_STYLE[severity].label}
    </span>
  );
}
