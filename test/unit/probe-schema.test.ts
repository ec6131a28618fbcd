import { describe, expect, it } from "vitest";
import { isProbeTarget, probeSchema } from "@/lib/api/schemas";

const ok = (body: unknown): boolean => probeSchema.safeParse(body).success;
const base = { from: "web", kind: "ping", target: "db" };

describe("probe targets", () => {
  it.each(["db", "DB", "web.example.test", "my_app-1", "a", "172.20.0.3", "fd00::2", "::1", "c950ea928934"])("accepts %s", (t) => {
    expect(isProbeTarget(t)).toBe(true);
  });

  it.each(["", "-c", "--help", "a;rm -rf /", "a b", "$(id)", "`id`", "a|b", "db:80", "fe80::1%eth0", "http://db/", "10.1", "123", "300.1.1.1", "x".repeat(254), "é"])(
    "refuses %j",
    (t) => {
      expect(isProbeTarget(t)).toBe(false);
    },
  );

  // inet_aton (busybox ping, nc, wget) reads each of these as an address: 10.231.0.3, 8.0.0.1, 10.0.0.1, ...
  it.each([
    "0xa.0xe7.0.3",
    "0XA.0XE7.0.3",
    "0xa.231.0.3",
    "0x0ae70003",
    "010.0.0.1",
    "10.0.0.01",
    "012.231.0.3",
    "10.1",
    "10.231.3",
    "167772161",
    "0",
    "0x",
    "0xdb", // 0.0.0.219, not a name
    "1.2.3.4.",
    "1.2.3.4.5",
    "09.1.1.1",
    " 10.231.0.3",
    "::ffff:0xa.0xe7.0.3",
    "::ffff:010.0.0.1",
    "[::1]",
  ])("refuses the numeric form %j, saying how to write an address", (t) => {
    expect(isProbeTarget(t)).toBe(false);
    const r = probeSchema.safeParse({ from: "web", kind: "ping", target: t });
    expect(r.success).toBe(false);
    const message = r.success ? "" : (r.error.issues[0]?.message ?? "");
    if (!t.includes(":") && t.trim() === t) expect(message).toMatch(/not an IPv4 address written in full: four decimal numbers 0-255 without leading zeros/);
  });

  it.each(["0.0.0.0", "10.231.0.3", "255.255.255.255", "::ffff:10.231.0.3", "FD00::2", "db.example", "1a.2b", "3f2a9c1b0d4e", "x10.1", "10.1x", "web.", "db.app-net"])(
    "takes %j by its syntax",
    (t) => {
      expect(isProbeTarget(t)).toBe(true);
    },
  );
});

describe("probeSchema", () => {
  it("accepts each kind with its options", () => {
    expect(ok(base)).toBe(true);
    expect(ok({ ...base, count: 5, timeoutSeconds: 10 })).toBe(true);
    expect(ok({ ...base, kind: "dns" })).toBe(true);
    expect(ok({ ...base, kind: "tcp", port: 5432 })).toBe(true);
    expect(ok({ ...base, kind: "http" })).toBe(true);
    expect(ok({ ...base, kind: "http", port: 8080, path: "/a/b-c_d.e~f%20" })).toBe(true);
  });

  it("refuses what does not belong to a kind", () => {
    expect(ok({ ...base, port: 80 })).toBe(false);
    expect(ok({ ...base, kind: "dns", port: 53 })).toBe(false);
    expect(ok({ ...base, kind: "tcp" })).toBe(false);
    expect(ok({ ...base, kind: "tcp", port: 1, count: 2 })).toBe(false);
    expect(ok({ ...base, path: "/" })).toBe(false);
  });

  it("refuses out-of-range numbers, bad paths, bad refs, unknown kinds and extra keys", () => {
    expect(ok({ ...base, count: 0 })).toBe(false);
    expect(ok({ ...base, count: 50 })).toBe(false);
    expect(ok({ ...base, count: 1.5 })).toBe(false);
    expect(ok({ ...base, timeoutSeconds: 11 })).toBe(false);
    expect(ok({ ...base, kind: "tcp", port: 0 })).toBe(false);
    expect(ok({ ...base, kind: "tcp", port: 65536 })).toBe(false);
    expect(ok({ ...base, kind: "tcp", port: "80" })).toBe(false);
    expect(ok({ ...base, kind: "http", path: "no-slash" })).toBe(false);
    expect(ok({ ...base, kind: "http", path: "/a?b=1" })).toBe(false);
    expect(ok({ ...base, kind: "http", path: "/a b" })).toBe(false);
    expect(ok({ ...base, kind: "http", path: "/" + "a".repeat(201) })).toBe(false);
    expect(ok({ ...base, from: "-x" })).toBe(false);
    expect(ok({ ...base, from: "a/b" })).toBe(false);
    expect(ok({ ...base, kind: "udp" })).toBe(false);
    expect(ok({ ...base, extra: 1 })).toBe(false);
    expect(ok({ kind: "ping", target: "db" })).toBe(false);
  });
});
