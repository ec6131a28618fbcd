/** What the engines dialog says of each engine, and under which field a refusal of the add form goes. */
import { describe, expect, it } from "vitest";
import { engineOriginText, engineStatusText, refusalField } from "@/lib/engines/form";
import type { EngineSummary } from "@/lib/engines/types";

const base: EngineSummary = { id: "lab", name: "lab", address: "tcp://10.0.0.5:2375", connected: true, origin: { kind: "added", by: "ada", at: "2026-03-04T05:06:07.000Z" } };

describe("the engines dialog's words", () => {
  it("says how an engine answers, or why it does not", () => {
    expect(engineStatusText({ ...base, version: "20.10.24", swarm: "inactive" })).toBe("Docker 20.10.24, swarm inactive");
    expect(engineStatusText(base)).toBe("connected");
    expect(engineStatusText({ ...base, version: "20.10.24", swarm: "active", logging: { driver: "json-file", debug: false } })).toBe("Docker 20.10.24, swarm active, logging json-file, debug off");
    expect(engineStatusText({ ...base, logging: { driver: "", debug: true } })).toBe("logging unknown, debug on");
    expect(engineStatusText({ ...base, connected: false, reason: "Cannot reach the Docker engine at x (no such socket)." })).toBe("down: Cannot reach the Docker engine at x (no such socket).");
    expect(engineStatusText({ ...base, connected: false })).toBe("down: it does not answer");
  });

  it("says where it comes from, with the day it was added", () => {
    expect(engineOriginText(base)).toBe("added by ada on 2026-03-04");
    expect(engineOriginText({ ...base, origin: { kind: "added", by: "ada", at: "" } })).toBe("added by ada");
    expect(engineOriginText({ ...base, origin: { kind: "environment", variable: "CNMAP_ENGINES" } })).toBe("environment (CNMAP_ENGINES)");
    expect(engineOriginText({ ...base, origin: { kind: "environment", variable: "DOCKER_HOST" } })).toBe("environment (DOCKER_HOST)");
    expect(engineOriginText({ ...base, origin: { kind: "context" } })).toBe("Docker context");
  });
});

describe("a refusal of the add form", () => {
  const fine = { name: "lab", address: "tcp://10.0.0.5:2376?certs=/etc/lab" };
  it("goes under the name when the name is taken or wrong, under the address for what only the server checks, else above", () => {
    expect(refusalField(409, fine)).toBe("name");
    expect(refusalField(400, fine)).toBe("address");
    expect(refusalField(400, { ...fine, name: "bad name" })).toBe("name");
    expect(refusalField(403, fine)).toBeNull();
    expect(refusalField(401, fine)).toBeNull();
  });
});
