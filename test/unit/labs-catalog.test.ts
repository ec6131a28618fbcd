/** The labs' catalogue: complete, self-consistent, and only the allow-listed operations. */
import { describe, expect, it } from "vitest";
import { NAME_PATTERN } from "@/lib/api/schemas";
import { findLab, LAB_IDS, LABS } from "@/lib/labs/catalog";
import { IFNAME, objectName, VETH } from "@/lib/labs/names";
import type { LabOp, LabProbe, ProbeTarget } from "@/lib/labs/types";

const OPS = new Set(["network.create", "container.run", "network.connect", "parent.create", "service.create"]);

function targetObjects(t: ProbeTarget): { containers: string[]; networks: string[]; services?: string[] } {
  if ("container" in t) return { containers: [t.container], networks: [] };
  if ("taskOf" in t) return { containers: [], networks: "lab" in t.on ? [t.on.lab] : [], services: [t.taskOf] };
  if ("tasksOf" in t) return { containers: [], networks: [], services: [t.tasksOf] };
  if ("addressOf" in t) return { containers: [t.addressOf], networks: "lab" in t.on ? [t.on.lab] : [] };
  if ("gatewayOf" in t) return { containers: [], networks: [t.gatewayOf] };
  if ("parentAddressOf" in t) return { containers: [], networks: [t.parentAddressOf] };
  if ("publishedPortOf" in t) return { containers: [t.publishedPortOf], networks: [] };
  return { containers: [], networks: [] };
}

function probeObjects(p: LabProbe): { containers: string[]; networks: string[]; services: string[] } {
  if (p.probe === "host-http") return { containers: [p.container], networks: [], services: [] };
  if (p.probe === "overlay-network") return { containers: [], networks: [p.network], services: [] };
  if (p.probe === "task-node") return { containers: [], networks: [], services: [p.service] };
  const t = targetObjects(p.target);
  const onNet = p.answers && "lab" in p.answers.on ? [p.answers.on.lab] : [];
  const answers = !p.answers
    ? { containers: [], networks: [], services: [] }
    : "tasksOf" in p.answers
      ? { containers: [], networks: onNet, services: [p.answers.tasksOf] }
      : { containers: p.answers.containers, networks: onNet, services: [] };
  return {
    containers: [p.from, ...t.containers, ...answers.containers],
    networks: [...t.networks, ...answers.networks],
    services: [...(t.services ?? []), ...answers.services],
  };
}

describe("the catalogue", () => {
  it("holds the tutorial's scenarios a-h, the overlay (h) the only one that needs a swarm", () => {
    expect(LAB_IDS).toEqual(["dns", "isolation", "container-mode", "publish", "internal", "aliases", "macvlan", "overlay"]);
    expect(new Set(LAB_IDS).size).toBe(LAB_IDS.length);
    for (const lab of LABS) {
      // Only the overlay lab makes swarm objects or needs a swarm.
      if (lab.id !== "overlay") expect(JSON.stringify(lab)).not.toMatch(/overlay|swarm|service\.create|tasksOf|taskOf/i);
      expect(lab.needs.includes("swarm")).toBe(lab.id === "overlay");
      expect(lab.title.length).toBeGreaterThan(5);
      expect(lab.summary.length).toBeGreaterThan(20);
    }
    expect(findLab("dns")?.id).toBe("dns");
    expect(findLab("overlay")?.id).toBe("overlay");
  });

  for (const lab of LABS) {
    it(`${lab.id}: every step makes something, proves something, and refers only to what it or an earlier step made`, () => {
      const containers = new Set<string>();
      const networks = new Set<string>();
      const services = new Set<string>();
      const seen = new Set<string>();
      for (const [i, step] of lab.steps.entries()) {
        const where = `${lab.id} step ${i + 1}`;
        expect(step.ops.length, where).toBeGreaterThan(0);
        expect(step.probes.length, where).toBeGreaterThan(0);
        expect(step.explain.length, where).toBeGreaterThan(40);
        for (const op of step.ops as LabOp[]) {
          expect(OPS.has(op.op), where).toBe(true);
          // An operation appears once in a lab: a step's objects tell whether it ran.
          const key = JSON.stringify(op);
          expect(seen.has(key), `${where}: ${key} twice`).toBe(false);
          seen.add(key);
          if (op.op === "network.create") networks.add(op.network);
          if (op.op === "container.run") {
            if ("lab" in op.network) expect(networks.has(op.network.lab), `${where}: network ${op.network.lab}`).toBe(true);
            if ("container" in op.network) expect(containers.has(op.network.container), `${where}: container ${op.network.container}`).toBe(true);
            // A port is published on this machine's own addresses only, never on every interface.
            if (op.publish && op.publish.on !== "loopback") expect(networks.has(op.publish.on.gatewayOf), where).toBe(true);
            containers.add(op.container);
          }
          if (op.op === "network.connect") {
            expect(networks.has(op.network) && containers.has(op.container), where).toBe(true);
          }
          if (op.op === "parent.create") expect(lab.id).toBe("macvlan");
          if (op.op === "service.create") {
            // A service needs an overlay the lab made before it.
            expect(networks.has(op.network), `${where}: network ${op.network}`).toBe(true);
            services.add(op.service);
          }
        }
        for (const probe of step.probes) {
          expect(probe.proves.length, where).toBeGreaterThan(20);
          const refs = probeObjects(probe);
          for (const c of refs.containers) expect(containers.has(c), `${where}: probe names container ${c}`).toBe(true);
          for (const n of refs.networks) expect(networks.has(n), `${where}: probe names network ${n}`).toBe(true);
          for (const n of refs.services) expect(services.has(n), `${where}: probe names service ${n}`).toBe(true);
        }
      }
      for (const name of [...containers, ...networks, ...services]) expect(objectName(lab.id, name)).toMatch(NAME_PATTERN);
    });
  }

  it("states both sides of each lesson: something works and something does not", () => {
    for (const lab of LABS) {
      const expects = new Set(lab.steps.flatMap((s) => s.probes.map((p) => p.expect)));
      if (lab.id === "aliases" || lab.id === "publish" || lab.id === "overlay") expect(expects).toEqual(new Set(["works"]));
      else expect(expects, lab.id).toEqual(new Set(["works", "fails"]));
    }
  });

  it("names the veth pair within Linux's 15 characters, with the lab prefix", () => {
    expect(VETH.parent).toMatch(IFNAME);
    expect(VETH.peer).toMatch(IFNAME);
    expect(VETH.parent.startsWith("cnlab-")).toBe(true);
  });
});
