/**
 * The guided labs' runner: where each lab stands (derived from what carries
 * its label on the engine and the host), one step at a time through the
 * engine's allow-list, its probes, and a reset that removes exactly what
 * carries the lab's label.
 *
 * Each engine change goes through the engine's mutation queue (so the live
 * model has it when the step answers); one lab runs one thing at a time per
 * engine; probes take the engine's probe slots. The last run of each step is
 * kept in memory per engine, so a reload shows the probes' results too.
 */
import "server-only";
import { ApiError } from "../api/errors";
import { serverConfig } from "../config";
import { refusal } from "../docker/refusals";
import { engineStatus } from "../docker/errors";
import { findLab, LABS } from "../labs/catalog";
import { objectName, VETH } from "../labs/names";
import { expectedAnswers, probeEnds, probeSource, publishedBinding, resolveTarget, swarmReadResult, verdictOf } from "../labs/probes";
import { containerRequest, networkRequest, serviceRequest } from "../labs/requests";
import { serviceNamed, swarmPlan, swarmRefusal, taskTrouble } from "../labs/swarm";
import type { Lab, LabResetAnswer, LabContext, LabId, LabOp, LabProbe, LabProbeResult, LabsBody, LabStepAnswer, LabStepRun, LabView } from "../labs/types";
import { labView, stepCommands, stepRefusal } from "../labs/view";
import { containerNamed, labelled, labGateways, macvlanPlan, networkNamed, opDone, progress, type LabWorld } from "../labs/world";
import type { EngineTask } from "../topology/swarm-json";
import { createVeth, deleteLabLink, freeParents, hostHttpGet, readHostLinks, vethRefusal } from "./labs-host";
import { execLabProbe, untilListening } from "./labs-probe";
import { hostOutOfSight } from "./datapath-host";
import type { EngineSession } from "./engine-session";
import { log } from "./log";

/** How long a lab's web server may take to listen after its container started. */
const LISTEN_DEADLINE_MS = 5_000;
/** How long a lab service's task may take to run on its node (the node creates the container, joins the overlay). */
const TASK_DEADLINE_MS = 60_000;
/** How long a reset waits for a removed service's tasks to go, and for its overlay to be free of them. */
const SERVICE_GONE_DEADLINE_MS = 60_000;
/** How often those waits look again. */
const SWARM_POLL_EVERY_MS = 250;

interface LabMemory {
  busy: Set<LabId>;
  runs: Map<LabId, Record<number, LabStepRun>>;
}
const memories = new WeakMap<EngineSession, LabMemory>();

function memoryOf(session: EngineSession): LabMemory {
  let m = memories.get(session);
  if (!m) memories.set(session, (m = { busy: new Set(), runs: new Map() }));
  return m;
}

function labOrThrow(id: string): Lab {
  const lab = findLab(id);
  if (!lab) throw new ApiError("not_found", `No such lab: ${id}. The labs are ${LABS.map((l) => l.id).join(", ")}.`);
  return lab;
}

/** The engine's lists (fresh for a change's checks, else the live model) and, for an engine on this host, the host's links. */
async function readWorld(session: EngineSession, fresh: boolean): Promise<LabWorld> {
  const { networks, containers, swarm } = await session.read({ fresh });
  const links = hostOutOfSight(session.address) === null ? readHostLinks() : [];
  return { networks, containers, links, swarm };
}

export function imageFix(image: string): string {
  return `The lab image ${image} is not on this engine, and cnmap never pulls images: run \`docker pull ${image}\` on the engine's host (or set CNMAP_LAB_IMAGE to an image that is there and has busybox's sh, sleep, ping, nslookup, wget, nc, timeout and httpd).`;
}

interface Conditions {
  image: string;
  imagePresent: boolean;
  /** Why the engine's host is out of reach, or null. */
  away: string | null;
  /** Why the lab cannot make its veth pair, or null. */
  veth: string | null;
  /** Interfaces an admin may pick as the macvlan parent. */
  parents: string[];
  /** Why a lab that needs a swarm manager with two ready nodes cannot run here, or null. */
  swarm: string | null;
}

async function conditions(session: EngineSession, world: LabWorld): Promise<Conditions> {
  const image = serverConfig().labImage;
  const away = hostOutOfSight(session.address);
  return {
    image,
    imagePresent: (await session.engine.inspectImage(image)) !== null,
    away,
    veth: vethRefusal(session.address),
    parents: away === null ? freeParents(world.links) : [],
    swarm: swarmRefusal(world.swarm),
  };
}

function unavailable(lab: Lab, c: Conditions, admin: boolean): string | null {
  if (!c.imagePresent) return imageFix(c.image);
  if (lab.needs.includes("local-engine") && c.away) return `This lab works on the engine's host: ${c.away}`;
  if (lab.needs.includes("swarm") && c.swarm) return c.swarm;
  if (lab.id === "macvlan" && c.veth && !(admin && c.parents.length > 0)) return c.veth;
  return null;
}

function contextFor(lab: Lab, world: LabWorld, parent: string | undefined): LabContext {
  const ctx: LabContext = { image: serverConfig().labImage, gateways: labGateways(lab, world) };
  if (lab.needs.includes("swarm")) {
    const plan = swarmPlan(lab, world.swarm);
    return plan ? { ...ctx, swarm: plan } : ctx;
  }
  if (lab.id !== "macvlan") return ctx;
  const plan = macvlanPlan(lab.id, world, parent);
  return plan ? { ...ctx, macvlan: plan } : ctx;
}

function viewOf(session: EngineSession, lab: Lab, world: LabWorld, c: Conditions, admin: boolean): LabView {
  return labView(lab, contextFor(lab, world, undefined), progress(lab, world), unavailable(lab, c, admin), memoryOf(session).runs.get(lab.id) ?? {});
}

/** GET /api/labs: the catalogue, and where each lab stands on this engine. */
export async function labsOverview(session: EngineSession, admin: boolean): Promise<LabsBody> {
  const world = await readWorld(session, false);
  const c = await conditions(session, world);
  return {
    image: { name: c.image, present: c.imagePresent, fix: c.imagePresent ? null : imageFix(c.image) },
    macvlan: { parents: admin ? c.parents : [], veth: c.veth },
    labs: LABS.map((lab) => viewOf(session, lab, world, c, admin)),
  };
}

/** One lab at a time per engine: a second request for the same lab while one runs is refused. */
async function exclusive<T>(session: EngineSession, lab: LabId, fn: () => Promise<T>): Promise<T> {
  const { busy } = memoryOf(session);
  if (busy.has(lab)) throw new ApiError("conflict", `The lab ${lab} is busy with another request (a step or a reset); try again when it has finished.`);
  busy.add(lab);
  try {
    return await fn();
  } finally {
    busy.delete(lab);
  }
}

export interface StepOptions {
  /** The macvlan parent an admin picked (step 1 of macvlan only); undefined: the lab's veth pair. */
  parent?: string;
  admin: boolean;
}

/** POST /api/labs/{id}/steps/{n}. */
export function runLabStep(session: EngineSession, id: string, step: number, opts: StepOptions): Promise<LabStepAnswer> {
  const lab = labOrThrow(id);
  if (!Number.isInteger(step) || step < 1 || step > lab.steps.length) {
    throw new ApiError("invalid_input", `The lab ${lab.id} has steps 1 to ${lab.steps.length}; "${step}" is not one of them.`);
  }
  if (opts.parent !== undefined && (lab.id !== "macvlan" || step !== 1)) {
    throw new ApiError("invalid_input", "Only the first step of the macvlan lab takes a parent interface.");
  }
  return exclusive(session, lab.id, async () => {
    let world = await readWorld(session, true);
    const c = await conditions(session, world);
    const why = unavailable(lab, c, opts.admin);
    if (why) throw new ApiError("conflict", why);
    const refused = stepRefusal(lab, progress(lab, world), step);
    if (refused) throw new ApiError("conflict", refused);
    const parent = checkParent(lab, opts, c);
    let ctx = contextFor(lab, world, parent);
    if (lab.id === "macvlan" && !ctx.macvlan) throw new ApiError("conflict", "No free /24 is left in 10.213.0.0/16 or 10.214.0.0/16 for the macvlan network.");
    if (lab.needs.includes("swarm") && !ctx.swarm) throw new ApiError("conflict", c.swarm ?? swarmRefusal(world.swarm) ?? "The swarm has no other ready node to pin the service's task to.");
    const index = step - 1;
    const current = lab.steps[index];
    if (!current) throw new ApiError("invalid_input", `The lab ${lab.id} has no step ${step}.`);

    for (const op of current.ops) {
      if (opDone(lab.id, op, world)) continue;
      await runOp(session, lab, op, ctx, world);
      world = await readWorld(session, true);
      // What the next operation may need of this one (a network's gateway to publish on).
      ctx = contextFor(lab, world, parent);
    }
    for (const op of current.ops) {
      if (op.op === "container.run" && op.serve) {
        const cont = containerNamed(world, objectName(lab.id, op.container));
        if (cont) await untilListening(session, { id: cont.Id, name: objectName(lab.id, op.container) }, 80, LISTEN_DEADLINE_MS);
      }
    }
    const results: LabProbeResult[] = [];
    for (const probe of current.probes) results.push(await runProbe(session, lab, probe, world));
    const run: LabStepRun = { step, commands: stepCommands(lab, index, ctx), results, at: new Date().toISOString() };
    const { runs } = memoryOf(session);
    runs.set(lab.id, { ...(runs.get(lab.id) ?? {}), [step]: run });
    const after = await readWorld(session, false);
    return { lab: viewOf(session, lab, after, c, opts.admin), run };
  });
}

/** The parent an admin picked, checked against the host's free interfaces; or the veth pair, if the lab can make it. */
function checkParent(lab: Lab, opts: StepOptions, c: Conditions): string | undefined {
  if (lab.id !== "macvlan") return undefined;
  if (opts.parent === undefined || opts.parent === VETH.parent) {
    if (c.veth) throw new ApiError("conflict", c.veth);
    return undefined;
  }
  if (!opts.admin) throw new ApiError("forbidden", "Picking a host interface as the parent needs the admin role (host interfaces are for admins); leave it out to use the lab's veth pair.");
  if (!c.parents.includes(opts.parent)) {
    throw new ApiError("invalid_input", `${opts.parent} is not a free host interface; free ones: ${c.parents.join(", ") || "none"} (or leave the parent out for the lab's veth pair).`);
  }
  return opts.parent;
}

async function runOp(session: EngineSession, lab: Lab, op: LabOp, ctx: LabContext, world: LabWorld): Promise<void> {
  const { engine } = session;
  switch (op.op) {
    case "parent.create": {
      if (!ctx.macvlan?.veth) return;
      const plan = ctx.macvlan;
      try {
        await createVeth(plan, lab.id);
      } catch (err) {
        throw new ApiError("conflict", `Could not make the veth pair ${VETH.parent}/${VETH.peer}: ${err instanceof Error ? err.message : String(err)}`);
      }
      return;
    }
    case "network.create": {
      const name = objectName(lab.id, op.network);
      await session.mutate(async () => {
        try {
          await engine.createNetwork(networkRequest(lab.id, op, ctx));
        } catch (err) {
          throw refusal(err, `Could not create network ${name}`);
        }
      });
      return;
    }
    case "container.run": {
      const name = objectName(lab.id, op.container);
      const existing = containerNamed(world, name);
      await session.mutate(async () => {
        try {
          // Made by an earlier try of this step that could not start it: start it now.
          const id = existing?.Id ?? (await engine.createContainer(name, containerRequest(lab.id, op, ctx)));
          await engine.startContainer(id);
        } catch (err) {
          throw refusal(err, `Could not run container ${name}`);
        }
      });
      return;
    }
    case "service.create": {
      const name = objectName(lab.id, op.service);
      const existing = serviceNamed(world.swarm, name);
      let id = existing?.ID;
      if (!id) {
        id = await session.mutate(async () => {
          try {
            return await engine.createService(serviceRequest(lab.id, op, ctx));
          } catch (err) {
            throw refusal(err, `Could not create service ${name}`);
          }
        });
      }
      await untilTaskRuns(session, name, id);
      return;
    }
    case "network.connect": {
      const network = objectName(lab.id, op.network);
      const container = objectName(lab.id, op.container);
      const n = networkNamed(world, network);
      const cont = containerNamed(world, container);
      if (!n || !cont) throw new ApiError("conflict", `${!n ? `Network ${network}` : `Container ${container}`} is gone: reset the lab and start again.`);
      await session.mutate(async () => {
        try {
          await engine.connectContainer(n.Id, { Container: cont.Id });
        } catch (err) {
          throw refusal(err, `Could not connect ${container} to ${network}`);
        }
      });
      return;
    }
  }
}

/**
 * Waits until the service's task runs on its node, reading the manager's
 * tasks every 250 ms: the service's creation returns before its node has
 * made the container. A task that failed or was rejected (an image missing
 * on that node) ends the wait at once, with the engine's reason.
 */
async function untilTaskRuns(session: EngineSession, name: string, serviceId: string): Promise<void> {
  const end = Date.now() + TASK_DEADLINE_MS;
  for (;;) {
    const tasks: EngineTask[] = await session.engine.listTasks(serviceId);
    const trouble = taskTrouble(tasks, serviceId);
    if (trouble === null) {
      // The live model reads the swarm on its own clock: ask it now, so the step's answer shows the task.
      await session.model.refresh({ swarm: true });
      return;
    }
    const finished = tasks.some((t) => ["failed", "rejected"].includes(t.Status?.State ?? ""));
    if (finished || Date.now() > end) {
      const missing = /no such image|not found|pull access denied|manifest unknown/i.test(trouble)
        ? ` The image must be on that node already (cnmap never pulls): load it there, e.g. docker save ${serverConfig().labImage} | docker -H <that node> load.`
        : "";
      throw new ApiError("conflict", `Service ${name} was created, but ${trouble}.${missing} Reset the lab to remove it.`);
    }
    await new Promise((r) => setTimeout(r, SWARM_POLL_EVERY_MS));
  }
}

function notRun(probe: LabProbe, why: string): LabProbeResult {
  return { proves: probe.proves, expect: probe.expect, verdict: "cannot-tell", outcome: "not-run", summary: why, output: "", command: "" };
}

async function runProbe(session: EngineSession, lab: Lab, probe: LabProbe, world: LabWorld): Promise<LabProbeResult> {
  if (probe.probe === "host-http") {
    const binding = publishedBinding(lab.id, world, probe.container, probe.port);
    if (binding?.hostIp !== "127.0.0.1") return notRun(probe, `${objectName(lab.id, probe.container)} has no port ${probe.port} published on 127.0.0.1.`);
    const port = binding.hostPort;
    const r = await hostHttpGet(port, 3_000);
    const outcome = r.ok ? "success" : "failure";
    return { proves: probe.proves, expect: probe.expect, verdict: verdictOf(probe.expect, outcome), outcome, summary: r.summary, output: r.output, command: `curl -sS -i http://127.0.0.1:${port}/` };
  }
  if (probe.probe === "overlay-network" || probe.probe === "task-node") return swarmReadResult(lab.id, probe, world);
  const source = probeSource(lab.id, probe) ?? "";
  const from = containerNamed(world, source);
  if (!from || from.State !== "running") return notRun(probe, `${source} is not running.`);
  const target = resolveTarget(lab.id, probe.target, world);
  if (!target.ok) return notRun(probe, `The probe has no target: ${target.reason}.`);
  const answers = expectedAnswers(lab.id, probe, world);
  if (!answers.ok) return notRun(probe, `The answer cannot be checked: ${answers.reason}.`);
  const r = await execLabProbe(session, { id: from.Id, name: source }, probe.probe, target.target, probe.probe === "http" ? (target.port ?? 80) : undefined);
  const missing = answers.addresses.filter((a) => !r.addresses.includes(a));
  const verdict = verdictOf(probe.expect, r.outcome, missing);
  const summary = missing.length > 0 && r.outcome === "success" ? `${r.summary}; missing ${missing.join(", ")}` : r.summary;
  const nodes = probeEnds(lab.id, probe, world);
  return { proves: probe.proves, expect: probe.expect, verdict, outcome: r.outcome, summary, output: r.output, command: r.command, ...(nodes ? { nodes } : {}) };
}

/** POST /api/labs/{id}/reset: removes what carries the lab's label (containers, then networks, then host links). */
export function resetLab(session: EngineSession, id: string, admin: boolean): Promise<LabResetAnswer> {
  const lab = labOrThrow(id);
  return exclusive(session, lab.id, async () => {
    const world = await readWorld(session, true);
    const mine = labelled(lab.id, world);
    const removed: LabResetAnswer["removed"] = { containers: [], networks: [], links: [], services: [] };
    const failed: string[] = [];
    // Services first: their tasks, on whichever node, hold endpoints on the lab's overlay.
    const goneServices: string[] = [];
    for (const s of mine.services) {
      const name = s.Spec?.Name ?? s.ID;
      try {
        await session.mutate(() => session.engine.removeService(s.ID));
        removed.services.push(name);
        goneServices.push(s.ID);
      } catch (err) {
        if (engineStatus(err)?.status === 404) removed.services.push(name);
        else failed.push(`service ${name}: ${describe(refusal(err, "the engine refused"))}`);
      }
    }
    const tasksLeft = await untilTasksGone(session, goneServices);
    if (tasksLeft) failed.push(tasksLeft);
    for (const c of mine.containers) {
      const name = (c.Names[0] ?? c.Id).replace(/^\//, "");
      try {
        await session.mutate(() => session.engine.removeContainer(c.Id));
        removed.containers.push(name);
      } catch (err) {
        if (engineStatus(err)?.status === 404) removed.containers.push(name);
        else failed.push(`container ${name}: ${describe(refusal(err, "the engine refused"))}`);
      }
    }
    for (const n of mine.networks) {
      try {
        await removeNetworkWhenFree(session, n.Id, n.Scope === "swarm");
        removed.networks.push(n.Name);
      } catch (err) {
        if (engineStatus(err)?.status === 404) removed.networks.push(n.Name);
        else failed.push(`network ${n.Name}: ${describe(refusal(err, "the engine refused"))}`);
      }
    }
    for (const l of mine.links) {
      const why = await deleteLabLink(l.name);
      if (why) failed.push(why);
      else removed.links.push(l.name);
    }
    memoryOf(session).runs.delete(lab.id);
    // A swarm network's removal may come with no event the live model hears: have it read the engine again in full.
    if (mine.services.length > 0 || mine.networks.some((n) => n.Scope === "swarm")) await session.model.refresh({ full: true });
    if (failed.length > 0) {
      const count = removed.containers.length + removed.networks.length + removed.links.length + removed.services.length;
      throw new ApiError("conflict", `The reset of ${lab.id} removed ${count} objects but not: ${failed.join("; ")}.`);
    }
    // What the engine says now, not the model's last read: the answer is the lab as the reset left it.
    const after = await readWorld(session, true);
    return { removed, lab: viewOf(session, lab, after, await conditions(session, after), admin) };
  });
}

/**
 * Waits until the manager lists no task of the removed services: each node
 * stops and removes its task's container on its own time, and until then the
 * task holds its endpoint on the overlay. Returns why it gave up, or null.
 */
async function untilTasksGone(session: EngineSession, serviceIds: readonly string[]): Promise<string | null> {
  if (serviceIds.length === 0) return null;
  const end = Date.now() + SERVICE_GONE_DEADLINE_MS;
  for (;;) {
    const left = (await Promise.all(serviceIds.map((id) => session.engine.listTasks(id)))).flat();
    if (left.length === 0) return null;
    if (Date.now() > end) return `${left.length} task(s) of the removed services were still listed after ${SERVICE_GONE_DEADLINE_MS / 1000} s`;
    await new Promise((r) => setTimeout(r, SWARM_POLL_EVERY_MS));
  }
}

/**
 * Removes a lab network. A swarm overlay may still be "in use by task" for a
 * moment after its service's tasks are gone from the manager's list, while
 * the other node lets go of it: that answer is retried until a deadline.
 */
async function removeNetworkWhenFree(session: EngineSession, id: string, swarm: boolean): Promise<void> {
  const end = Date.now() + SERVICE_GONE_DEADLINE_MS;
  for (;;) {
    try {
      await session.mutate(() => removeNetworkClearing(session, id));
      if (swarm) await untilNetworkGone(session, id);
      return;
    } catch (err) {
      const busy = swarm && /in use by task|is in use|has active endpoints/i.test(engineStatus(err)?.message ?? "");
      if (!busy || Date.now() > end) throw err;
    }
    await new Promise((r) => setTimeout(r, SWARM_POLL_EVERY_MS));
  }
}

/**
 * A manager answers the removal of an overlay before its own network list
 * drops it (the swarm's allocator lets go of it a moment later): wait until
 * the list no longer shows it, so what the reset answers (and the live
 * model's full read after it) is the state after the removal.
 */
async function untilNetworkGone(session: EngineSession, id: string): Promise<void> {
  const end = Date.now() + SERVICE_GONE_DEADLINE_MS;
  while ((await session.engine.listNetworks([id])).length > 0) {
    if (Date.now() > end) throw new ApiError("conflict", `network ${id.slice(0, 12)} was removed but the manager still lists it after ${SERVICE_GONE_DEADLINE_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, SWARM_POLL_EVERY_MS));
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Removes a lab network. Docker 20.10 sometimes keeps an endpoint of a
 * container just removed (test/support/docker-cli.ts saw it too): the engine
 * then answers "has active endpoints" for a network no container is on.
 * Those endpoints are disconnected by force, then the network is removed.
 */
async function removeNetworkClearing(session: EngineSession, id: string): Promise<void> {
  const { engine } = session;
  try {
    await engine.removeNetwork(id);
  } catch (err) {
    if (!/has active endpoints/i.test(engineStatus(err)?.message ?? "")) throw err;
    const inspected = (await engine.inspectNetwork(id)) as { Containers?: Record<string, { Name?: string }> | null };
    const inUse: string[] = [];
    for (const [container, ep] of Object.entries(inspected.Containers ?? {})) {
      // Only the endpoints of containers that are gone: someone's container joined to a lab network is theirs.
      if ((await engine.inspectContainer(container)) !== null) {
        inUse.push(ep.Name ?? container);
        continue;
      }
      log.debug(`lab network ${id}: clearing the endpoint left by removed container ${container}`);
      await engine.disconnectContainer(id, container, true).catch(() => undefined);
    }
    if (inUse.length > 0) throw new ApiError("conflict", `it is in use by ${inUse.join(", ")}, which the lab did not make: disconnect them first`);
    await engine.removeNetwork(id);
  }
}
