/**
 * The network operations behind the mutation API. Each one checks the
 * engine's current state first and refuses, changing nothing, what the
 * engine would accept into a broken or ambiguous state (a duplicate name, a
 * fixed IP outside the subnets or in use, removing a network that stopped
 * containers still use...). Engine refusals are mapped by what happened.
 */
import { ApiError } from "../api/errors";
import type { ConnectBody, CreateNetworkBody, DisconnectBody, PruneBody } from "../api/schemas";
import type { EngineConnect, EngineNetworkCreate } from "../docker/engine";
import { refusal } from "../docker/refusals";
import { attachedContainers } from "../networks/attached";
import { fixedAddressRefusal, type AddressHolder } from "../networks/fixed-address";
import { decoyLeftAdvice, decoyNetwork, hasStaleEntry, staleEntryAdvice } from "../networks/stale-attachment";
import { findOverlaps } from "../networks/overlap";
import type { EngineContainerSummary } from "../topology/engine-json";
import { toNetwork } from "../topology/build";
import { isDefaultBridge, sandboxName, shortId } from "../topology/describe";
import { canJoin } from "../topology/join-rules";
import { labelFilterMatches, untilCutoff } from "../topology/prune-filters";
import type { ContainerRef, Network, Sandbox, Topology } from "../topology/types";
import type { EngineSession } from "./engine-session";
import { log } from "./log";

// ------------------------------------------------------------- resolving

export function resolveNetwork(t: Topology, ref: string): Network {
  const byId = t.networks.find((n) => n.id === ref);
  if (byId) return byId;
  const named = t.networks.filter((n) => n.name === ref);
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) throw new ApiError("conflict", `Several networks are named "${ref}"; use the network's ID.`);
  const prefixed = ref.length >= 4 ? t.networks.filter((n) => n.id.startsWith(ref)) : [];
  if (prefixed.length === 1 && prefixed[0]) return prefixed[0];
  if (prefixed.length > 1) throw new ApiError("conflict", `The ID prefix "${ref}" matches several networks.`);
  throw new ApiError("not_found", `No such network: ${ref}.`);
}

export interface ResolvedContainer {
  container: ContainerRef;
  sandbox: Sandbox;
}

export function resolveContainer(t: Topology, ref: string): ResolvedContainer {
  const all = t.sandboxes.flatMap((sandbox) => sandbox.containers.map((container) => ({ container, sandbox })));
  const found =
    all.find((c) => c.container.id === ref) ??
    all.find((c) => c.container.name === ref) ??
    (ref.length >= 4 ? onlyOne(all.filter((c) => c.container.id.startsWith(ref)), ref) : undefined);
  if (!found) throw new ApiError("not_found", `No such container: ${ref}.`);
  return found;
}

function onlyOne<T>(list: T[], ref: string): T | undefined {
  if (list.length > 1) throw new ApiError("conflict", `The ID prefix "${ref}" matches several containers.`);
  return list[0];
}

function ownerOnly(r: ResolvedContainer, verb: string): void {
  const owner = r.sandbox.containers[0];
  if (owner && owner.id !== r.container.id) {
    throw new ApiError(
      "conflict",
      `${r.container.name} shares ${owner.name}'s network namespace (--network container:${owner.name}); ${verb} ${owner.name} instead.`,
    );
  }
}

// ---------------------------------------------------------------- create

function apiAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

export function createNetworkOp(session: EngineSession, body: CreateNetworkBody): Promise<Network> {
  return session.mutate(() => createNetwork(session, body));
}

async function createNetwork(session: EngineSession, body: CreateNetworkBody): Promise<Network> {
  const { engine } = session;
  const t = (await session.read({ fresh: true })).topology;
  if (t.networks.some((n) => n.name === body.name)) {
    throw new ApiError("conflict", `A network named "${body.name}" already exists.`);
  }
  if (body.ipv4 === false && !apiAtLeast(t.engine.apiVersion, 1, 47)) {
    throw new ApiError("invalid_input", `This engine (API ${t.engine.apiVersion}) cannot turn IPv4 off: that needs API 1.47 (Docker 27) or newer.`);
  }
  // An unknown plugin name makes the engine look for the plugin for 15 s, holding the queue: refuse it here, at once.
  if (body.driver || body.ipamDriver) {
    const drivers = await engine.networkDrivers();
    if (body.driver && !drivers.network.includes(body.driver)) {
      throw new ApiError("invalid_input", `Unknown network driver "${body.driver}"; this engine has: ${drivers.network.join(", ")} (a plugin must be installed and enabled first).`);
    }
    if (body.ipamDriver && !drivers.ipam.includes(body.ipamDriver)) {
      throw new ApiError("invalid_input", `Unknown IPAM driver "${body.ipamDriver}"; this engine has: ${drivers.ipam.join(", ")} (a plugin must be installed and enabled first).`);
    }
  }
  // The same rule as the form (lib/networks/overlap.ts): config-only networks hold no pool, and macvlan/ipvlan
  // may share a LAN's subnet, so for those the engine decides.
  const sharesLan = body.driver === "macvlan" || body.driver === "ipvlan";
  for (const c of body.configOnly || sharesLan ? [] : (body.ipam ?? [])) {
    const hit = findOverlaps(c.subnet, t.networks)[0];
    if (hit) throw new ApiError("conflict", `Subnet ${c.subnet} overlaps ${hit.subnet} of network ${hit.network}.`);
  }
  if (body.configFrom) {
    const from = resolveNetwork(t, body.configFrom);
    if (!from.configOnly) throw new ApiError("conflict", `${from.name} is not a config-only network (create it with --config-only).`);
  }

  const request: EngineNetworkCreate = { Name: body.name, CheckDuplicate: true };
  if (body.driver) request.Driver = body.driver;
  if (body.scope) request.Scope = body.scope;
  if (body.internal !== undefined) request.Internal = body.internal;
  if (body.attachable !== undefined) request.Attachable = body.attachable;
  if (body.ingress !== undefined) request.Ingress = body.ingress;
  if (body.ipv6 !== undefined) request.EnableIPv6 = body.ipv6;
  if (body.ipv4 !== undefined && apiAtLeast(t.engine.apiVersion, 1, 47)) request.EnableIPv4 = body.ipv4;
  if (body.configOnly !== undefined) request.ConfigOnly = body.configOnly;
  if (body.configFrom) request.ConfigFrom = { Network: body.configFrom };
  if (body.ipam?.length || body.ipamDriver || body.ipamOptions) {
    request.IPAM = {};
    if (body.ipamDriver) request.IPAM.Driver = body.ipamDriver;
    if (body.ipamOptions) request.IPAM.Options = body.ipamOptions;
    if (body.ipam?.length) {
      request.IPAM.Config = body.ipam.map((c) => ({
        Subnet: c.subnet,
        ...(c.gateway ? { Gateway: c.gateway } : {}),
        ...(c.ipRange ? { IPRange: c.ipRange } : {}),
        ...(c.auxAddresses ? { AuxiliaryAddresses: c.auxAddresses } : {}),
      }));
    }
  }
  if (body.options) request.Options = body.options;
  if (body.labels) request.Labels = body.labels;

  let id: string;
  try {
    id = await engine.createNetwork(request);
  } catch (err) {
    throw refusal(err, `Could not create network ${body.name}`);
  }
  return toNetwork(await engine.inspectNetwork(id));
}

// ---------------------------------------------------------------- remove

/** What a connect or disconnect touched, resolved: for the announcement of who made it. */
export interface Touched {
  network: Network;
  container: ContainerRef;
}

export function removeNetworkOp(session: EngineSession, ref: string): Promise<Network> {
  return session.mutate(() => removeNetworkChecked(session, ref));
}

async function removeNetworkChecked(session: EngineSession, ref: string): Promise<Network> {
  const t = (await session.read({ fresh: true })).topology;
  const n = resolveNetwork(t, ref);
  if (n.predefined) throw new ApiError("forbidden", `${n.name} is one of Docker's predefined networks and cannot be removed.`);
  const attached = attachedContainers(t, n.id)
    .map((c) => (c.active ? c.name : `${c.name} (${c.state})`))
    .sort();
  if (attached.length > 0) {
    // Stopped containers block too: the engine would remove the network and they would fail to start.
    throw new ApiError("conflict", `Network ${n.name} is in use by ${attached.join(", ")}; disconnect them first.`);
  }
  try {
    await session.engine.removeNetwork(n.id);
  } catch (err) {
    throw refusal(err, `Could not remove network ${n.name}`);
  }
  return n;
}

// --------------------------------------------------------------- connect

function checkFixedAddress(
  t: Topology,
  containers: EngineContainerSummary[],
  n: Network,
  address: string,
  family: "ipv4" | "ipv6",
): void {
  const holders: AddressHolder[] = [];
  const reportedGateways: string[] = [];
  for (const e of t.endpoints) {
    if (e.networkId !== n.id) continue;
    const s = t.sandboxes.find((x) => x.id === e.sandboxId);
    holders.push({ address: family === "ipv4" ? e.ipv4 : e.ipv6, name: s ? sandboxName(s) : shortId(e.containerId), kind: "endpoint" });
  }
  for (const c of containers) {
    const ep = c.NetworkSettings?.Networks?.[n.name];
    if (!ep || (ep.NetworkID && ep.NetworkID !== n.id)) continue;
    if (ep.Gateway) reportedGateways.push(ep.Gateway);
    if (ep.IPv6Gateway) reportedGateways.push(ep.IPv6Gateway);
    // A stopped container keeps its fixed address (--ip) reserved: giving it away would stop it from starting.
    const fixed = family === "ipv4" ? ep.IPAMConfig?.IPv4Address : ep.IPAMConfig?.IPv6Address;
    if (fixed) holders.push({ address: fixed, name: (c.Names[0] ?? c.Id).replace(/^\//, ""), kind: "fixed", state: c.State });
  }
  const refused = fixedAddressRefusal({ network: n, reportedGateways, holders, apiVersion: t.engine.apiVersion }, address, family);
  if (refused) throw new ApiError(refused.code, refused.message);
}

export function connectOp(session: EngineSession, ref: string, body: ConnectBody): Promise<Touched> {
  return session.mutate(() => connect(session, ref, body));
}

async function connect(session: EngineSession, ref: string, body: ConnectBody): Promise<Touched> {
  const { topology: t, containers } = await session.read({ fresh: true });
  const n = resolveNetwork(t, ref);
  const r = resolveContainer(t, body.container);
  ownerOnly(r, "connect");
  const verdict = canJoin(r.sandbox, n, t);
  if (!verdict.ok) throw new ApiError("conflict", `${verdict.reason}.`);
  if (isDefaultBridge(n) && (body.aliases?.length || body.ipv4 || body.ipv6)) {
    throw new ApiError("conflict", "Aliases and fixed addresses work only on user-defined networks, not on the default bridge.");
  }
  if (body.ipv4) checkFixedAddress(t, containers, n, body.ipv4, "ipv4");
  if (body.ipv6) checkFixedAddress(t, containers, n, body.ipv6, "ipv6");

  const request: EngineConnect = { Container: r.container.id };
  const ipam = {
    ...(body.ipv4 ? { IPv4Address: body.ipv4 } : {}),
    ...(body.ipv6 ? { IPv6Address: body.ipv6 } : {}),
    ...(body.linkLocalIps?.length ? { LinkLocalIPs: body.linkLocalIps } : {}),
  };
  const endpointConfig = {
    ...(body.aliases?.length ? { Aliases: body.aliases } : {}),
    ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}),
    ...(body.driverOpts ? { DriverOpts: body.driverOpts } : {}),
  };
  if (Object.keys(endpointConfig).length > 0) request.EndpointConfig = endpointConfig;

  try {
    await session.engine.connectContainer(n.id, request);
  } catch (err) {
    const left = await removeStaleAttachment(session, n, r.container.id);
    const mapped = refusal(err, `Could not connect ${r.container.name} to ${n.name}`);
    const notes = [
      ...(left.stale ? [staleEntryAdvice(n.name, r.container.name)] : []),
      ...(left.decoyLeft ? [decoyLeftAdvice(n.name, left.decoyLeft)] : []),
    ];
    if (notes.length > 0 && mapped instanceof ApiError) throw new ApiError(mapped.code, [mapped.message, ...notes].join(" "), mapped.engineWords);
    throw mapped;
  }
  return { network: n, container: r.container };
}

/**
 * Docker 20.10, refusing a connect, can leave the network in the container's
 * configuration, which breaks its next start: undo that, as
 * lib/networks/stale-attachment.ts explains. Says what is left, if anything.
 */
async function removeStaleAttachment(session: EngineSession, n: Network, containerId: string): Promise<{ stale: boolean; decoyLeft: string }> {
  const { engine } = session;
  const stale = async (): Promise<boolean> => hasStaleEntry(await engine.inspectContainer(containerId), n.name);
  let decoy = "";
  try {
    if (!(await stale())) return { stale: false, decoyLeft: "" };
    // A stopped container: force does it.
    await engine.disconnectContainer(n.id, containerId, true).catch(() => undefined);
    if (!(await stale())) return { stale: false, decoyLeft: "" };
    // A running one: force works only while the network's name is ambiguous.
    try {
      decoy = await engine.createNetwork(decoyNetwork(n.name, containerId));
      await engine.disconnectContainer(n.name, containerId, true);
    } catch (err) {
      log.error(`could not clear ${n.name} from ${containerId}'s configuration`, err);
    }
    // Left behind, the stand-in would keep the name ambiguous: try twice.
    for (let attempt = 1; decoy && attempt <= 2; attempt++) {
      try {
        await engine.removeNetwork(decoy);
        decoy = "";
      } catch (err) {
        if (attempt === 2) log.error(`could not remove the stand-in network ${decoy}`, err);
      }
    }
    return { stale: await stale(), decoyLeft: decoy };
  } catch (err) {
    log.error(`could not check a refused connect of ${containerId} to ${n.name}`, err);
    return { stale: false, decoyLeft: decoy };
  }
}

// ------------------------------------------------------------ disconnect

export function disconnectOp(session: EngineSession, ref: string, body: DisconnectBody): Promise<Touched> {
  return session.mutate(() => disconnect(session, ref, body));
}

async function disconnect(session: EngineSession, ref: string, body: DisconnectBody): Promise<Touched> {
  const t = (await session.read({ fresh: true })).topology;
  const n = resolveNetwork(t, ref);
  const r = resolveContainer(t, body.container);
  ownerOnly(r, "disconnect");
  if (!t.endpoints.some((e) => e.networkId === n.id && e.sandboxId === r.sandbox.id)) {
    throw new ApiError("conflict", `${r.container.name} is not connected to ${n.name}.`);
  }
  if (n.driver === "host" || n.driver === "null") {
    throw new ApiError("conflict", `${r.container.name} was created with --network ${n.name}; that cannot be undone, only the container recreated.`);
  }
  try {
    await session.engine.disconnectContainer(n.id, r.container.id, body.force ?? false);
  } catch (err) {
    throw refusal(err, `Could not disconnect ${r.container.name} from ${n.name}`);
  }
  return { network: n, container: r.container };
}

// ----------------------------------------------------------------- prune

export interface PruneResult {
  removed: string[];
  /** Networks that matched but could not be removed (e.g. a container joined meanwhile). */
  skipped?: { name: string; reason: string }[];
}

/** Never pruned: Docker's own, and the swarm's plumbing. */
function isInfrastructure(n: Network): boolean {
  return n.predefined || n.ingress || n.name === "docker_gwbridge";
}

export function pruneOp(session: EngineSession, body: PruneBody): Promise<PruneResult> {
  return session.mutate(() => prune(session, body));
}

async function prune(session: EngineSession, body: PruneBody): Promise<PruneResult> {
  const { topology: t, networks } = await session.read({ fresh: true });
  const created = new Map(networks.map((n) => [n.Id, n.Created ?? ""]));
  const cutoff = body.until ? untilCutoff(body.until, new Date()) : null;
  if (body.until && cutoff === null) throw new ApiError("invalid_input", `Cannot read "${body.until}" as a duration or a time.`);
  const used = new Set(t.endpoints.map((e) => e.networkId));
  const configSources = new Set(t.networks.map((n) => n.configFrom).filter(Boolean));
  const candidates = t.networks.filter((n) => {
    if (isInfrastructure(n) || used.has(n.id) || configSources.has(n.name)) return false;
    if (!(body.labels ?? []).every((f) => labelFilterMatches(f, n.labels))) return false;
    if (cutoff) {
      const when = Date.parse(created.get(n.id) ?? "");
      if (!Number.isFinite(when) || when >= cutoff.getTime()) return false;
    }
    return true;
  });
  const names = candidates.map((n) => n.name).sort();
  if (body.dryRun) return { removed: names };

  const removed: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const n of candidates) {
    try {
      await session.engine.removeNetwork(n.id);
      removed.push(n.name);
    } catch (err) {
      const mapped = refusal(err, `Could not remove ${n.name}`);
      skipped.push({ name: n.name, reason: mapped instanceof Error ? mapped.message : String(mapped) });
    }
  }
  return skipped.length > 0 ? { removed: removed.sort(), skipped } : { removed: removed.sort() };
}
