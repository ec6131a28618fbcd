/**
 * The topology as a Mermaid flowchart, which GitHub renders in Markdown:
 * networks as hexagons, sandboxes as rounded boxes (every container in the
 * namespace), one edge per endpoint labelled with its address and aliases.
 * Pure.
 */
import { shortId, visibleAliases } from "../topology/describe";
import type { Endpoint, Network, Sandbox, Topology } from "../topology/types";

/** Mermaid node IDs: letters, digits and underscores only, never a keyword. */
const netNode = (n: Network): string => `net_${shortId(n.id)}`;
const sbxNode = (s: Sandbox): string => `sbx_${shortId(s.id)}`;

/**
 * Text inside a quoted Mermaid label: quotes and what Mermaid reads as
 * markup or directives (`%%{init}%%`, a leading backtick's Markdown string,
 * braces) become entities; a line break becomes a space.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[#"<>&%`{}]/g, (c) => `#${c.charCodeAt(0)};`);
}

function networkLabel(n: Network): string {
  const subnets = n.ipam.map((c) => c.subnet).join(", ");
  const flags = [n.internal && "internal", n.attachable && "attachable", n.ipv6 && "IPv6"].filter(Boolean).join(", ");
  return [mermaidText(n.name), mermaidText([n.driver, subnets].filter(Boolean).join(" · ")), flags && mermaidText(flags)].filter(Boolean).join("<br/>");
}

function sandboxLabel(s: Sandbox): string {
  const names = s.containers.map((c) => (c.state === "running" ? c.name : `${c.name} (${c.state || "unknown"})`));
  return names.map(mermaidText).join("<br/>");
}

function endpointLabel(e: Endpoint): string {
  const parts = [e.ipv4 || (e.active ? "" : "inactive"), e.ipv6, visibleAliases(e).join(", ")].filter(Boolean);
  return mermaidText(parts.join(" · "));
}

export function topologyToMermaid(t: Topology): string {
  const lines = ["graph LR"];
  for (const n of t.networks) lines.push(`  ${netNode(n)}{{"${networkLabel(n)}"}}`);
  for (const s of t.sandboxes) lines.push(`  ${sbxNode(s)}("${sandboxLabel(s)}")`);
  const networks = new Map(t.networks.map((n) => [n.id, n]));
  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  for (const e of t.endpoints) {
    const n = networks.get(e.networkId);
    const s = sandboxes.get(e.sandboxId);
    if (!n || !s) continue;
    const label = endpointLabel(e);
    const line = e.active ? "---" : "-.-";
    lines.push(label ? `  ${sbxNode(s)} ${line}|"${label}"| ${netNode(n)}` : `  ${sbxNode(s)} ${line} ${netNode(n)}`);
  }
  return `${lines.join("\n")}\n`;
}
