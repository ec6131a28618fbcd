/** The exports' pure transforms, on the topology captured from a real engine (test/fixtures/engine/local.json). */
import { describe, expect, it } from "vitest";
import { topologyToMarkdown } from "@/lib/export/markdown";
import { mermaidText, topologyToMermaid } from "@/lib/export/mermaid";
import { filterTopology } from "@/lib/graph/filter";
import { adviseTopology } from "@/lib/insights/advisor";
import { exportFilename } from "@/lib/server/export";
import { buildTopology } from "@/lib/topology/build";
import type { Topology } from "@/lib/topology/types";
import { loadFixture, snapshotOf } from "./helpers/fixtures";

const t: Topology = {
  engine: { host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", swarm: "inactive" },
  ...buildTopology(snapshotOf(loadFixture("local"))),
};
const id = (name: string): string => (t.networks.find((n) => n.name === name)?.id ?? "").slice(0, 12);
const sbx = (owner: string): string => (t.sandboxes.find((s) => s.containers[0]?.name === owner)?.id ?? "").slice(0, 12);

describe("topologyToMermaid", () => {
  const text = topologyToMermaid(t);
  const lines = text.trimEnd().split("\n");

  it("is a flowchart with a node per network and per sandbox, and an edge per endpoint", () => {
    expect(lines[0]).toBe("graph LR");
    expect(lines.filter((l) => /^ {2}net_\w+\{\{/.test(l))).toHaveLength(t.networks.length);
    expect(lines.filter((l) => /^ {2}sbx_\w+\(/.test(l))).toHaveLength(t.sandboxes.length);
    expect(lines.filter((l) => / (---|-\.-)[ |]/.test(l))).toHaveLength(t.endpoints.length);
  });

  it("labels networks with driver, subnets and flags, sandboxes with every container, endpoints with addresses and aliases", () => {
    expect(lines).toContain(`  net_${id("fx-back")}{{"fx-back<br/>bridge · 172.31.11.0/24<br/>internal"}}`);
    expect(lines).toContain(`  net_${id("fx-v6")}{{"fx-v6<br/>bridge · 172.31.12.0/24, fd00:c0de::/64<br/>IPv6"}}`);
    expect(lines).toContain(`  sbx_${sbx("fx-web")}("fx-web<br/>fx-sidecar<br/>fx-sidecar2")`);
    expect(lines).toContain(`  sbx_${sbx("fx-web")} ---|"172.31.10.2/24 · web, www"| net_${id("fx-front")}`);
    // A stopped container's endpoint: dotted, and said so.
    expect(lines).toContain(`  sbx_${sbx("fx-stopped")} -.-|"inactive"| net_${id("fx-back")}`);
    expect(lines).toContain(`  sbx_${sbx("fx-stopped")}("fx-stopped (exited)")`);
    // Host mode has no address: a bare edge.
    expect(lines).toContain(`  sbx_${sbx("fx-host")} --- net_${id("host")}`);
  });

  it("escapes what Mermaid would read as markup or the end of a label", () => {
    expect(mermaidText('a "b" <c> & #d')).toBe("a #34;b#34; #60;c#62; #38; #35;d");
    // A directive, a Markdown string and a line break stay text.
    expect(mermaidText("%%{init: {'theme':'forest'}}%%")).toBe("#37;#37;#123;init: #123;'theme':'forest'#125;#125;#37;#37;");
    expect(mermaidText("`x`\ny")).toBe("#96;x#96; y");
    const odd: Topology = { ...t, networks: t.networks.map((n) => (n.name === "fx-front" ? { ...n, name: 'x"]; click' } : n)) };
    expect(topologyToMermaid(odd)).toContain(`{{"x#34;]; click<br/>bridge`);
  });

  it("follows a filter: only what is shown", () => {
    const shown = filterTopology(t, { networks: ["fx-front"], drivers: [], projects: [], states: [], hidePredefined: false });
    const m = topologyToMermaid(shown);
    expect(m).toContain(`net_${id("fx-front")}`);
    expect(m).not.toContain(`net_${id("fx-back")}{{`);
  });
});

describe("topologyToMarkdown", () => {
  const md = topologyToMarkdown(t, { at: "2026-11-26T12:00:00.000Z", findings: adviseTopology(t) });

  it("gives each network its subnet, gateway and containers with addresses and aliases", () => {
    expect(md).toContain("# Docker networks on unix:///var/run/docker.sock");
    expect(md).toContain("Docker 20.10.24 (API 1.41), swarm inactive. 7 networks, 10 sandboxes, 12 endpoints. Made by cnmap at 2026-11-26T12:00:00.000Z.");
    const front = md.slice(md.indexOf("### fx-front"), md.indexOf("###", md.indexOf("### fx-front") + 3));
    expect(front).toContain("driver `bridge` · scope local · subnet `172.31.10.0/24`, gateway `172.31.10.1`");
    expect(front).toMatch(/\| fx-web \(with fx-sidecar, fx-sidecar2\) \| running \| 172\.31\.10\.2\/24 \| {3}\| 02:42:[0-9a-f:]+ \| web, www \|/);
    expect(md).toContain("### none");
  });

  it("lists the published ports and the advisor's findings with their fixes", () => {
    expect(md).toMatch(/## Published ports\n\n\| Host address \| Host port \| Container \| Container port \| Protocol \|/);
    const ports = t.sandboxes.flatMap((s) => s.ports);
    expect(md.match(/^\| (0\.0\.0\.0|127\.0\.0\.1|::|\[::\]|[0-9a-f:.]+) \| \d+ \|/gm)).toHaveLength(ports.length);
    expect(md).toContain("## Advisor findings");
    expect(md).toContain("- **warning**: ");
    expect(md).toMatch(/ {2}- Fix: `docker network /);
  });

  it("keeps the findings about what is shown, and escapes table cells", () => {
    const shown = filterTopology(t, { networks: ["fx-v6"], drivers: [], projects: [], states: [], hidePredefined: false });
    const only = topologyToMarkdown(shown, { at: "x", findings: adviseTopology(t) });
    const findings = adviseTopology(t).filter((f) => f.objects.some((o) => shown.networks.some((n) => n.id === o.id) || shown.sandboxes.some((s) => s.id === o.id)));
    expect(only.match(/^- \*\*/gm)?.length ?? 0).toBe(findings.length);
    const piped: Topology = { ...shown, networks: shown.networks.map((n) => ({ ...n, name: "a|b" })) };
    expect(topologyToMarkdown(piped, { at: "x", findings: [] })).toContain("### a\\|b");
    // A finding's words are one line of text: no heading, no code span of their own.
    const odd = { id: "x", kind: "unused-network" as const, severity: "info" as const, title: "n\n\n## Injected `tick`", objects: [], why: "w *x*", fix: "docker network rm `a``b`" };
    const md = topologyToMarkdown(shown, { at: "x", findings: [odd] });
    expect(md).toContain("- **info**: n \\#\\# Injected \\`tick\\`");
    expect(md).not.toMatch(/^## Injected/m);
    expect(md).toContain("  - w \\*x\\*");
    expect(md).toContain("  - Fix: ``` docker network rm `a``b` ```");
  });
});

describe("exportFilename", () => {
  it("names the engine and the time, safe in a header and on any file system", () => {
    expect(exportFilename("local", new Date("2026-11-26T12:34:56.789Z"), "md")).toBe("cnmap-local-2026-11-26T123456Z.md");
    expect(exportFilename('we"ird/../x', new Date(0), "json")).toBe("cnmap-we_ird_.._x-1970-01-01T000000Z.json");
  });
});
