/**
 * What a lab finds on the engine and the host, and where that leaves it.
 * Pure: lib/server/labs.ts reads the engine's lists and the host's links and
 * passes them in. A lab's place is derived from these alone (no state kept
 * elsewhere), so a reload, another browser or a restart of cnmap shows the
 * same step.
 */
import { cidrsOverlap, parseCidr } from "../net/cidr";
import type { EngineContainerSummary, EngineNetwork } from "../topology/engine-json";
import type { EngineService, EngineSwarmSnapshot } from "../topology/swarm-json";
import { isLabs, LAB_LABEL, networkName, objectName, VETH } from "./names";
import { labServices, nodeHostname, runningTask, serviceNamed } from "./swarm";
import type { Lab, LabId, LabOp, LabProgress, MacvlanPlan, NetworkRef } from "./types";

/** A host interface, as lib/server/labs-host.ts reads it. */
export interface HostLink {
  name: string;
  /** Its alias (`ip link set X alias ...`), "" when none. */
  alias: string;
  /** IPv4 addresses with their prefix length (10.213.7.2/24). */
  ipv4: string[];
}

export interface LabWorld {
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
  links: HostLink[];
  /** What the engine knows of its swarm (a manager: nodes, services, tasks); null or absent outside one. */
  swarm?: EngineSwarmSnapshot | null;
}

export function containerNamed(world: LabWorld, name: string): EngineContainerSummary | undefined {
  return world.containers.find((c) => c.Names.some((n) => n.replace(/^\//, "") === name));
}

export function networkNamed(world: LabWorld, name: string): EngineNetwork | undefined {
  return world.networks.find((n) => n.Name === name);
}

function linkIsLabs(lab: LabId, link: HostLink): boolean {
  return link.alias === `${LAB_LABEL}=${lab}`;
}

/** Whether the operation's object is there, labelled, as it would have made it. */
export function opDone(lab: LabId, op: LabOp, world: LabWorld): boolean {
  switch (op.op) {
    case "network.create": {
      const n = networkNamed(world, objectName(lab, op.network));
      return n !== undefined && isLabs(lab, n.Labels);
    }
    case "service.create": {
      // Done when the service is there, labelled, and its task runs on another node than this engine.
      const s = serviceNamed(world.swarm, objectName(lab, op.service));
      if (!s || !isLabs(lab, s.Spec?.Labels) || !world.swarm) return false;
      const task = runningTask(world.swarm, s.ID);
      return task !== undefined && task.NodeID !== world.swarm.nodeId && nodeHostname(world.swarm, task.NodeID) !== "";
    }
    case "container.run": {
      const c = containerNamed(world, objectName(lab, op.container));
      return c !== undefined && isLabs(lab, c.Labels) && c.State === "running";
    }
    case "network.connect": {
      const c = containerNamed(world, objectName(lab, op.container));
      return c !== undefined && isLabs(lab, c.Labels) && c.NetworkSettings?.Networks?.[objectName(lab, op.network)] !== undefined;
    }
    case "parent.create": {
      // Done when the veth is there, or when the macvlan network hangs off an interface someone picked instead.
      if (world.links.some((l) => l.name === VETH.parent && linkIsLabs(lab, l))) return true;
      const parent = labMacvlanNetwork(lab, world)?.Options?.parent;
      return parent !== undefined && parent !== VETH.parent;
    }
  }
}

/** The engine names a lab uses: its containers and networks (not Docker's bridge), and the host links it may make. */
export function labNames(lab: Lab): { containers: string[]; networks: string[]; links: string[]; services: string[] } {
  const containers = new Set<string>();
  const networks = new Set<string>();
  const services = new Set<string>();
  let links = false;
  for (const step of lab.steps) {
    for (const op of step.ops) {
      if (op.op === "container.run") containers.add(objectName(lab.id, op.container));
      if (op.op === "network.create") networks.add(objectName(lab.id, op.network));
      if (op.op === "service.create") services.add(objectName(lab.id, op.service));
      if (op.op === "parent.create") links = true;
    }
  }
  return { containers: [...containers], networks: [...networks], links: links ? [VETH.parent, VETH.peer] : [], services: [...services] };
}

/** Names of the lab taken by objects that do not carry its label. */
export function clashes(lab: Lab, world: LabWorld): string[] {
  const names = labNames(lab);
  const out: string[] = [];
  for (const name of names.containers) {
    const c = containerNamed(world, name);
    if (c && !isLabs(lab.id, c.Labels)) out.push(`container ${name}`);
  }
  for (const name of names.networks) {
    if (world.networks.some((n) => n.Name === name && !isLabs(lab.id, n.Labels))) out.push(`network ${name}`);
  }
  for (const name of names.links) {
    const l = world.links.find((x) => x.name === name);
    if (l && !linkIsLabs(lab.id, l)) out.push(`host interface ${name}`);
  }
  for (const name of names.services) {
    const s = serviceNamed(world.swarm, name);
    if (s && !isLabs(lab.id, s.Spec?.Labels)) out.push(`service ${name}`);
  }
  return out;
}

/** A container a swarm service's task runs in: its node's agent removes it with the service. */
export const SWARM_TASK_LABEL = "com.docker.swarm.service.id";

/**
 * Everything that carries the lab's label: what a reset removes. Containers
 * sharing another's namespace come first; a service's task containers are
 * the service's (they go with it), not listed as containers.
 */
export function labelled(lab: LabId, world: LabWorld): { containers: EngineContainerSummary[]; networks: EngineNetwork[]; links: HostLink[]; services: EngineService[] } {
  const containers = world.containers.filter((c) => isLabs(lab, c.Labels) && c.Labels?.[SWARM_TASK_LABEL] === undefined);
  const joiners = (c: EngineContainerSummary): number => ((c.HostConfig?.NetworkMode ?? "").startsWith("container:") ? 0 : 1);
  return {
    containers: [...containers].sort((a, b) => joiners(a) - joiners(b)),
    networks: world.networks.filter((n) => isLabs(lab, n.Labels)),
    links: world.links.filter((l) => linkIsLabs(lab, l)),
    services: labServices(lab, world.swarm),
  };
}

export function progress(lab: Lab, world: LabWorld): LabProgress {
  const done = lab.steps.map((step) => step.ops.every((op) => opDone(lab.id, op, world)));
  // The first step not done: later ones cannot have run before it (a step runs only after the ones before).
  const first = done.indexOf(false);
  const mine = labelled(lab.id, world);
  return {
    done,
    next: first === -1 ? null : first + 1,
    started: mine.containers.length + mine.networks.length + mine.links.length + mine.services.length > 0,
    objects: {
      containers: mine.containers.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, "")),
      networks: mine.networks.map((n) => n.Name),
      links: mine.links.map((l) => l.name),
      services: mine.services.map((s) => s.Spec?.Name ?? s.ID),
    },
    clashes: clashes(lab, world),
  };
}

// ------------------------------------------------------------------ macvlan

function labMacvlanNetwork(lab: LabId, world: LabWorld): EngineNetwork | undefined {
  return world.networks.find((n) => isLabs(lab, n.Labels) && n.Driver === "macvlan");
}

/** Where the labs look for a free /24 for macvlan: 10.213.0.0/16, then 10.214.0.0/16. */
const MACVLAN_POOLS = [213, 214];

/** Every IPv4 range in use: the engine's networks and the host's own addresses. */
function usedRanges(world: LabWorld): string[] {
  const out: string[] = [];
  for (const n of world.networks) for (const c of n.IPAM?.Config ?? []) if (c.Subnet) out.push(c.Subnet);
  for (const l of world.links) out.push(...l.ipv4);
  return out;
}

/** The first /24 of the pools that overlaps nothing in use; null when all are taken. */
export function freeSubnet(used: readonly string[]): string | null {
  const parsed = used.map((u) => parseCidr(u)).filter((c) => c !== null);
  for (const second of MACVLAN_POOLS) {
    for (let third = 0; third < 256; third++) {
      const candidate = `10.${second}.${third}.0/24`;
      const c = parseCidr(candidate);
      if (c && !parsed.some((u) => cidrsOverlap(c, u))) return candidate;
    }
  }
  return null;
}

/** The plan for a /24: its upper half as the range, .2 for the host on a veth. */
export function planFor(subnet: string, parent: string, veth: boolean): MacvlanPlan {
  const base = subnet.replace(/\.0\/24$/, "");
  return { parent, veth, subnet, ipRange: `${base}.128/25`, ...(veth ? { hostAddress: `${base}.2` } : {}) };
}

/**
 * The macvlan lab's plan: the one its network or veth already shows, else a
 * new one on `parent` (a host interface; undefined: the lab's veth pair).
 * Null when no /24 is free.
 */
export function macvlanPlan(lab: LabId, world: LabWorld, parent: string | undefined): MacvlanPlan | null {
  const existing = labMacvlanNetwork(lab, world);
  const subnet = existing?.IPAM?.Config?.[0]?.Subnet;
  const existingParent = existing?.Options?.parent;
  if (existing && subnet && existingParent) return planFor(subnet, existingParent, existingParent === VETH.parent);
  const veth = world.links.find((l) => l.name === VETH.parent && linkIsLabs(lab, l));
  const vethSubnet = veth?.ipv4[0]?.replace(/\.\d+\/24$/, ".0/24");
  if (veth && vethSubnet && parent === undefined) return planFor(vethSubnet, VETH.parent, true);
  const free = freeSubnet(usedRanges(world));
  if (!free) return null;
  return planFor(free, parent ?? VETH.parent, parent === undefined);
}

/** The gateways of the lab's networks that exist (and carry its label), by short name. */
export function labGateways(lab: Lab, world: LabWorld): Record<string, string> {
  const out: Record<string, string> = {};
  for (const step of lab.steps) {
    for (const op of step.ops) {
      if (op.op !== "network.create") continue;
      const n = networkNamed(world, objectName(lab.id, op.network));
      const gateway = n && isLabs(lab.id, n.Labels) ? n.IPAM?.Config?.find((c) => c.Gateway)?.Gateway : undefined;
      if (gateway) out[op.network] = gateway;
    }
  }
  return out;
}

/** A container's IPv4 address on a network (by name), "" when it has none. */
export function addressOn(world: LabWorld, container: string, network: string): string {
  return containerNamed(world, container)?.NetworkSettings?.Networks?.[network]?.IPAddress ?? "";
}

/** The engine name of a network reference. */
export function refName(lab: LabId, ref: NetworkRef): string {
  return networkName(lab, ref);
}
