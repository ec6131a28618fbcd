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
