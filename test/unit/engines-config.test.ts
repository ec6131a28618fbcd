import { describe, expect, it } from "vitest";
import { readConfig } from "@/lib/config";
import { contextEngines, parseEndpoint, parseEngineList } from "@/lib/engines/config";

describe("parseEndpoint", () => {
  it("reads unix, tcp (plain, TLS by port 2376 or a certificate folder) and ssh addresses", () => {
    expect(parseEndpoint("unix:///var/run/docker.sock")).toEqual({ ok: true, value: { kind: "unix", socketPath: "/var/run/docker.sock" } });
    expect(parseEndpoint("tcp://10.0.0.5:2375")).toEqual({ ok: true, value: { kind: "tcp", host: "10.0.0.5", port: 2375, tls: null } });
    expect(parseEndpoint("tcp://lab.example:2376")).toEqual({ ok: true, value: { kind: "tcp", host: "lab.example", port: 2376, tls: { certDir: null } } });
    expect(parseEndpoint("tcp://10.0.0.5:2376?certs=/etc/cnmap/lab")).toEqual({
      ok: true,
      value: { kind: "tcp", host: "10.0.0.5", port: 2376, tls: { certDir: "/etc/cnmap/lab" } },
    });
    expect(parseEndpoint("ssh://ops@lab:2222")).toEqual({ ok: true, value: { kind: "ssh", host: "lab", port: 2222, username: "ops" } });
    expect(parseEndpoint("ssh://lab")).toEqual({ ok: true, value: { kind: "ssh", host: "lab", port: 22 } });
  });

  it("refuses what it cannot use, saying why", () => {
    const errors: [string, RegExp][] = [
      ["ftp://x", /ftp:\/\/ is not an engine address/],
      ["tcp://10.0.0.5", /needs a host and a port/],
      ["tcp://10.0.0.5:2376?certs=relative", /absolute folder/],
      ["unix:///s.sock?certs=/x", /only option is \?certs=DIR, on a tcp/],
      ["tcp://h:1?verify=0", /only option/],
      ["not an address", /is not an address/],
    ];
    for (const [address, message] of errors) {
      const r = parseEndpoint(address);
      expect(r.ok, address).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
});

describe("CNMAP_ENGINES", () => {
  it("is name=address pairs separated by ';', the first the default, IDs lower-cased", () => {
    const fromList = { kind: "environment", variable: "CNMAP_ENGINES" };
    const r = parseEngineList(" Local=unix:///var/run/docker.sock ; lab=tcp://10.0.0.5:2376 ;");
    expect(r).toEqual({
      ok: true,
      value: [
        { id: "local", name: "Local", address: "unix:///var/run/docker.sock", endpoint: { kind: "unix", socketPath: "/var/run/docker.sock" }, origin: fromList },
        { id: "lab", name: "lab", address: "tcp://10.0.0.5:2376", endpoint: { kind: "tcp", host: "10.0.0.5", port: 2376, tls: { certDir: null } }, origin: fromList },
      ],
    });
    expect(parseEngineList(undefined)).toBeNull();
    expect(parseEngineList("  ")).toBeNull();
  });

  it("refuses bad names, twice-named engines, bad addresses and an empty list", () => {
    expect(parseEngineList("lab")).toMatchObject({ ok: false, error: 'CNMAP_ENGINES: "lab" is not name=address' });
    expect(parseEngineList("a b=unix:///x")).toMatchObject({ ok: false });
    expect(parseEngineList("lab=unix:///a;LAB=unix:///b")).toMatchObject({ ok: false, error: 'CNMAP_ENGINES: "LAB" is named twice' });
    expect(parseEngineList("lab=ftp://x")).toMatchObject({ ok: false });
    expect(parseEngineList(";;")).toMatchObject({ ok: false, error: "CNMAP_ENGINES is set but names no engine" });
  });

  it("stops the configuration with the message, and checks a TLS folder's files", () => {
    expect(() => readConfig({ CNMAP_ENGINES: "lab" })).toThrow(/CNMAP_ENGINES: "lab" is not name=address/);
    const files = { dockerContexts: () => [], missingCertFiles: () => ["key.pem"] };
    expect(() => readConfig({ CNMAP_ENGINES: "lab=tcp://h:2376?certs=/etc/lab" }, files)).toThrow("Engine lab: /etc/lab lacks key.pem");
  });
});

describe("Docker contexts", () => {
  const ctx = (name: unknown, host: unknown, tlsDir: string | null = null) => ({ meta: { Name: name, Endpoints: { docker: { Host: host } } }, tlsDir });

  it("adds one engine per usable context, with its TLS folder, skipping taken names and odd ones with a reason", () => {
    const { engines, skipped } = contextEngines(
      [ctx("lab", "tcp://10.0.0.5:2376", "/root/.docker/contexts/tls/abc/docker"), ctx("local", "unix:///x.sock"), ctx("", "unix:///y"), ctx("odd", 5), ctx("remote", "ssh://me@box")],
      ["local"],
    );
    expect(engines).toEqual([
      { id: "lab", name: "lab", address: "tcp://10.0.0.5:2376", endpoint: { kind: "tcp", host: "10.0.0.5", port: 2376, tls: { certDir: "/root/.docker/contexts/tls/abc/docker" } }, origin: { kind: "context" } },
      { id: "remote", name: "remote", address: "ssh://me@box", endpoint: { kind: "ssh", host: "box", port: 22, username: "me" }, origin: { kind: "context" } },
    ]);
    expect(skipped).toEqual(["local: an engine of that name exists already", "(unnamed): no usable name or docker endpoint", "odd: no usable name or docker endpoint"]);
  });

  it("are read only with CNMAP_DOCKER_CONTEXTS on", () => {
    const files = { dockerContexts: () => [ctx("lab", "tcp://10.0.0.5:2375")], missingCertFiles: () => [] };
    expect(readConfig({}, files).engines.map((e) => e.id)).toEqual(["local"]);
    expect(readConfig({ CNMAP_DOCKER_CONTEXTS: "1" }, files).engines.map((e) => e.id)).toEqual(["local", "lab"]);
  });
});
