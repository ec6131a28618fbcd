import { describe, expect, it } from "vitest";
import { advise, type Finding, type FindingObject } from "@/lib/insights/advisor";
import { groupFindings, KIND_WHY, summarizeFindings, summaryCount, type FindingGroup } from "@/lib/insights/finding-groups";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, sandbox, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
/** The captured swarm manager as one of two nodes sees it: its overlays have two peers, so their traffic crosses between nodes. */
const captured = buildTopology(snapshotOf(loadFixture("swarm")));
const swarm = {
  ...captured,
  networks: captured.networks.map((n) => (n.driver === "overlay" ? { ...n, peers: [{ name: "vm", ip: "10.99.0.1" }, { name: "node2", ip: "10.99.0.2" }] } : n)),
};

function names(objects: readonly FindingObject[]): string[] {
  return objects.map((o) => `${o.kind}:${o.name}`);
}

function groupOf(groups: FindingGroup[], kind: Finding["kind"]): FindingGroup {
  return must(
    groups.find((g) => g.kind === kind),
    `group ${kind}`,
  );
}

/** A hand-made engine the size of the issue's: `containers` on the default bridge, `unused` networks nobody uses. */
function atScale(containers: number, unused: number): Model {
  const bridge = network("bridge", { id: "net-bridge", predefined: true });
  const sandboxes = Array.from({ length: containers }, (_, i) => sandbox(`c${String(i).padStart(4, "0")}`));
  const idle = Array.from({ length: unused }, (_, i) => network(`idle${String(i).padStart(3, "0")}`));
  return {
    networks: [bridge, ...idle],
    sandboxes,
    endpoints: sandboxes.map((s, i) => endpoint(s, bridge, `172.17.${Math.floor(i / 250)}.${(i % 250) + 2}/16`)),
  };
}

describe("groupFindings on the captured engines", () => {
  const local_ = advise(local);
  const swarm_ = advise(swarm);

  it("makes one group per kind, holding that kind's findings in the advisor's order", () => {
    const groups = groupFindings(swarm_);
    expect(groups.map((g) => g.kind)).toEqual([
      "default-bridge",
      "overlay-unencrypted",
      "published-all-interfaces",
      "no-ip-range",
      "stopped-endpoints",
      "unused-network",
    ]);
    for (const g of groups) expect(g.findings).toEqual(swarm_.filter((f) => f.kind === g.kind));
    expect(groups.flatMap((g) => g.findings).length).toBe(swarm_.length);
  });

  it("gives a group the severity of its most severe finding", () => {
    const overlay = groupOf(groupFindings(swarm_), "overlay-unencrypted");
    expect(overlay.findings.map((f) => f.severity)).toEqual(["warning", "info"]);
    expect(overlay.severity).toBe("warning");
    expect(groupOf(groupFindings(swarm_), "unused-network").severity).toBe("info");
  });

  it("lists the containers a group is about first, each once, then the networks involved, each once", () => {
    const groups = groupFindings(local_);
    const bridge = groupOf(groups, "default-bridge");
    expect(names(bridge.subjects)).toEqual(["sandbox:fx-default", "sandbox:fx-stopped-default"]);
    expect(names(bridge.related)).toEqual(["network:bridge"]);
    const stopped = groupOf(groups, "stopped-endpoints");
    expect(names(stopped.subjects)).toEqual(["sandbox:fx-created", "sandbox:fx-stopped", "sandbox:fx-stopped-default"]);
    expect(names(stopped.related)).toEqual(["network:fx-front", "network:fx-back", "network:bridge"]);
  });

  it("titles a group of several with its count, and explains the kind once without naming one object", () => {
    const bridge = groupOf(groupFindings(local_), "default-bridge");
    expect(bridge.title).toBe("2 containers are on the default bridge");
    expect(bridge.why).toBe(KIND_WHY["default-bridge"]);
    expect(bridge.why).not.toMatch(/fx-/);
    expect(groupOf(groupFindings(local_), "stopped-endpoints").title).toBe("3 containers that are not running still hold endpoints");
  });

  it("keeps a lone finding's own title and explanation", () => {
    const unused = groupOf(groupFindings(swarm_), "unused-network");
    const only = must(unused.findings[0], "the unused finding");
    expect(unused.findings).toHaveLength(1);
    expect(unused.title).toBe(only.title);
    expect(unused.why).toBe(only.why);
    expect(unused.fixAll).toBeNull();
  });

  it("offers no command for all where each finding's fix is its own", () => {
    for (const g of groupFindings(local_)) expect(g.fixAll).toBeNull();
  });
});

describe("groupFindings on hand-made findings", () => {
  it("puts errors first whatever their number, then the larger groups", () => {
    const a = network("a", { ipam: [{ subnet: "10.9.0.0/16" }] });
    const b = network("b", { ipam: [{ subnet: "10.9.1.0/24" }] });
    const t = atScale(5, 3);
    const groups = groupFindings(advise({ ...t, networks: [...t.networks, a, b] }));
    expect(groups.map((g) => [g.kind, g.severity, g.findings.length])).toEqual([
      ["subnet-overlap", "error", 1],
      ["default-bridge", "warning", 5],
      ["unused-network", "info", 5],
    ]);
  });

  it("orders groups of one severity by size, largest first", () => {
    const t = atScale(2, 7);
    const groups = groupFindings(advise(t));
    expect(groups.map((g) => g.kind)).toEqual(["default-bridge", "unused-network"]);
    const moreBridge = groupFindings(advise(atScale(9, 1)));
    expect(moreBridge.map((g) => g.kind)).toEqual(["default-bridge", "unused-network"]);
    // Same severity: a hand-made list where the info kind that came second is larger.
    const f = (kind: Finding["kind"], i: number): Finding => ({
      id: `${kind}:${i}`,
      kind,
      severity: "info",
      title: "",
      objects: [{ kind: "sandbox", id: `${kind}${i}`, name: `${kind}${i}` }],
      why: "",
      fix: "",
    });
    const list = [f("many-networks", 1), f("stopped-endpoints", 1), f("stopped-endpoints", 2)];
    expect(groupFindings(list).map((g) => g.kind)).toEqual(["stopped-endpoints", "many-networks"]);
  });

  it("reads at the issue's scale: 1,000 containers on the default bridge and 100 unused networks make two groups", () => {
    const findings = advise(atScale(1000, 100));
    expect(findings).toHaveLength(1100);
    const groups = groupFindings(findings);
    expect(groups).toHaveLength(2);
    const [bridge, unused] = groups;
    expect(bridge?.title).toBe("1000 containers are on the default bridge");
    expect(bridge?.subjects).toHaveLength(1000);
    expect(new Set(bridge?.subjects.map((o) => o.id)).size).toBe(1000);
    expect(names(bridge?.related ?? [])).toEqual(["network:bridge"]);
    expect(unused?.title).toBe("100 networks are not used by any container");
    expect(unused?.subjects.map((o) => o.name)).toEqual(Array.from({ length: 100 }, (_, i) => `idle${String(i).padStart(3, "0")}`));
    expect(unused?.related).toEqual([]);
  });

  it("removes all unused networks with one docker network rm, names quoted where they need it", () => {
    const t: Model = { networks: [network("old-a"), network("old b"), network("it's")], sandboxes: [], endpoints: [] };
    const unused = groupOf(groupFindings(advise(t)), "unused-network");
    expect(unused.fixAll).toBe("docker network rm old-a 'old b' 'it'\\''s'");
    // The same networks the findings' own fixes remove, one by one.
    expect(unused.findings.map((f) => f.fix)).toEqual(["docker network rm old-a", "docker network rm 'old b'", "docker network rm 'it'\\''s'"]);
  });

  it("lists a network once when it is the subject of one pair and the other side of another", () => {
    const a = network("a", { id: "net-1", ipam: [{ subnet: "10.9.0.0/16" }] });
    const b = network("b", { id: "net-2", ipam: [{ subnet: "10.9.1.0/24" }] });
    // c lies in b, which lies in a: three pairs, and b is the first of (b, c) and the second of (a, b).
    const c = network("c", { id: "net-3", ipam: [{ subnet: "10.9.1.128/25" }] });
    const overlap = groupOf(groupFindings(advise({ networks: [a, b, c], sandboxes: [], endpoints: [] })), "subnet-overlap");
    expect(overlap.findings.map((f) => f.objects.map((o) => o.id))).toEqual([
      ["net-1", "net-2"],
      ["net-1", "net-3"],
      ["net-2", "net-3"],
    ]);
    expect(overlap.title).toBe("3 pairs of networks have overlapping subnets");
    expect(overlap.subjects.map((o) => o.id)).toEqual(["net-1", "net-2"]);
    expect(overlap.related.map((o) => o.id)).toEqual(["net-3"]);
  });

  it("makes no group of nothing", () => {
    expect(groupFindings([])).toEqual([]);
  });
});

describe("summarizeFindings and the badge count", () => {
  it("counts findings, kinds and each severity", () => {
    const s = summarizeFindings(advise(swarm));
    expect(s).toEqual({ total: 11, kinds: 6, bySeverity: { error: 0, warning: 6, info: 5 } });
    expect(summaryCount(s)).toBe("6 kinds · 11");
  });

  it("says the issue's 902 findings as a few kinds", () => {
    const s = summarizeFindings(advise(atScale(802, 100)));
    expect(s.total).toBe(902);
    expect(summaryCount(s)).toBe("2 kinds · 902");
  });

  it("says one kind in the singular, and nothing as 0", () => {
    expect(summaryCount(summarizeFindings(advise(atScale(1, 0))))).toBe("1 kind · 1");
    expect(summaryCount(summarizeFindings([]))).toBe("0");
  });
});
