/**
 * checkProbeTarget: past the schema's syntax check, a probe's target is an
 * address, localhost (not for dns), or a name Docker's DNS answers for the
 * probing sandbox on one of its networks.
 */
import { describe, expect, it } from "vitest";
import { checkProbeTarget } from "@/lib/probe/targets";
import type { ProbeKind } from "@/lib/probe/types";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, snapshotOf } from "./helpers/fixtures";
import { sandboxOwnedBy } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));
const sid = (name: string): string => sandboxOwnedBy(local, name).id;
const check = (from: string, target: string, kind: ProbeKind = "ping"): string | null => checkProbeTarget(local, sid(from), kind, target);

describe("checkProbeTarget", () => {
  it.each([
    "fx-db", // a container name on fx-back
    "FX-DB", // Docker's DNS matches names case-insensitively
    "fx-db.", // and takes the root dot
    "api", // fx-web's own alias on fx-back
    "www.fx-front", // an alias, qualified by its network
    "fx-db.fx-back",
    "2c2cb7c890c9", // fx-db's short ID
    "fx-web", // its own name
  ])("from fx-web, takes the name %j Docker's DNS answers", (target) => {
    for (const kind of ["ping", "dns", "tcp", "http"] as const) expect(check("fx-web", target, kind), kind).toBeNull();
  });

  it.each(["172.18.0.3", "10.231.0.3", "127.0.0.1", "::1", "fd00::2", "::ffff:10.231.0.3"])("takes the address %s, for every kind", (target) => {
    for (const kind of ["ping", "dns", "tcp", "http"] as const) expect(check("fx-web", target, kind), kind).toBeNull();
    expect(check("fx-none", target)).toBeNull();
  });

  it("takes localhost (the container itself) for ping, tcp and http, not for dns", () => {
    for (const kind of ["ping", "tcp", "http"] as const) expect(check("fx-web", "localhost", kind), kind).toBeNull();
    expect(check("fx-default", "LOCALHOST")).toBeNull();
    expect(check("fx-web", "localhost", "dns")).toMatch(/^localhost is fx-web itself, in its \/etc\/hosts: nslookup asks the DNS servers/);
    expect(check("fx-web", "localhost", "dns")).toMatch(/such as fx-db/);
  });

  it("refuses a name no network of the sandbox resolves, saying so and listing names it does resolve", () => {
    const m = check("fx-web", "cnmap-probe.example") ?? "";
    expect(m).toMatch(/^cnmap-probe\.example is not a name fx-web resolves on its networks\. /);
    expect(m).toMatch(/A probe's target is a name Docker's DNS answers for fx-web \(such as [^)]*fx-db[^)]*\), localhost, or an IPv4 or IPv6 address\./);
    // Its own names are not offered as examples.
    expect(m).not.toMatch(/such as [^)]*\bwww\b/);
    expect(check("fx-web", "cnmap-probe.example", "dns")).not.toMatch(/localhost/);
  });

  it("refuses a container's name held on another network, and says why it does not resolve", () => {
    expect(check("fx-web", "fx-noicc-a")).toMatch(/^fx-noicc-a is not a name fx-web resolves on its networks \(fx-noicc-a is not on a network where fx-web can resolve it/);
    // Qualified by a network the name is not on.
    expect(check("fx-web", "fx-db.fx-front")).toMatch(/is not a name fx-web resolves/);
    // A container sharing another's namespace registers no name.
    expect(check("fx-db", "fx-sidecar")).toMatch(/fx-sidecar shares fx-web's network namespace/);
  });

  it("from the default bridge, no name resolves: says why and offers addresses", () => {
    const m = check("fx-default", "fx-db") ?? "";
    expect(m).toMatch(/^fx-db is not a name fx-default resolves on its networks \(fx-db does not resolve from fx-default: bridge is Docker's default bridge/);
    expect(m).toMatch(/fx-default resolves no container names; probe localhost or an IPv4 or IPv6 address \(such as \d+\.\d+\.\d+\.\d+/);
    const outside = check("fx-default", "example.com") ?? "";
    expect(outside).toMatch(/^example\.com is not a name fx-default resolves on its networks\. fx-default resolves no container names \(bridge is Docker's default bridge/);
  });

  it("with networking disabled, only addresses and localhost", () => {
    expect(check("fx-none", "fx-web")).toMatch(/fx-none resolves no container names/);
    expect(check("fx-none", "localhost")).toBeNull();
  });
});
