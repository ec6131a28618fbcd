import { describe, expect, it } from "vitest";
import { agreement, expectProbe, sandboxesNamed } from "@/lib/probe/expect";
import { buildTopology } from "@/lib/topology/build";
import { loadFixture, snapshotOf } from "./helpers/fixtures";
import { endpoint, network, sandbox, sandboxOwnedBy, type Model } from "./helpers/topology";

const local = buildTopology(snapshotOf(loadFixture("local")));

const sid = (t: Model, name: string): string => sandboxOwnedBy(t, name).id;
const id = (name: string): string => sid(local, name);

describe("expectProbe on the captured engine", () => {
  it("a name on a shared user network: resolved, reachable", () => {
    const r = expectProbe(local, id("fx-web"), "ping", "fx-db");
    expect(r.resolvedTarget).toEqual({ sandboxId: id("fx-db"), container: "fx-db" });
    expect(r.expected).toEqual({ works: true, reason: "fx-web and fx-db share fx-back (fx-web 172.31.11.129 -> fx-db 172.31.11.130)" });
  });

  it("aliases and short IDs, in any case", () => {
    expect(expectProbe(local, id("fx-db"), "ping", "API").resolvedTarget?.container).toBe("fx-web");
    expect(expectProbe(local, id("fx-db"), "ping", id("fx-web").slice(0, 12)).resolvedTarget?.container).toBe("fx-web");
    expect(expectProbe(local, id("fx-db"), "dns", "Api").expected.works).toBe(true);
  });

  it("tcp and http say the listener is not in the configuration", () => {
    const r = expectProbe(local, id("fx-web"), "tcp", "fx-db");
    expect(r.expected.works).toBe(true);
    expect(r.expected.reason).toMatch(/whether anything listens on the port is not in the configuration$/);
  });

  it("dns: a name on a shared user network resolves; from the default bridge it does not", () => {
    expect(expectProbe(local, id("fx-web"), "dns", "fx-db").expected).toEqual({
      works: true,
      reason: "Docker's DNS resolves fx-db for fx-web on fx-back to 172.31.11.130",
    });
    const r = expectProbe(local, id("fx-default"), "dns", "fx-web");
    expect(r.resolvedTarget?.container).toBe("fx-web");
    expect(r.expected.works).toBe(false);
    expect(r.expected.reason).toMatch(/default bridge: there is no name resolution/);
  });

  it("a name on no shared network does not resolve, so ping by name cannot work", () => {
    const r = expectProbe(local, id("fx-db"), "ping", "fx-v6c");
    expect(r.resolvedTarget?.container).toBe("fx-v6c");
    expect(r.expected).toEqual({
      works: false,
      reason: "fx-v6c is not on a network where fx-db can resolve it: Docker's DNS answers only for containers on a user-defined network fx-db is on",
    });
  });

  it("a stopped container's name answers nothing", () => {
    const r = expectProbe(local, id("fx-web"), "dns", "fx-stopped");
    expect(r.expected.works).toBe(false);
    expect(r.expected.reason).toMatch(/fx-stopped is exited/);
  });

  it("a joiner's name is not registered", () => {
    const r = expectProbe(local, id("fx-db"), "dns", "fx-sidecar");
    expect(r.resolvedTarget?.container).toBe("fx-web");
    expect(r.expected.works).toBe(false);
    expect(r.expected.reason).toMatch(/Docker registers no DNS name/);
  });

  it("an address on a shared network works; one on a network the source is not on does not", () => {
    expect(expectProbe(local, id("fx-db"), "ping", "172.31.11.129").expected.works).toBe(true);
    const r = expectProbe(local, id("fx-db"), "ping", "172.31.10.2");
    expect(r.resolvedTarget?.container).toBe("fx-web");
    expect(r.expected.works).toBe(false);
    expect(r.expected.reason).toMatch(/^172\.31\.10\.2 is fx-web's address on fx-front, which does not carry traffic from fx-db/);
    // Across separate networks.
    expect(expectProbe(local, id("fx-default"), "ping", "172.31.11.130").expected.works).toBe(false);
    // IPv6, written differently.
    expect(expectProbe(local, id("fx-v6c"), "ping", "fd00:c0de:0::2").resolvedTarget?.container).toBe("fx-v6c");
  });

  it("loopback is the source itself", () => {
    expect(expectProbe(local, id("fx-web"), "ping", "localhost")).toMatchObject({ resolvedTarget: { container: "fx-web" }, expected: { works: true } });
    expect(expectProbe(local, id("fx-web"), "http", "127.0.0.1").expected.works).toBe(true);
  });

  it("outside the engine: cannot tell", () => {
    expect(expectProbe(local, id("fx-web"), "ping", "example.com")).toMatchObject({ resolvedTarget: null, expected: { works: null } });
    expect(expectProbe(local, id("fx-web"), "ping", "192.0.2.1")).toMatchObject({ resolvedTarget: null, expected: { works: null } });
    expect(expectProbe(local, id("fx-web"), "dns", "example.com").expected.works).toBeNull();
    expect(expectProbe(local, id("fx-web"), "dns", "172.31.11.130").expected.works).toBeNull();
  });

  it("networking disabled: known names do not work", () => {
    expect(expectProbe(local, id("fx-none"), "ping", "fx-web").expected.works).toBe(false);
  });

  it("sandboxesNamed finds names, aliases and IDs", () => {
    expect(sandboxesNamed(local, "WWW").map((s) => s.id)).toEqual([id("fx-web")]);
    expect(sandboxesNamed(local, "fx-sidecar2").map((s) => s.id)).toEqual([id("fx-web")]);
    expect(sandboxesNamed(local, "nothing")).toEqual([]);
  });
});

describe("expectProbe on hand-made cases", () => {
  it("a shared alias (round-robin) reaching only some holders cannot tell", () => {
    const a = network("a");
    const b = network("b", { options: { "com.docker.network.bridge.enable_icc": "false" } });
    const src = sandbox("src");
    const one = sandbox("one");
    const two = sandbox("two");
    const t: Model = {
      networks: [a, b],
      sandboxes: [src, one, two],
      endpoints: [endpoint(src, a, "10.0.0.2/24"), endpoint(src, b, "10.0.1.2/24"), endpoint(one, a, "10.0.0.3/24", ["svc"]), endpoint(two, b, "10.0.1.3/24", ["svc"])],
    };
    const r = expectProbe(t, src.id, "ping", "svc");
    expect(r.resolvedTarget).toBeNull();
    expect(r.expected.works).toBeNull();
    expect(r.expected.reason).toMatch(/round-robin/);
    expect(expectProbe(t, src.id, "dns", "svc").expected.works).toBe(true);
  });
});

describe("agreement", () => {
  it.each([
    ["success", true, true],
    ["success", false, false],
    ["failure", false, true],
    ["timeout", false, true],
    ["failure", true, false],
    ["success", null, null],
    ["tool-missing", true, null],
  ] as const)("%s vs works=%s: %s", (outcome, works, agrees) => {
    expect(agreement(outcome, works)).toBe(agrees);
  });

  it("a refused connection proves the path: it agrees with works=true, not with works=false", () => {
    expect(agreement("failure", true, true)).toBe(true);
    expect(agreement("failure", false, true)).toBe(false);
    expect(agreement("failure", null, true)).toBeNull();
  });
});
