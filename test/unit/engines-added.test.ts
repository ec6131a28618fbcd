/** Engines admins add: the checks the server and the form share, stored rows back to engines, and how they join the configured ones. */
import { describe, expect, it } from "vitest";
import { addEngineCommand, removeEngineCommand } from "@/lib/commands/docker-cli";
import {
  addedEngine,
  checkNewEngine,
  composeEngines,
  describeOrigin,
  fixedEngineReason,
  newEngineSchema,
  takenNameReason,
  type StoredEngine,
} from "@/lib/engines/added";
import { environmentEngine, parseEndpoint, parseEngineList, type EngineConfig } from "@/lib/engines/config";

const row = (name: string, address: string, createdBy = "ada"): StoredEngine => ({ id: name.toLowerCase(), name, address, createdAt: "2026-01-02T03:04:05.000Z", createdBy });

function configured(list: string): EngineConfig[] {
  const parsed = parseEngineList(list);
  if (!parsed?.ok) throw new Error(`bad list ${list}`);
  return parsed.value;
}

describe("checkNewEngine", () => {
  it("accepts a name and each kind of address", () => {
    for (const address of ["unix:///run/other/docker.sock", "tcp://10.0.0.5:2375", "tcp://lab:2376?certs=/etc/cnmap/lab", "ssh://ops@edge1"]) {
      expect(checkNewEngine({ name: "Lab-2.b_c", address }), address).toEqual({});
    }
  });

  it("says what is wrong with each field, in parseEndpoint's words for the address", () => {
    expect(checkNewEngine({ name: "", address: "" })).toEqual({
      name: "a name is required",
      address: "an address is required: unix:///path/to/docker.sock, tcp://host:port or ssh://user@host",
    });
    expect(checkNewEngine({ name: "-lab", address: "unix:///x" }).name).toMatch(/"-lab" is not an engine name: letters, digits/);
    expect(checkNewEngine({ name: "a".repeat(64), address: "unix:///x" }).name).toMatch(/at most 63/);
    expect(checkNewEngine({ name: "has space", address: "unix:///x" }).name).toMatch(/is not an engine name/);
    const bad = parseEndpoint("ftp://x");
    expect(bad.ok).toBe(false);
    expect(checkNewEngine({ name: "lab", address: "ftp://x" }).address).toBe(bad.ok ? "" : bad.error);
    expect(checkNewEngine({ name: "lab", address: "tcp://10.0.0.5" }).address).toMatch(/needs a host and a port/);
    expect(checkNewEngine({ name: "lab", address: `unix:///${"x".repeat(1100)}` }).address).toBe("at most 1024 characters");
  });

  it("is the request schema: strict, trimmed, refused per field with the same words", () => {
    expect(newEngineSchema.parse({ name: " lab ", address: " tcp://10.0.0.5:2375 " })).toEqual({ name: "lab", address: "tcp://10.0.0.5:2375" });
    const refused = newEngineSchema.safeParse({ name: "bad name", address: "http://x" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["name", checkNewEngine({ name: "bad name", address: "" }).name],
      ["address", checkNewEngine({ name: "x", address: "http://x" }).address],
    ]);
    expect(newEngineSchema.safeParse({ name: "lab", address: "unix:///x", extra: 1 }).success).toBe(false);
    expect(newEngineSchema.safeParse({ name: "lab" }).success).toBe(false);
  });
});

describe("stored engines", () => {
  it("come back as engines added by their admin, the ID the name lower-cased", () => {
    expect(addedEngine(row("Lab", "tcp://10.0.0.5:2375"))).toEqual({
      ok: true,
      value: {
        id: "lab",
        name: "Lab",
        address: "tcp://10.0.0.5:2375",
        endpoint: { kind: "tcp", host: "10.0.0.5", port: 2375, tls: null },
        origin: { kind: "added", by: "ada", at: "2026-01-02T03:04:05.000Z" },
      },
    });
    expect(addedEngine(row("lab", "gopher://x"))).toMatchObject({ ok: false });
  });

  it("join after the configured engines, which keep their order and win an ID; unusable rows are skipped with why", () => {
    const { engines, skipped } = composeEngines(
      configured("main=unix:///var/run/docker.sock;Lab=tcp://10.0.0.5:2375"),
      [row("second", "unix:///run/cnmap-engine2/docker.sock"), row("LAB", "tcp://10.9.9.9:2375"), row("odd", "ftp://x"), row("tls", "tcp://h:2376?certs=/etc/gone")],
      (dir) => (dir === "/etc/gone" ? ["ca.pem", "key.pem"] : []),
    );
    expect(engines.map((e) => [e.id, e.origin.kind])).toEqual([
      ["main", "environment"],
      ["lab", "environment"],
      ["second", "added"],
    ]);
    expect(skipped).toEqual([
      "LAB: CNMAP_ENGINES names an engine lab too, and wins",
      'odd: "ftp://x": ftp:// is not an engine address (unix, tcp or ssh)',
      "tls: /etc/gone lacks ca.pem, key.pem (a TLS engine needs ca.pem, cert.pem and key.pem)",
    ]);
  });

  it("leave the environment's default engine first", () => {
    const { engines } = composeEngines([environmentEngine("unix:///var/run/docker.sock")], [row("second", "unix:///x.sock")]);
    expect(engines.map((e) => e.id)).toEqual(["local", "second"]);
  });
});

describe("where an engine comes from", () => {
  const lab = (origin: EngineConfig["origin"]) => ({ name: "lab", origin });

  it("is said in a few words", () => {
    expect(describeOrigin({ kind: "environment", variable: "CNMAP_ENGINES" })).toBe("CNMAP_ENGINES");
    expect(describeOrigin({ kind: "environment", variable: "DOCKER_HOST" })).toBe("DOCKER_HOST");
    expect(describeOrigin({ kind: "context" })).toBe("a Docker context");
    expect(describeOrigin({ kind: "added", by: "ada", at: "" })).toBe("added by ada");
  });

  it("decides whether the UI may remove it, and says where to change a configured one", () => {
    expect(fixedEngineReason(lab({ kind: "added", by: "ada", at: "" }))).toBeNull();
    expect(fixedEngineReason(lab({ kind: "environment", variable: "CNMAP_ENGINES" }))).toBe(
      "lab comes from CNMAP_ENGINES in the server's environment: change it there and restart cnmap.",
    );
    expect(fixedEngineReason(lab({ kind: "environment", variable: "DOCKER_HOST" }))).toMatch(/default engine, from DOCKER_HOST/);
    expect(fixedEngineReason(lab({ kind: "context" }))).toMatch(/Docker context \(CNMAP_DOCKER_CONTEXTS\): remove it with `docker context rm lab`/);
    expect(takenNameReason("LAB", lab({ kind: "context" }))).toBe(
      "An engine named lab exists already (a Docker context); engine names are compared without case, so choose another name than LAB.",
    );
  });
});

describe("the docker command of adding and removing an engine", () => {
  const cmd = (name: string, address: string): string => {
    const endpoint = parseEndpoint(address);
    if (!endpoint.ok) throw new Error(endpoint.error);
    return addEngineCommand(name, address, endpoint.value);
  };

  it("is the Docker context that reaches the same engine", () => {
    expect(cmd("lab", "unix:///run/cnmap-engine2/docker.sock")).toBe("docker context create lab --docker host=unix:///run/cnmap-engine2/docker.sock");
    expect(cmd("edge", "ssh://ops@edge1")).toBe("docker context create edge --docker host=ssh://ops@edge1");
    expect(cmd("lab", "tcp://10.0.0.5:2376?certs=/etc/cnmap/lab")).toBe(
      "docker context create lab --docker host=tcp://10.0.0.5:2376,ca=/etc/cnmap/lab/ca.pem,cert=/etc/cnmap/lab/cert.pem,key=/etc/cnmap/lab/key.pem",
    );
    expect(cmd("v6", "tcp://[fd00::5]:2375")).toBe("docker context create v6 --docker 'host=tcp://[fd00::5]:2375'");
    expect(removeEngineCommand("lab")).toBe("docker context rm lab");
  });
});
