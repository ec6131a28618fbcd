/**
 * One engine, as a value: its client (the allow-list), its event hub, its
 * inspect cache, its live model, its mutation queue, its probe slots, and what is cached of
 * it (the version per connection, the uplink's MTU). The registry
 * (lib/server/engine-registry.ts) holds one per engine; every operation
 * takes the session it works on, and nothing reads a global engine. A
 * session of an engine removed from cnmap is closed: it holds no
 * connection, stream, listener or timer afterwards, and refuses every call.
 */
import "server-only";
import { ApiError } from "../api/errors";
import { ContainerDetailCache } from "../docker/container-cache";
import { EngineClient, type EngineTarget, type EngineVersion } from "../docker/engine";
import { EngineRemovedError, EngineTimeoutError, EngineUnreachableError } from "../docker/errors";
import type { EngineConfig, EngineOrigin } from "../engines/config";
import type { EngineSummary } from "../engines/types";
import { EventHub } from "../events/hub";
import { localUplinkMtu } from "../net/uplink";
import { buildTopology } from "../topology/build";
import type { EngineContainerSummary, EngineNetwork } from "../topology/engine-json";
import { redactPatch } from "../topology/label-policy";
import type { EngineInfo, Topology } from "../topology/types";
import { serverConfig } from "../config";
import { LiveModel, type ModelStats } from "./live-model";
import { MutationQueue, type QueueStats } from "./mutation-queue";
import { log } from "./log";
import { readSwarm, SWARM_POLL_MS } from "./swarm-read";
import type { EngineSwarmSnapshot } from "../topology/swarm-json";

/** One read of the engine: the topology, and the raw lists it was built from (for checks that need engine fields). */
export interface EngineRead {
  topology: Topology;
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
  /** What the engine knows of its swarm, when it is in one. */
  swarm: EngineSwarmSnapshot | null;
}

/** Probes that may run at once on one engine; more are refused (429) rather than queued, as each holds a connection for seconds. */
export const MAX_PROBES = 4;
/** Followed log streams that may be open at once on one engine; more are refused (429): each holds an engine connection for minutes. */
export const MAX_FOLLOWS = 16;
/** Changes that may wait behind the running one. */
export const MAX_WAITING_MUTATIONS = 8;
/** How long the uplink's MTU is trusted: it changes rarely, and no engine event says when. */
const UPLINK_TTL_MS = 60_000;

export interface SessionStats {
  /** Full engine reads made outside the live model (fresh reads for checks; reads while the event stream is down); concurrent readers share one. */
  reads: number;
  model: ModelStats;
  mutations: QueueStats;
  probesRunning: number;
}

export class EngineSession {
  readonly engine: EngineClient;
  readonly hub: EventHub;
  readonly details: ContainerDetailCache;
  readonly mutations: MutationQueue;
  readonly model: LiveModel;
  private probesRunning = 0;
  private followsOpen = 0;
  private reads = 0;
  private inflight: Promise<EngineRead> | null = null;
  private version: { generation: number; version: EngineVersion } | null = null;
  private uplinkAt = -Infinity;
  private hostMtu: number | undefined;
  private lastSwarm: EngineSwarmSnapshot | null = null;

  readonly id: string;
  readonly name: string;
  /** Where the engine comes from (environment, a Docker context, or added by an admin). */
  readonly origin: EngineOrigin;
  readonly target: EngineTarget;

  constructor(config: EngineConfig, timeoutMs: number) {
    this.id = config.id;
    this.name = config.name;
    this.origin = config.origin;
    const target: EngineTarget = { name: config.name, address: config.address, endpoint: config.endpoint, timeoutMs };
    this.target = target;
    this.engine = new EngineClient(target);
    this.hub = new EventHub(() => this.engine.openEventStream());
    this.details = new ContainerDetailCache((cid) => this.engine.inspectContainer(cid), this.hub);
    this.hub.onInvalidate((ids) => this.details.invalidate(ids));
    // One deadline from arrival to answer, waiting included: a little more than one engine request may take.
    this.mutations = new MutationQueue({ maxWaiting: MAX_WAITING_MUTATIONS, deadlineMs: Math.round(target.timeoutMs * 1.5) });
    const { resyncMs, labelPolicy } = serverConfig();
    this.model = new LiveModel(
      {
        listNetworks: (ids) => this.engine.listNetworks(ids),
        listContainers: (ids) => this.engine.listContainers(ids),
        engineInfo: () => this.engineInfo(),
        readSwarm: (ids) => this.readSwarm(ids),
        details: this.details,
        liveness: this.hub,
        observe: (fn) => this.hub.observe(fn),
        publish: (patch) => this.hub.publishPatch(redactPatch(patch, labelPolicy)),
      },
      resyncMs,
      SWARM_POLL_MS,
    );
  }

  get address(): string {
    return this.target.address;
  }

  /**
   * The engine as it is now: the live model while the event stream is up
   * (lib/server/live-model.ts), else a read of the engine that concurrent
   * readers share (a burst of 200 requests makes one set of engine calls).
   * `fresh` starts an engine read of its own: a mutation's checks must not be
   * answered by a read that began before the previous change finished.
   */
  read(opts: { fresh?: boolean } = {}): Promise<EngineRead> {
    if (!opts.fresh && this.hub.isLive()) return this.modelRead();
    return this.directRead(opts.fresh ?? false);
  }

  /** From the live model; straight from the engine if the event stream dropped meanwhile. */
  private async modelRead(): Promise<EngineRead> {
    return (await this.model.read()) ?? this.directRead(false);
  }

  private directRead(fresh: boolean): Promise<EngineRead> {
    if (this.inflight && !fresh) return this.inflight;
    const read = this.readOnce().finally(() => {
      if (this.inflight === read) this.inflight = null;
    });
    this.inflight = read;
    return read;
  }

  async topology(): Promise<Topology> {
    return (await this.read()).topology;
  }

  /**
   * Runs a change in this engine's queue (one at a time, bounded, with a
   * deadline). When it ran, the answer waits until the live model has the
   * result, so the browser's next read shows it (some changes, like
   * connecting a stopped container, come with no event).
   */
  async mutate<T>(op: () => Promise<T>): Promise<T> {
    let ran = false;
    try {
      return await this.mutations.run(() => {
        ran = true;
        return op();
      });
    } finally {
      if (ran) await this.model.settle();
    }
  }

  /** Runs a probe if a slot is free; refuses (429) when MAX_PROBES already run. */
  async probe<T>(op: () => Promise<T>): Promise<T> {
    if (this.probesRunning >= MAX_PROBES) {
      throw new ApiError("busy", `${MAX_PROBES} probes are running already; try again when one has finished.`);
    }
    this.probesRunning += 1;
    try {
      return await op();
    } finally {
      this.probesRunning -= 1;
    }
  }

  /**
   * A slot for one followed log stream, or a refusal (429) when MAX_FOLLOWS
   * are open; the caller calls the returned function once its stream ended.
   */
  followSlot(): () => void {
    if (this.followsOpen >= MAX_FOLLOWS) {
      throw new ApiError("busy", `${MAX_FOLLOWS} followed log streams are open on this engine already; stop one, or read a tail instead.`);
    }
    this.followsOpen += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.followsOpen -= 1;
    };
  }

  /**
   * The engine was removed from cnmap (by `by`): the live model stops, its
   * event stream's listeners hear so and are let go, the upstream stream and
   * every connection to the engine end, and later calls are refused.
   * Idempotent.
   */
  close(by: string): void {
    // The model first: its resync timer stops and it stops hearing the hub.
    this.model.close();
    this.hub.end(by);
    this.engine.close();
    this.details.invalidate("all");
  }

  /** Whether the engine answers now, with its version and swarm state (for GET /api/engines). */
  async summary(): Promise<EngineSummary> {
    const base = { id: this.id, name: this.name, address: this.address, origin: this.origin };
    this.hub.ensureStarted();
    try {
      const [version, info] = await Promise.all([this.versionForGeneration(), this.engine.info()]);
      return {
        ...base,
        connected: true,
        version: version.Version,
        swarm: info.Swarm?.LocalNodeState ?? "inactive",
        logging: { driver: info.LoggingDriver ?? "", debug: info.Debug === true },
      };
    } catch (err) {
      return { ...base, connected: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  stats(): SessionStats {
    return { reads: this.reads, model: this.model.stats(), mutations: this.mutations.stats(), probesRunning: this.probesRunning };
  }

  /**
   * The swarm, read again; when the read fails (a manager without a leader
   * answers 503 for a while), the last good read: the networks and
   * containers must not go with it.
   */
  private async readSwarm(swarmNetworkIds: readonly string[]): Promise<EngineSwarmSnapshot | null> {
    try {
      this.lastSwarm = await readSwarm(this.engine, swarmNetworkIds);
    } catch (err) {
      // The engine itself gone is the read's failure, as for any other call.
      if (err instanceof EngineUnreachableError || err instanceof EngineTimeoutError || err instanceof EngineRemovedError) throw err;
      log.warn(`engine ${this.name}: the swarm could not be read (${err instanceof Error ? err.message : String(err)}); showing the last read`);
    }
    return this.lastSwarm;
  }

  /** What the topology says of the engine itself. */
  private async engineInfo(): Promise<EngineInfo> {
    const [version, info] = await Promise.all([this.versionForGeneration(), this.engine.info()]);
    const hostMtu = this.uplinkMtu();
    return {
      host: this.address,
      version: version.Version,
      apiVersion: version.ApiVersion,
      swarm: info.Swarm?.LocalNodeState ?? "inactive",
      ...(hostMtu === undefined ? {} : { hostMtu }),
    };
  }

  private async readOnce(): Promise<EngineRead> {
    this.reads += 1;
    this.hub.ensureStarted();
    const [networks, containers, engine] = await Promise.all([this.engine.listNetworks(), this.engine.listContainers(), this.engineInfo()]);
    const [details, swarm] = await Promise.all([
      this.details.resolve(containers),
      engine.swarm === "active" ? this.readSwarm(networks.filter((n) => n.Scope === "swarm").map((n) => n.Id)) : null,
    ]);
    return { topology: { engine, ...buildTopology({ networks, containers, details, swarm }) }, networks, containers, swarm };
  }

  /** The engine's version, asked once while the event stream shows the same engine process is there. */
  private async versionForGeneration(): Promise<EngineVersion> {
    const generation = this.hub.currentGeneration();
    if (this.version && this.hub.isLive() && this.version.generation === generation) return this.version.version;
    const version = await this.engine.version();
    if (this.hub.isLive() && generation === this.hub.currentGeneration()) this.version = { generation, version };
    return version;
  }

  /** The host uplink's MTU, read from /proc and /sys at most once a minute rather than on every read. */
  private uplinkMtu(): number | undefined {
    const now = Date.now();
    if (now - this.uplinkAt > UPLINK_TTL_MS) {
      this.hostMtu = localUplinkMtu(this.address);
      this.uplinkAt = now;
    }
    return this.hostMtu;
  }
}
