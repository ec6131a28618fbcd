/**
 * A lab probe's target as an address or a name, and its verdict. Pure.
 *
 * Targets are lab containers, aliases, gateways and the host's address on a
 * parent: all on this machine, never a name outside resolvers would be asked
 * about. DNS probes ask Docker's embedded server (127.0.0.11) by name, so a
 * container without it (the default bridge) gets no answer rather than a
 * question sent to the host's resolvers.
 */
import type { ProbeOutcome } from "../probe/types";
import { objectName, networkName } from "./names";
import type { Expect, LabId, LabProbe, ProbeTarget, Verdict } from "./types";
import { addressOn, containerNamed, networkNamed, type LabWorld } from "./world";

/** Docker's embedded DNS server, inside every container on a user-defined network. */
export const EMBEDDED_DNS = "127.0.0.11";

/** How long each lab probe's tool may take, in seconds. */
export const LAB_PROBE_TIMEOUT_SECONDS = 2;

/** The address or name to ask, and the port when the target names one (a published port). */
export type Resolved = { ok: true; target: string; port?: number } | { ok: false; reason: string };

/** The address or name a probe asks for, read from the engine's and the host's state. */
export function resolveTarget(lab: LabId, target: ProbeTarget, world: LabWorld): Resolved {
  if ("localhost" in target) return { ok: true, target: "127.0.0.1" };
  if ("container" in target) return { ok: true, target: objectName(lab, target.container) };
  if ("alias" in target) return { ok: true, target: target.alias };
  if ("addressOf" in target) {
    const container = objectName(lab, target.addressOf);
    const network = networkName(lab, target.on);
    const ip = addressOn(world, container, network);
    return ip ? { ok: true, target: ip } : { ok: false, reason: `${container} has no address on ${network}` };
  }
  if ("gatewayOf" in target) {
    const name = objectName(lab, target.gatewayOf);
    const gateway = networkNamed(world, name)?.IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
    return gateway ? { ok: true, target: gateway } : { ok: false, reason: `network ${name} has no gateway` };
  }
  if ("publishedPortOf" in target) {
    const container = objectName(lab, target.publishedPortOf);
    const binding = publishedBinding(lab, world, target.publishedPortOf, target.port);
    return binding ? { ok: true, target: binding.hostIp, port: binding.hostPort } : { ok: false, reason: `${container} has no port ${target.port} published` };
  }
  const name = objectName(lab, target.parentAddressOf);
  const parent = networkNamed(world, name)?.Options?.parent;
  if (!parent) return { ok: false, reason: `network ${name} has no parent interface` };
  const address = world.links.find((l) => l.name === parent)?.ipv4[0]?.split("/")[0];
  return address ? { ok: true, target: address } : { ok: false, reason: `the host has no IPv4 address on ${parent}, the parent` };
}

/** The addresses a dns probe's answer must list (its `answers`), or why they cannot be known. */
export function expectedAnswers(lab: LabId, probe: LabProbe, world: LabWorld): { ok: true; addresses: string[] } | { ok: false; reason: string } {
  if (probe.probe !== "dns" || !probe.answers) return { ok: true, addresses: [] };
  const network = networkName(lab, probe.answers.on);
  const addresses: string[] = [];
  for (const short of probe.answers.containers) {
    const name = objectName(lab, short);
    const ip = addressOn(world, name, network);
    if (!ip) return { ok: false, reason: `${name} has no address on ${network}` };
    addresses.push(ip);
  }
  return { ok: true, addresses };
}

/** Whether the probe found what the lab says: works means success; fails means it ran and the path did not work. */
export function verdictOf(expect: Expect, outcome: ProbeOutcome | "not-run", missing: readonly string[] = []): Verdict {
  if (outcome === "tool-missing" || outcome === "not-run") return "cannot-tell";
  const works = outcome === "success";
  if (expect === "fails") return works ? "fail" : "pass";
  return works && missing.length === 0 ? "pass" : "fail";
}

/** The container a probe runs in (host-http: none, it runs on cnmap's host). */
export function probeSource(lab: LabId, probe: LabProbe): string | null {
  return probe.probe === "host-http" ? null : objectName(lab, probe.from);
}

/** Where the engine published a lab container's TCP port: the host address and port (IPv4), or null. */
export function publishedBinding(lab: LabId, world: LabWorld, container: string, port: number): { hostIp: string; hostPort: number } | null {
  const c = containerNamed(world, objectName(lab, container));
  const p = (c?.Ports ?? []).find((x) => x.PrivatePort === port && x.Type === "tcp" && x.IP && !x.IP.includes(":") && x.PublicPort);
  return p?.IP && p.PublicPort ? { hostIp: p.IP, hostPort: p.PublicPort } : null;
}
