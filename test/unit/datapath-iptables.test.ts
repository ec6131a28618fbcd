import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  bridgeRules,
  dnatRules,
  forwardPolicy,
  masqueradeRules,
  parseIptablesSave,
  type BridgeRules,
  type DnatRule,
  type IptablesRule,
  type IptablesRuleset,
  type MasqueradeRule,
} from "@/lib/datapath/iptables";

/** Real iptables-save output, captured by test/fixtures/iptables/capture.sh (see the README there). */
function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/iptables/${name}`, import.meta.url)), "utf8");
}
const parsed = (name: string) => parseIptablesSave(fixture(name));

/** The rules of each table, as printed, without what differs by capture (line numbers, counters). */
function byTable(rs: IptablesRuleset): Record<string, Omit<IptablesRule, "line" | "counters">[]> {
  const out: Record<string, Omit<IptablesRule, "line" | "counters">[]> = {};
  for (const { line: _line, counters: _counters, ...rule } of rs.rules) (out[rule.table] ??= []).push(rule);
  return out;
}
const withoutCounters = <T extends { counters?: unknown }>(items: T[]): Omit<T, "counters">[] =>
  items.map(({ counters: _counters, ...rest }) => rest);

/** Docker 20.10's rule set for the four networks of docker-20.10.rules, on either backend. */
const DOCKER = ["nft-docker.txt", "legacy-docker.txt", "nft-docker-counters.txt", "legacy-docker-counters.txt", "nft-docker-legacy-warning.txt"];

const DNAT: Omit<DnatRule, "counters">[] = [
  {
    hostIp: "0.0.0.0",
    hostPort: 8080,
    protocol: "tcp",
    to: "172.17.0.2:80",
    toIp: "172.17.0.2",
    toPort: 80,
    inInterfaceNot: "docker0",
    rule: "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
  },
  {
    hostIp: "127.0.0.1",
    hostPort: 5353,
    protocol: "udp",
    to: "172.18.0.3:53",
    toIp: "172.18.0.3",
    toPort: 53,
    inInterfaceNot: "br-1a2b3c4d5e6f",
    rule: "-A DOCKER -d 127.0.0.1/32 ! -i br-1a2b3c4d5e6f -p udp -m udp --dport 5353 -j DNAT --to-destination 172.18.0.3:53",
  },
];

const MASQUERADE: Omit<MasqueradeRule, "counters">[] = [
  { source: "172.19.0.0/16", outInterfaceNot: "br-0f9e8d7c6b5a", target: "MASQUERADE", rule: "-A POSTROUTING -s 172.19.0.0/16 ! -o br-0f9e8d7c6b5a -j MASQUERADE" },
  { source: "172.18.0.0/16", outInterfaceNot: "br-1a2b3c4d5e6f", target: "MASQUERADE", rule: "-A POSTROUTING -s 172.18.0.0/16 ! -o br-1a2b3c4d5e6f -j MASQUERADE" },
  { source: "172.17.0.0/16", outInterfaceNot: "docker0", target: "MASQUERADE", rule: "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE" },
];

const BRIDGES: Record<string, BridgeRules> = {
  docker0: {
    device: "docker0",
    isolation: [
      "-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2",
      "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP",
    ],
    isolated: true,
    icc: "on",
    iccRule: "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
    outbound: true,
    outboundRule: "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
    internal: false,
  },
  "br-1a2b3c4d5e6f": {
    device: "br-1a2b3c4d5e6f",
    isolation: [
      "-A DOCKER-ISOLATION-STAGE-1 -i br-1a2b3c4d5e6f ! -o br-1a2b3c4d5e6f -j DOCKER-ISOLATION-STAGE-2",
      "-A DOCKER-ISOLATION-STAGE-2 -o br-1a2b3c4d5e6f -j DROP",
    ],
    isolated: true,
    icc: "on",
    iccRule: "-A FORWARD -i br-1a2b3c4d5e6f -o br-1a2b3c4d5e6f -j ACCEPT",
    outbound: true,
    outboundRule: "-A FORWARD -i br-1a2b3c4d5e6f ! -o br-1a2b3c4d5e6f -j ACCEPT",
    internal: false,
  },
  // enable_icc=false: Docker appends its DROP, so it sits after the trailing DOCKER-USER jump.
  "br-0f9e8d7c6b5a": {
    device: "br-0f9e8d7c6b5a",
    isolation: [
      "-A DOCKER-ISOLATION-STAGE-1 -i br-0f9e8d7c6b5a ! -o br-0f9e8d7c6b5a -j DOCKER-ISOLATION-STAGE-2",
      "-A DOCKER-ISOLATION-STAGE-2 -o br-0f9e8d7c6b5a -j DROP",
    ],
    isolated: true,
    icc: "off",
    iccRule: "-A FORWARD -i br-0f9e8d7c6b5a -o br-0f9e8d7c6b5a -j DROP",
    outbound: true,
    outboundRule: "-A FORWARD -i br-0f9e8d7c6b5a ! -o br-0f9e8d7c6b5a -j ACCEPT",
    internal: false,
  },
  // --internal: the stage-1 DROP pair instead of the isolation pair, and no way out.
  "br-aabbccddeeff": {
    device: "br-aabbccddeeff",
    isolation: [
      "-A DOCKER-ISOLATION-STAGE-1 ! -s 172.20.0.0/16 -o br-aabbccddeeff -j DROP",
      "-A DOCKER-ISOLATION-STAGE-1 ! -d 172.20.0.0/16 -i br-aabbccddeeff -j DROP",
    ],
    isolated: false,
    icc: "on",
    iccRule: "-A FORWARD -i br-aabbccddeeff -o br-aabbccddeeff -j ACCEPT",
    outbound: false,
    internal: true,
    internalSubnet: "172.20.0.0/16",
  },
};

const NOTHING = (device: string): BridgeRules => ({ device, isolation: [], isolated: false, icc: "unknown", outbound: false, internal: false });

describe("parsing iptables-save output", () => {
  it("reads the nf_tables backend's output: header, tables, policies, every rule", () => {
    const rs = parsed("nft-docker.txt");
    expect(rs.family).toBe("ipv4");
    expect(rs.backend).toBe("nf_tables");
    expect(rs.legacyTablesPresent).toBe(false);
    expect(rs.tables).toEqual(["filter", "nat"]);
    expect(rs.policies).toEqual({
      filter: { INPUT: "ACCEPT", FORWARD: "DROP", OUTPUT: "ACCEPT", DOCKER: "-", "DOCKER-ISOLATION-STAGE-1": "-", "DOCKER-ISOLATION-STAGE-2": "-", "DOCKER-USER": "-" },
      nat: { PREROUTING: "ACCEPT", INPUT: "ACCEPT", OUTPUT: "ACCEPT", POSTROUTING: "ACCEPT", DOCKER: "-" },
    });
    expect(rs.rules).toHaveLength(41);
    expect(rs.rules.filter((r) => r.table === "filter")).toHaveLength(29);
    expect(rs.ignored).toEqual([]);
    // Docker's restart quirk survives: DOCKER-USER is jumped to twice.
    expect(rs.rules.filter((r) => r.chain === "FORWARD" && r.text === "-A FORWARD -j DOCKER-USER").map((r) => r.line)).toEqual([10, 24]);
    expect(rs.rules.find((r) => r.table === "nat" && r.chain === "OUTPUT")).toEqual({
      table: "nat",
      chain: "OUTPUT",
      text: "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
      args: ["!", "-d", "127.0.0.0/8", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER"],
      options: [
        { name: "-d", negated: true, values: ["127.0.0.0/8"] },
        { name: "-m", negated: false, values: ["addrtype"] },
        { name: "--dst-type", negated: false, values: ["LOCAL"] },
        { name: "-j", negated: false, values: ["DOCKER"] },
      ],
      line: 49,
    });
  });

  it("reads the legacy backend's output, which names no backend and prints nat first", () => {
    const rs = parsed("legacy-docker.txt");
    expect([rs.family, rs.backend, rs.legacyTablesPresent]).toEqual(["ipv4", "legacy", false]);
    expect(rs.tables).toEqual(["nat", "filter"]);
    expect(rs.rules).toHaveLength(41);
    expect(rs.ignored).toEqual([]);
  });

  it("gets the same rules, chains and policies from both backends", () => {
    const nft = parsed("nft-docker.txt");
    for (const name of DOCKER.slice(1)) {
      const other = parsed(name);
      expect(byTable(other), name).toEqual(byTable(nft));
      expect(other.policies, name).toEqual(nft.policies);
    }
  });

  it("reads counters on rule lines and leaves them out of the rule's text", () => {
    for (const name of ["nft-docker-counters.txt", "legacy-docker-counters.txt"]) {
      const rs = parsed(name);
      expect(rs.rules.every((r) => r.counters !== undefined), name).toBe(true);
      const counted = rs.rules.filter((r) => r.counters?.packets !== 0).map((r) => [r.text, r.counters]);
      // The one connection made in the namespace: nat OUTPUT -> DOCKER -> DNAT.
      expect(counted, name).toEqual([
        ["-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER", { packets: 2, bytes: 120 }],
        ["-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", { packets: 2, bytes: 120 }],
      ]);
      expect(dnatRules(rs).map((d) => [d.hostPort, d.counters]), name).toEqual([[8080, { packets: 2, bytes: 120 }], [5353, { packets: 0, bytes: 0 }]]);
    }
    expect(parsed("nft-docker.txt").rules.some((r) => r.counters !== undefined)).toBe(false);
  });

  it("reads iptables-restore's -c form of counters, wherever it stands in the rule", () => {
    const rs = parseIptablesSave(["*filter", ":FORWARD DROP [7:420]", "-A FORWARD -c 12 345 -i docker0 -o docker0 -j ACCEPT", "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT -c 3 180", "COMMIT"].join("\n"));
    expect(rs.rules.map((r) => [r.text, r.args, r.counters])).toEqual([
      ["-A FORWARD -i docker0 -o docker0 -j ACCEPT", ["-i", "docker0", "-o", "docker0", "-j", "ACCEPT"], { packets: 12, bytes: 345 }],
      ["-A FORWARD -i docker0 ! -o docker0 -j ACCEPT", ["-i", "docker0", "!", "-o", "docker0", "-j", "ACCEPT"], { packets: 3, bytes: 180 }],
    ]);
    expect(rs.policies).toEqual({ filter: { FORWARD: "DROP" } });
    expect(bridgeRules(rs, "docker0")).toMatchObject({ icc: "on", outbound: true });
  });

  it("notices iptables-nft-save's warning that legacy tables hold more rules", () => {
    const rs = parsed("nft-docker-legacy-warning.txt");
    expect(rs.legacyTablesPresent).toBe(true);
    expect([rs.family, rs.backend]).toEqual(["ipv4", "nf_tables"]);
    expect(rs.ignored).toEqual([]);
    expect(rs.rules).toHaveLength(41);
  });

  it("removes quotes and escapes from quoted arguments, and keeps the text as printed", () => {
    for (const name of ["nft-comments.txt", "legacy-comments.txt"]) {
      const rs = parsed(name);
      expect(rs.ignored, name).toEqual([]);
      const user = rs.rules.filter((r) => r.chain === "DOCKER-USER");
      expect(user.map((r) => r.text), name).toEqual([
        '-A DOCKER-USER -s 10.9.0.0/24 -m comment --comment "allow the lab" -j RETURN',
        '-A DOCKER-USER -m comment --comment "say \\"hi\\" to it\\\'s back\\\\slash" -j RETURN',
        '-A DOCKER-USER -m comment --comment "-A FORWARD -j DROP" -j RETURN',
        "-A DOCKER-USER -m comment --comment -dashed -j RETURN",
        "-A DOCKER-USER -m comment --comment plain_word -j RETURN",
        "-A DOCKER-USER ! -i docker0 -p tcp -m conntrack ! --ctstate RELATED,ESTABLISHED -m tcp ! --dport 22 -j DROP",
        "-A DOCKER-USER -j RETURN",
      ]);
      expect(user[0]?.args).toEqual(["-s", "10.9.0.0/24", "-m", "comment", "--comment", "allow the lab", "-j", "RETURN"]);
      expect(user[1]?.args).toEqual(["-m", "comment", "--comment", "say \"hi\" to it's back\\slash", "-j", "RETURN"]);
      // Rule-like text in a comment is a value, not options.
      expect(user[2]?.options).toEqual([
        { name: "-m", negated: false, values: ["comment"] },
        { name: "--comment", negated: false, values: ["-A FORWARD -j DROP"] },
        { name: "-j", negated: false, values: ["RETURN"] },
      ]);
      // iptables-save leaves a comment of letters, digits, - and _ unquoted, even with a leading dash.
      expect(user[3]?.options[1]).toEqual({ name: "--comment", negated: false, values: ["-dashed"] });
    }
  });

  it("reads ! as negating the option after it, for addresses, interfaces and match options", () => {
    const rule = parsed("nft-comments.txt").rules.find((r) => r.text.includes("--ctstate"));
    expect(rule?.options).toEqual([
      { name: "-i", negated: true, values: ["docker0"] },
      { name: "-p", negated: false, values: ["tcp"] },
      { name: "-m", negated: false, values: ["conntrack"] },
      { name: "--ctstate", negated: true, values: ["RELATED,ESTABLISHED"] },
      { name: "-m", negated: false, values: ["tcp"] },
      { name: "--dport", negated: true, values: ["22"] },
      { name: "-j", negated: false, values: ["DROP"] },
    ]);
    // The old `-s ! x` spelling, which iptables-save no longer prints, means the same.
    const old = parseIptablesSave("*filter\n-A FORWARD -s ! 10.0.0.0/8 -j DROP\nCOMMIT\n").rules[0];
    expect(old?.options[0]).toEqual({ name: "-s", negated: true, values: ["10.0.0.0/8"] });
  });

  it("reads several tables and how each backend orders them", () => {
    const nft = parsed("nft-comments.txt");
    const legacy = parsed("legacy-comments.txt");
    expect(nft.tables).toEqual(["mangle", "raw", "filter", "nat"]);
    expect(legacy.tables).toEqual(["raw", "mangle", "nat", "filter"]);
    expect(byTable(legacy)).toEqual(byTable(nft));
    expect(nft.rules.filter((r) => r.table === "mangle" || r.table === "raw").map((r) => `${r.table} ${r.text}`)).toEqual([
      'mangle -A PREROUTING -i docker0 -m comment --comment "mark docker0" -j MARK --set-xmark 0x1/0xffffffff',
      "raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP",
    ]);
  });

  it("follows iptables-restore's quoting: empty quotes, a quote inside a word, tabs, an escaped backslash", () => {
    const rs = parseIptablesSave('*filter\n-A X -m comment --comment ""\t-j  RETURN\n-A X --log-prefix a"b c"d -j LOG\n-A X --comment "a\\\\" -j ACCEPT\nCOMMIT');
    expect(rs.rules.map((r) => r.args)).toEqual([
      ["-m", "comment", "--comment", "", "-j", "RETURN"],
      ["--log-prefix", "ab c", "d", "-j", "LOG"],
      ["--comment", "a\\", "-j", "ACCEPT"],
    ]);
    expect(rs.rules[0]?.text).toBe('-A X -m comment --comment ""\t-j  RETURN');
    // Quoted, "!" and "-x" are values, for options of unknown arity too.
    const quoted = parseIptablesSave('*filter\n-A X --foo "!" "-x" -j ACCEPT "!"\nCOMMIT').rules[0];
    expect(quoted?.options).toEqual([
      { name: "--foo", negated: false, values: ["!", "-x"] },
      { name: "-j", negated: false, values: ["ACCEPT"] },
      { name: "", negated: false, values: ["!"] },
    ]);
  });

  it("reads a comment with a line break, which iptables-save prints as it is", () => {
    for (const name of ["nft-multiline-comment.txt", "legacy-multiline-comment.txt"]) {
      const rs = parsed(name);
      expect(rs.ignored, name).toEqual([]);
      expect(rs.rules.map((r) => [r.line, r.text]), name).toEqual([
        [6, '-A FORWARD -i docker0 -o docker0 -m comment --comment "icc\non" -j ACCEPT'],
        [8, "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT"],
      ]);
      expect(rs.rules[0]?.args).toEqual(["-i", "docker0", "-o", "docker0", "-m", "comment", "--comment", "icc\non", "-j", "ACCEPT"]);
      expect(bridgeRules(rs, "docker0")).toMatchObject({ icc: "on", outbound: true });
    }
  });

  it("does not let a stray quote swallow the rules after it", () => {
    const rules = Array.from({ length: 20 }, (_, n) => `-A FORWARD -i br-${String(n).padStart(12, "0")} -j ACCEPT`);
    const rs = parseIptablesSave(["*filter", '-A FORWARD -m comment --comment "stray', ...rules, 'closing" -j DROP', "COMMIT"].join("\n"));
    expect(rs.rules.map((r) => r.text)).toEqual(rules);
    expect(rs.ignored).toEqual([{ line: 2, text: '-A FORWARD -m comment --comment "stray' }, { line: 23, text: 'closing" -j DROP' }]);
  });

  it("reads output with Windows line ends", () => {
    const rs = parseIptablesSave(fixture("nft-docker.txt").replace(/\n/g, "\r\n"));
    expect(byTable(rs)).toEqual(byTable(parsed("nft-docker.txt")));
    expect(rs.ignored).toEqual([]);
  });

  it("skips lines that are not iptables-save syntax, and lists them", () => {
    const text = [
      "-A FORWARD -j ACCEPT", // before any table
      "*filter",
      ":FORWARD DROP [0:0]",
      "garbage here",
      "-A", // no chain
      "-I FORWARD -j ACCEPT", // restore syntax, not save output
      '-A FORWARD -m comment --comment "never closed -j ACCEPT', // a quote never closed, to the end
      "-A FORWARD -i docker0 -o docker0 -j DROP",
      "COMMIT",
      "-A FORWARD -j ACCEPT", // after COMMIT
      "COMMIT",
      "* two words",
      "\u0000\u0001",
    ].join("\n");
    let rs: IptablesRuleset | undefined;
    expect(() => { rs = parseIptablesSave(text); }).not.toThrow();
    expect(rs?.ignored.map((l) => l.line)).toEqual([1, 4, 5, 6, 7, 10, 11, 12, 13]);
    expect(rs?.rules.map((r) => r.text)).toEqual(["-A FORWARD -i docker0 -o docker0 -j DROP"]);
    expect(rs && bridgeRules(rs, "docker0").icc).toBe("off");
    expect(rs && forwardPolicy(rs)).toBe("DROP");
  });

  it("returns an empty rule set for empty output (no table at all: neither backend prints anything)", () => {
    for (const name of ["nft-empty.txt", "legacy-empty.txt"]) {
      expect(fixture(name)).toBe("");
      expect(parsed(name)).toEqual({ family: null, backend: null, legacyTablesPresent: false, tables: [], policies: {}, rules: [], ignored: [] });
    }
  });
});

describe.each(DOCKER)("what Docker 20.10 wrote, from %s", (name) => {
  const rs = parsed(name);

  it("finds the published ports", () => {
    expect(withoutCounters(dnatRules(rs))).toEqual(DNAT);
  });

  it("finds each bridge's way out, without the per-port hairpin MASQUERADE rules", () => {
    expect(withoutCounters(masqueradeRules(rs))).toEqual(MASQUERADE);
  });

  it.each(Object.keys(BRIDGES))("reads isolation, ICC and outbound for %s", (device) => {
    expect(bridgeRules(rs, device)).toEqual(BRIDGES[device]);
  });

  it("knows nothing about a bridge Docker wrote no rules for", () => {
    expect(bridgeRules(rs, "br-000000000000")).toEqual(NOTHING("br-000000000000"));
    // A prefix of a device name is another device.
    expect(bridgeRules(rs, "docker")).toEqual(NOTHING("docker"));
  });

  it("reads the FORWARD policy", () => {
    expect(forwardPolicy(rs)).toBe("DROP");
  });
});

describe("the FORWARD policy", () => {
  it("is null without a filter table, on either backend", () => {
    for (const name of ["nft-nat-only.txt", "legacy-nat-only.txt"]) {
      const rs = parsed(name);
      expect(rs.tables).toEqual(["nat"]);
      expect(forwardPolicy(rs)).toBeNull();
      // The nat table alone still tells the way out.
      expect(masqueradeRules(rs)).toEqual([{ source: "172.17.0.0/16", outInterfaceNot: "docker0", target: "MASQUERADE", rule: "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE" }]);
      expect(bridgeRules(rs, "docker0")).toEqual(NOTHING("docker0"));
    }
  });

  it("is null when the filter table has no FORWARD chain line, ACCEPT when it says so", () => {
    expect(forwardPolicy(parseIptablesSave("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n"))).toBeNull();
    expect(forwardPolicy(parsed("nft-comments.txt"))).toBe("ACCEPT");
    expect(forwardPolicy(parsed("legacy-comments.txt"))).toBe("ACCEPT");
  });
});

describe("ip6tables-save output", () => {
  it.each(["nft-docker-ip6.txt", "legacy-docker-ip6.txt"])("parses %s but finds nothing of interest in it", (name) => {
    const rs = parsed(name);
    expect(rs.family).toBe("ipv6");
    expect(rs.ignored).toEqual([]);
    expect(rs.rules).toHaveLength(18);
    expect(rs.rules.find((r) => r.text.includes("DNAT"))?.text).toBe("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd00:dead:beef::2]:80");
    expect(dnatRules(rs)).toEqual([]);
    expect(masqueradeRules(rs)).toEqual([]);
    expect(bridgeRules(rs, "docker0")).toEqual(NOTHING("docker0"));
    expect(forwardPolicy(rs)).toBeNull();
  });

  it("is told apart by its addresses when the header comments were cut off", () => {
    const rs = parseIptablesSave(fixture("nft-docker-ip6.txt").split("\n").filter((l) => !l.startsWith("#")).join("\n"));
    expect([rs.family, rs.backend]).toEqual(["ipv6", null]);
    expect(dnatRules(rs)).toEqual([]);
    expect(bridgeRules(rs, "docker0")).toEqual(NOTHING("docker0"));
    const v4 = parseIptablesSave(fixture("legacy-docker.txt").split("\n").filter((l) => !l.startsWith("#")).join("\n"));
    expect([v4.family, v4.backend]).toEqual(["ipv4", null]);
    expect(withoutCounters(dnatRules(v4))).toEqual(DNAT);
  });

  it("is skipped when printed after iptables-save's output (both tools run into one file)", () => {
    const v4 = fixture("nft-docker.txt");
    const rs = parseIptablesSave(v4 + fixture("nft-docker-ip6.txt"));
    expect(rs.family).toBe("ipv4");
    expect(byTable(rs)).toEqual(byTable(parsed("nft-docker.txt")));
    expect(rs.policies.filter?.FORWARD).toBe("DROP");
    // Every non-comment line of the ip6tables part: tables, chains, rules, COMMITs.
    expect(rs.ignored).toHaveLength(fixture("nft-docker-ip6.txt").split("\n").filter((l) => l !== "" && !l.startsWith("#")).length);
    expect(withoutCounters(dnatRules(rs))).toEqual(DNAT);
    expect(bridgeRules(rs, "docker0")).toEqual(BRIDGES.docker0);
  });
});

describe("reading Docker's shapes strictly", () => {
  const nat = (...rules: string[]) => parseIptablesSave(["*nat", ":POSTROUTING ACCEPT [0:0]", ":DOCKER - [0:0]", ...rules, "COMMIT"].join("\n"));
  const filter = (...rules: string[]) => parseIptablesSave(["*filter", ":FORWARD DROP [0:0]", ...rules, "COMMIT"].join("\n"));

  it("takes a DNAT without ! -i (userland proxy off) and without -d", () => {
    expect(dnatRules(nat("-A DOCKER -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:8080"))).toEqual([
      { hostIp: "0.0.0.0", hostPort: 80, protocol: "tcp", to: "172.17.0.2:8080", toIp: "172.17.0.2", toPort: 8080, rule: "-A DOCKER -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:8080" },
    ]);
  });

  it("leaves out DNAT rules that mean something other than a published port", () => {
    expect(dnatRules(nat(
      "-A DOCKER ! -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 81 -j DNAT --to-destination 172.17.0.2:80", // negated host address
      "-A DOCKER -d 10.0.0.0/8 ! -i docker0 -p tcp -m tcp --dport 82 -j DNAT --to-destination 172.17.0.2:80", // a range, not a host address
      "-A DOCKER -i docker0 -p tcp -m tcp --dport 83 -j DNAT --to-destination 172.17.0.2:80", // only from the bridge
      "-A DOCKER -s 10.1.0.0/16 ! -i docker0 -p tcp -m tcp --dport 84 -j DNAT --to-destination 172.17.0.2:80", // only from some sources
      "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8000:8010 -j DNAT --to-destination 172.17.0.2:80", // a port range
      "-A DOCKER ! -i docker0 -p tcp -m tcp ! --dport 85 -j DNAT --to-destination 172.17.0.2:80", // every port but one
      "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 86 -j DNAT --to-destination 172.17.0.2", // no port
      "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 87 -j REDIRECT --to-ports 80", // not DNAT
    ))).toEqual([]);
    // DNAT outside the nat table's DOCKER chain is not Docker's.
    expect(dnatRules(parseIptablesSave("*nat\n-A PREROUTING -p tcp -m tcp --dport 88 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT"))).toEqual([]);
  });

  it("takes SNAT to a fixed address as a way out, and not hairpin or -o-limited rules", () => {
    expect(masqueradeRules(nat(
      "-A POSTROUTING -s 172.30.0.0/16 ! -o br-123456789abc -j SNAT --to-source 192.0.2.1",
      "-A POSTROUTING -m addrtype --src-type LOCAL -o docker0 -j MASQUERADE", // hairpin mode: from the host into the bridge
      "-A POSTROUTING -s 10.0.0.0/8 -o eth0 -j MASQUERADE",
      "-A POSTROUTING ! -s 10.0.0.0/8 ! -o docker0 -j MASQUERADE",
      "-A POSTROUTING -s 172.31.0.0/16 -j MASQUERADE",
      "-A POSTROUTING -s 172.29.0.0/16 -d 10.0.0.0/8 ! -o docker0 -j MASQUERADE", // only towards some destinations
    ))).toEqual([
      { source: "172.30.0.0/16", outInterfaceNot: "br-123456789abc", target: "SNAT", toSource: "192.0.2.1", rule: "-A POSTROUTING -s 172.30.0.0/16 ! -o br-123456789abc -j SNAT --to-source 192.0.2.1" },
      { source: "172.31.0.0/16", target: "MASQUERADE", rule: "-A POSTROUTING -s 172.31.0.0/16 -j MASQUERADE" },
    ]);
    const snat = masqueradeRules(parsed("legacy-comments.txt"));
    expect(snat).toEqual([{ source: "10.9.0.0/24", outInterfaceNot: "eth0", target: "SNAT", toSource: "192.0.2.10", rule: '-A POSTROUTING -s 10.9.0.0/24 ! -o eth0 -m comment --comment "lab out" -j SNAT --to-source 192.0.2.10' }]);
  });

  it("lets the first ICC rule in FORWARD decide, and ignores look-alikes with more matches", () => {
    expect(bridgeRules(filter(
      "-A FORWARD -i docker0 -o docker0 -p tcp -j ACCEPT",
      "-A FORWARD -i docker0 -o docker0 -j DROP",
      "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
    ), "docker0")).toMatchObject({ icc: "off", iccRule: "-A FORWARD -i docker0 -o docker0 -j DROP" });
    expect(bridgeRules(filter("-A FORWARD -i docker0 -o docker0 -j LOG"), "docker0").icc).toBe("unknown");
    // A comment changes nothing.
    expect(bridgeRules(filter('-A FORWARD -i docker0 -o docker0 -m comment --comment "icc" -j ACCEPT'), "docker0").icc).toBe("on");
    expect(bridgeRules(filter("-A FORWARD ! -i docker0 -o docker0 -j ACCEPT"), "docker0")).toMatchObject({ icc: "unknown", outbound: false });
  });

  it("calls a bridge internal only when both DROPs are there, for the same subnet", () => {
    const one = filter("-A DOCKER-ISOLATION-STAGE-1 ! -s 172.20.0.0/16 -o br-x -j DROP");
    expect(bridgeRules(one, "br-x")).toEqual({ ...NOTHING("br-x"), isolation: ["-A DOCKER-ISOLATION-STAGE-1 ! -s 172.20.0.0/16 -o br-x -j DROP"] });
    const mismatched = filter(
      "-A DOCKER-ISOLATION-STAGE-1 ! -s 172.20.0.0/16 -o br-x -j DROP",
      "-A DOCKER-ISOLATION-STAGE-1 ! -d 172.21.0.0/16 -i br-x -j DROP",
    );
    expect(bridgeRules(mismatched, "br-x").internal).toBe(false);
  });

  it("needs both halves of the isolation pair to call a bridge isolated", () => {
    const stage1Only = filter("-A DOCKER-ISOLATION-STAGE-1 -i br-x ! -o br-x -j DOCKER-ISOLATION-STAGE-2");
    expect(bridgeRules(stage1Only, "br-x")).toMatchObject({ isolated: false, isolation: ["-A DOCKER-ISOLATION-STAGE-1 -i br-x ! -o br-x -j DOCKER-ISOLATION-STAGE-2"] });
  });
});
