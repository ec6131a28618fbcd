import { describe, expect, it } from "vitest";
import { connectSchema, createNetworkSchema, pruneSchema } from "@/lib/api/schemas";
import { cidrContainsCidr, cidrContainsIp, cidrsOverlap, parseCidr, parseIp } from "@/lib/net/cidr";
import { labelFilterMatches, untilCutoff } from "@/lib/topology/prune-filters";
import { canJoin } from "@/lib/topology/join-rules";
import { buildTopology } from "@/lib/topology/build";
import { connectCommand, createNetworkCommand, disconnectCommand, pruneNetworksCommand, shellQuote } from "@/lib/commands/docker-cli";
import type { Network, Sandbox } from "@/lib/topology/types";
import { loadFixture, must, snapshotOf } from "./helpers/fixtures";
import { networkNamed, sandboxOwnedBy } from "./helpers/topology";

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.map(String).join(".")}: ${i.message}`);
}

describe("CIDR math", () => {
  it("parses IPv4 and IPv6 ranges and rejects junk", () => {
    expect(parseCidr("172.20.0.0/16")?.family).toBe("ipv4");
    expect(parseCidr("fd00:cafe::/64")?.prefix).toBe(64);
    for (const bad of ["172.20.0.0", "172.20.0.0/33", "300.1.1.1/8", "1/8", "0x7f.1.1.1/8", "fd00::/129", "a.b.c.d/8", "10.0.0.0/-1"]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
    expect(parseIp("10.0.0.1")?.kind()).toBe("ipv4");
    expect(parseIp("127.1")).toBeNull(); // only dotted quads
  });
  it("answers containment and overlap within one family only", () => {
    const a = must(parseCidr("10.1.0.0/16"), "a");
    const b = must(parseCidr("10.1.2.0/24"), "b");
    const c = must(parseCidr("10.2.0.0/16"), "c");
    expect(cidrContainsCidr(a, b)).toBe(true);
    expect(cidrContainsCidr(b, a)).toBe(false);
    expect(cidrsOverlap(a, b) && cidrsOverlap(b, a)).toBe(true);
    expect(cidrsOverlap(a, c)).toBe(false);
    expect(cidrContainsIp(a, must(parseIp("10.1.255.255"), "ip"))).toBe(true);
    expect(cidrContainsIp(a, must(parseIp("fd00::1"), "ip6"))).toBe(false);
  });
});

describe("createNetworkSchema", () => {
  it("accepts a full, consistent request", () => {
    const r = createNetworkSchema.safeParse({
      name: "app_net-1.x",
      driver: "bridge",
      ipv6: true,
      ipam: [
        { subnet: "172.28.0.0/16", gateway: "172.28.0.1", ipRange: "172.28.5.0/24", auxAddresses: { host1: "172.28.1.5" } },
        { subnet: "fd00:28::/64", gateway: "fd00:28::1" },
      ],
      internal: true,
      attachable: true,
      labels: { team: "a" },
      options: { "com.docker.network.bridge.enable_icc": "false" },
    });
    expect(issues(r)).toEqual([]);
  });
  it("explains each inconsistency on its field", () => {
    const r = createNetworkSchema.safeParse({
      name: "n",
      ipam: [
        { subnet: "172.28.0.0/16", gateway: "10.0.0.1", ipRange: "172.29.0.0/24", auxAddresses: { h: "10.9.9.9" } },
        { subnet: "172.28.128.0/17" },
        { subnet: "fd00::/64" },
      ],
    });
    const out = issues(r);
    expect(out).toContain("ipam.0.gateway: gateway 10.0.0.1 is outside 172.28.0.0/16");
    expect(out).toContain("ipam.0.ipRange: IP range 172.29.0.0/24 is not inside 172.28.0.0/16");
    expect(out).toContain("ipam.0.auxAddresses.h: auxiliary address 10.9.9.9 is outside 172.28.0.0/16");
    expect(out).toContain("ipam.1.subnet: 172.28.128.0/17 overlaps 172.28.0.0/16");
    expect(out).toContain("ipam.2.subnet: an IPv6 subnet needs IPv6 enabled");
  });
  it("refuses unknown fields, bad names and bad CIDRs", () => {
    expect(issues(createNetworkSchema.safeParse({ name: "n", bogus: 1 })).join()).toMatch(/bogus/);
    expect(createNetworkSchema.safeParse({ name: "-lead" }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: "a b" }).success).toBe(false);
    expect(createNetworkSchema.safeParse({ name: "../x" }).success).toBe(false);
    expect(issues(createNetworkSchema.safeParse({ name: "n", ipam: [{ subnet: "10.0.0.0/40" }] })).join()).toMatch(/not a CIDR/);
    expect(createNetworkSchema.safeParse({ name: "n", ipv4: false }).success).toBe(false);
  });
});

describe("connectSchema and pruneSchema", () => {
  it("checks address families and aliases", () => {
    expect(connectSchema.safeParse({ container: "web", ipv4: "10.0.0.5", ipv6: "fd00::5", aliases: ["db"] }).success).toBe(true);
    expect(connectSchema.safeParse({ container: "web", ipv4: "fd00::5" }).success).toBe(false);
    expect(connectSchema.safeParse({ container: "web", aliases: ["no spaces"] }).success).toBe(false);
    expect(connectSchema.safeParse({ container: "web", force: true }).success).toBe(false);
  });
  it("accepts Docker's label and until forms", () => {
    expect(pruneSchema.safeParse({ labels: ["a", "a=b", "!a", "a!=b"], until: "24h" }).success).toBe(true);
    expect(pruneSchema.safeParse({ until: "1h30m" }).success).toBe(true);
    expect(pruneSchema.safeParse({ until: "2026-01-31T12:00:00Z" }).success).toBe(true);
    expect(pruneSchema.safeParse({ until: "1700000000" }).success).toBe(true);
    expect(pruneSchema.safeParse({ until: "yesterday" }).success).toBe(false);
    expect(pruneSchema.safeParse({ labels: ["a b"] }).success).toBe(false);
  });
});

describe("prune filters", () => {
  const labels = { team: "a", env: "" };
  it("matches label filters as docker network prune does", () => {
    expect(labelFilterMatches("team", labels)).toBe(true);
    expect(labelFilterMatches("team=a", labels)).toBe(true);
    expect(labelFilterMatches("team=b", labels)).toBe(false);
    expect(labelFilterMatches("env=", labels)).toBe(true);
    expect(labelFilterMatches("!team", labels)).toBe(false);
    expect(labelFilterMatches("!other", labels)).toBe(true);
    expect(labelFilterMatches("team!=a", labels)).toBe(false);
    expect(labelFilterMatches("team!=b", labels)).toBe(true);
  });
  it("reads until as a duration back from now, a time, or Unix seconds", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(untilCutoff("24h", now)?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    expect(untilCutoff("1h30m", now)?.toISOString()).toBe("2026-11-23T10:30:00.000Z");
    expect(untilCutoff("1700000000", now)?.getTime()).toBe(1_700_000_000_000);
    expect(untilCutoff("2026-01-31T12:00:00Z", now)?.toISOString()).toBe("2026-01-31T12:00:00.000Z");
    expect(untilCutoff("nonsense", now)).toBeNull();
  });
});

describe("canJoin on captured engine state", () => {
  const t = buildTopology(snapshotOf(loadFixture("swarm")));
  const net = (name: string): Network => networkNamed(t, name);
  const sbx = (owner: string): Sandbox => sandboxOwnedBy(t, owner);
  const reason = (s: Sandbox, n: Network): string => {
    const v = canJoin(s, n, t);
    return v.ok ? "ok" : v.reason;
  };
  it("allows a bridge container to join another user network", () => {
    expect(reason(sbx("fx-db"), net("fx-front"))).toBe("ok");
    expect(reason(sbx("fx-db"), net("fx-overlay"))).toBe("ok"); // attachable overlay
  });
  it("says why it refuses", () => {
    expect(reason(sbx("fx-db"), net("fx-back"))).toMatch(/already connected/);
    expect(reason(sbx("fx-db"), net("none"))).toMatch(/chosen when a container is created/);
    expect(reason(sbx("fx-db"), net("host"))).toMatch(/chosen when a container is created/);
    expect(reason(sbx("fx-host"), net("fx-front"))).toMatch(/host's network stack/);
    expect(reason(sbx("fx-none"), net("fx-front"))).toMatch(/networking disabled/);
    expect(reason(sbx("fx-db"), net("ingress"))).toMatch(/ingress/);
  });
});

describe("docker commands", () => {
  it("quotes only what needs quoting", () => {
    expect(shellQuote("web")).toBe("web");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
  });
  it("spells each action as the CLI would", () => {
    expect(
      createNetworkCommand({
        name: "app",
        driver: "bridge",
        ipam: [{ subnet: "172.28.0.0/16", gateway: "172.28.0.1", ipRange: "172.28.5.0/24", auxAddresses: { h: "172.28.1.5" } }],
        ipv6: true,
        internal: true,
        options: { "com.docker.network.driver.mtu": "1400" },
        labels: { team: "a b" },
      }),
    ).toBe(
      "docker network create --driver bridge --subnet 172.28.0.0/16 --gateway 172.28.0.1 --ip-range 172.28.5.0/24 --aux-address h=172.28.1.5 --ipv6 --internal --opt com.docker.network.driver.mtu=1400 --label 'team=a b' app",
    );
    expect(connectCommand("app", { container: "web", aliases: ["db"], ipv4: "172.28.5.9" })).toBe(
      "docker network connect --alias db --ip 172.28.5.9 app web",
    );
    expect(disconnectCommand("app", { container: "web", force: true })).toBe("docker network disconnect --force app web");
    expect(pruneNetworksCommand({ labels: ["team=a", "!tmp", "env!=prod"], until: "24h" })).toBe(
      "docker network prune --force --filter label=team=a --filter 'label!=tmp' --filter 'label!=env=prod' --filter until=24h", // '!' is quoted: bash history expansion
    );
  });
});

describe("address rules behind the connect checks", () => {
  it("finds the network and broadcast addresses of an IPv4 range", async () => {
    const { reservedIpv4 } = await import("@/lib/net/cidr");
    expect(reservedIpv4(must(parseCidr("10.1.2.0/24"), "c"))).toEqual({ network: "10.1.2.0", broadcast: "10.1.2.255" });
    expect(reservedIpv4(must(parseCidr("172.16.0.0/12"), "c"))).toEqual({ network: "172.16.0.0", broadcast: "172.31.255.255" });
    expect(reservedIpv4(must(parseCidr("fd00::/64"), "c"))).toBeNull();
  });
  it("tells network addresses from addresses with host bits, and link-local from the rest", async () => {
    const { hasNoHostBits, isLinkLocal } = await import("@/lib/net/cidr");
    expect(hasNoHostBits(must(parseCidr("10.99.0.0/24"), "c"))).toBe(true);
    expect(hasNoHostBits(must(parseCidr("10.99.0.5/24"), "c"))).toBe(false);
    expect(hasNoHostBits(must(parseCidr("fd00::/64"), "c"))).toBe(true);
    expect(hasNoHostBits(must(parseCidr("fd00::1/64"), "c"))).toBe(false);
    expect(isLinkLocal("169.254.3.4")).toBe(true);
    expect(isLinkLocal("fe80::1")).toBe(true);
    expect(isLinkLocal("8.8.8.8")).toBe(false);
  });
});
