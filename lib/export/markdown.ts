/**
 * A Markdown report of what is shown: for each network its subnet, gateway
 * and containers with their addresses and aliases; the published ports; the
 * advisor's findings about what is shown. Pure (the time is passed in).
 */
import type { Finding } from "../insights/advisor";
import { sandboxName, visibleAliases } from "../topology/describe";
import type { Network, Sandbox, Topology } from "../topology/types";

/** Text in a table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ") || " ";
}

/** Text inside backticks, on one line: the fence is longer than any run of backticks inside. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}

/** Running text from the engine (names inside findings): on one line, with Markdown's markup characters taken literally. */
function inline(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

function networkSection(n: Network, t: Topology, sandboxes: Map<string, Sandbox>): string[] {
  const out = [`### ${cell(n.name)}`, ""];
  const facts = [`driver ${code(n.driver)}`, `scope ${n.scope}`];
  for (const c of n.ipam) facts.push(`subnet ${code(c.subnet)}${c.gateway ? `, gateway ${code(c.gateway)}` : ""}${c.ipRange ? `, range ${code(c.ipRange)}` : ""}`);
  if (n.ipam.length === 0) facts.push("no IPAM subnet");
  if (n.internal) facts.push("internal (no way out)");
  if (n.attachable) facts.push("attachable");
  if (n.predefined) facts.push("created by Docker");
  out.push(facts.join(" · "), "");
  const eps = t.endpoints.filter((e) => e.networkId === n.id);
  if (eps.length === 0) {
    out.push("No container.", "");
    return out;
  }
  out.push("| Container | State | IPv4 | IPv6 | MAC | Aliases |", "| --- | --- | --- | --- | --- | --- |");
  for (const e of eps) {
    const s = sandboxes.get(e.sandboxId);
    if (!s) continue;
    out.push(`| ${cell(sandboxName(s))}${s.containers.length > 1 ? ` (with ${cell(s.containers.slice(1).map((c) => c.name).join(", "))})` : ""} | ${cell(s.containers[0]?.state ?? "")} | ${cell(e.ipv4)} | ${cell(e.ipv6)} | ${cell(e.mac)} | ${cell(visibleAliases(e).join(", "))} |`);
  }
  out.push("");
  return out;
}

export interface ReportContext {
  /** When the report was made (ISO 8601). */
  at: string;
  /** The advisor's findings about the whole engine; the report keeps those about what is shown. */
  findings: readonly Finding[];
}

export function topologyToMarkdown(t: Topology, ctx: ReportContext): string {
  const sandboxes = new Map(t.sandboxes.map((s) => [s.id, s]));
  const shown = new Set([...t.networks.map((n) => n.id), ...t.sandboxes.map((s) => s.id)]);
  const out = [
    `# Docker networks on ${cell(t.engine.host)}`,
    "",
    `Docker ${t.engine.version} (API ${t.engine.apiVersion}), swarm ${t.engine.swarm}. ${t.networks.length} network${t.networks.length === 1 ? "" : "s"}, ${t.sandboxes.length} sandbox${t.sandboxes.length === 1 ? "" : "es"}, ${t.endpoints.length} endpoint${t.endpoints.length === 1 ? "" : "s"}. Made by cnmap at ${ctx.at}.`,
    "",
    "## Networks",
    "",
  ];
  for (const n of t.networks) out.push(...networkSection(n, t, sandboxes));

  out.push("## Published ports", "");
  const ports = t.sandboxes.flatMap((s) => s.ports.map((p) => ({ s, p })));
  if (ports.length === 0) out.push("None.", "");
  else {
    out.push("| Host address | Host port | Container | Container port | Protocol |", "| --- | --- | --- | --- | --- |");
    for (const { s, p } of ports) out.push(`| ${cell(p.hostIp)} | ${p.hostPort} | ${cell(sandboxName(s))} | ${p.containerPort} | ${cell(p.protocol)} |`);
    out.push("");
  }

  out.push("## Advisor findings", "");
  const findings = ctx.findings.filter((f) => f.objects.length === 0 || f.objects.some((o) => shown.has(o.id)));
  if (findings.length === 0) out.push("None.", "");
  for (const f of findings) {
    out.push(`- **${f.severity}**: ${inline(f.title)}`);
    out.push(`  - ${inline(f.why)}`);
    out.push(`  - Fix: ${code(f.fix)}`);
  }
  if (findings.length > 0) out.push("");
  return out.join("\n");
}
