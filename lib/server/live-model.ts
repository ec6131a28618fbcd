/**
 * The live model of one engine: the engine's network and container lists,
 * kept current by its event stream instead of read again for every request.
 *
 * - Built from one full read. Each engine event marks what it touched (a
 *   container, a network); the next cycle lists just those again, with the
 *   same list calls and an ID filter, so the model holds exactly what a full
 *   read would. A cycle rebuilds the topology (pure), diffs it against the
 *   last one, and when anything differs bumps the version and publishes the
 *   patch (lib/topology/patch.ts) on the event stream.
 * - Docker 20.10 can send an event before its container list shows the
 *   change: a container whose list entry does not show its latest event yet
 *   is listed again, after LAG_RETRY_MS doubling, for up to LAG_GIVE_UP_MS.
 * - Read in full again after any gap in the event stream (the hub says
 *   "gap" on every (re)connection), after a failed cycle, after every change
 *   made through cnmap, and every `resyncMs`: some changes come with no event
 *   at all (README, "What the engine does not announce").
 * - Cycles run one at a time. `refresh()` resolves when a cycle that began
 *   after the call has finished, so "after refresh, the model has it" holds;
 *   a read waits for the events already received to be handled.
 * - While the event stream is down the model is not used (EngineSession reads
 *   the engine directly), as it cannot know what it missed.
 */
import "server-only";
import type { EngineContainerDetail, EngineContainerSummary, EngineNetwork } from "../topology/engine-json";
import type { EngineSwarmSnapshot } from "../topology/swarm-json";
import { listShows, type ModelEvent } from "../events/model-events";
import { buildTopology } from "../topology/build";
import { diffTopology, type TopologyPatch } from "../topology/patch";
import type { EngineInfo, Topology } from "../topology/types";

/** What the model reads the engine with (EngineSession wires its client, cache and hub in). */
export interface ModelSource {
  listNetworks(ids?: readonly string[]): Promise<EngineNetwork[]>;
  listContainers(ids?: readonly string[]): Promise<EngineContainerSummary[]>;
  /** The engine's version, swarm state and uplink MTU (read on full reads only). */
  engineInfo(): Promise<EngineInfo>;
  /** What the engine knows of its swarm (null outside one); `swarmNetworkIds`: whose peers to read. */
  readSwarm(swarmNetworkIds: readonly string[]): Promise<EngineSwarmSnapshot | null>;
  details: {
    resolve(containers: EngineContainerSummary[]): Promise<Record<string, EngineContainerDetail | undefined>>;
    invalidate(ids: string[] | "all"): void;
  };
  liveness: { isLive(): boolean; currentGeneration(): number };
  observe(fn: (event: ModelEvent | "gap") => void): () => void;
  publish(patch: TopologyPatch): void;
}

export interface ModelState {
  topology: Topology;
  networks: EngineNetwork[];
  containers: EngineContainerSummary[];
  swarm: EngineSwarmSnapshot | null;
}

export interface ModelStats {
  version: number;
  fullReads: number;
  targetedReads: number;
  patches: number;
  /** Containers listed again because their list entry did not show their event yet. */
  lagRetries: number;
  /** Reads of the swarm alone (its events, and the poll while it is active). */
  swarmReads: number;
}

/** The first wait before listing again a container whose list entry lags its event; doubled each time. */
export const LAG_RETRY_MS = 10;
/** After this long, the list is taken as it is (the next full read has the last word). */
export const LAG_GIVE_UP_MS = 2000;

interface Expectation {
  event: ModelEvent;
  since: number;
  retryMs: number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class LiveModel {
  readonly epoch = globalThis.crypto.randomUUID();
  private readonly networks = new Map<string, EngineNetwork>();
  private readonly containers = new Map<string, EngineContainerSummary>();
  private info: EngineInfo | null = null;
  private swarm: EngineSwarmSnapshot | null = null;
  /** The swarm must be read again (a service or node event, a network event, the poll). */
  private swarmDirty = false;
  private swarmTimer: ReturnType<typeof setInterval> | null = null;
  private state: (ModelState & { generation: number }) | null = null;
  private version = 0;
  private needFull = true;
  private readonly dirtyContainers = new Set<string>();
  private readonly dirtyNetworks = new Set<string>();
  private waiters: Waiter[] = [];
  private pumping = false;
  private fullRead: Promise<void> | null = null;
  private failed = false;
  /** A failure has been logged, and no cycle has succeeded since. */
  private warned = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly stopObserving: () => void;
  private closed = false;
  private counts = { fullReads: 0, targetedReads: 0, patches: 0, lagRetries: 0, swarmReads: 0 };
  /** Per container, its latest event whose effect its list entry must show. */
  private readonly expected = new Map<string, Expectation>();
  private readonly lagTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly source: ModelSource,
    private readonly resyncMs: number,
    /** How often the swarm is read again while it is active (no event tells a task's state). */
    private readonly swarmPollMs: number,
  ) {
    this.stopObserving = source.observe((e) => this.onEvent(e));
  }

  /**
   * The current state, when the model can be trusted (the event stream is
   * live); building or catching up first when it must. Null when the stream
   * is down: the caller reads the engine itself.
   */
  async read(): Promise<ModelState | null> {
    if (!this.source.liveness.isLive()) return null;
    if (!this.state || this.needFull || this.state.generation !== this.source.liveness.currentGeneration()) {
      // Concurrent readers share one full read.
      this.fullRead ??= this.refresh({ full: true }).finally(() => {
        this.fullRead = null;
      });
      await this.fullRead;
    } else if (this.pumping || this.dirtyContainers.size > 0 || this.dirtyNetworks.size > 0 || this.swarmDirty) {
      // Every event the server has received is in the answer.
      await this.refresh();
    }
    return this.state;
  }

  /** Marks what changed (everything, with `full`) and resolves once a cycle that began after this call has finished. */
  refresh(touched: { full?: boolean; containers?: readonly string[]; networks?: readonly string[]; swarm?: boolean } = {}): Promise<void> {
    if (touched.full) this.needFull = true;
    if (touched.swarm) this.swarmDirty = true;
    for (const id of touched.containers ?? []) this.dirtyContainers.add(id);
    for (const id of touched.networks ?? []) this.dirtyNetworks.add(id);
    this.source.details.invalidate([...(touched.containers ?? [])]);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.failed = false;
    this.schedule();
    return done;
  }

  /** After a change made through cnmap: the model has it when this resolves (never throws; a failure means a full read next time). */
  async settle(): Promise<void> {
    if (!this.state || !this.source.liveness.isLive()) return;
    await this.refresh({ full: true }).catch(() => undefined);
  }

  stats(): ModelStats {
    return { version: this.version, ...this.counts };
  }

  close(): void {
    this.closed = true;
    this.stopObserving();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopSwarmPoll();
    for (const t of this.lagTimers) clearTimeout(t);
    this.lagTimers.clear();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new Error("the engine was removed"));
  }

  private onEvent(e: ModelEvent | "gap"): void {
    if (e === "gap") {
      this.needFull = true;
    } else if (e.type === "service" || e.type === "node") {
      this.swarmDirty = true;
    } else if (e.type === "container") {
      this.dirtyContainers.add(e.id);
      this.expect(e.id, e);
    } else {
      this.dirtyNetworks.add(e.id);
      // A swarm network's peers and VIPs change with it (a new one is not in the model yet: its scope is unknown).
      const known = this.networks.get(e.id);
      if (this.swarm && (known === undefined || known.Scope === "swarm")) this.swarmDirty = true;
      if (e.container) {
        this.dirtyContainers.add(e.container);
        this.expect(e.container, e);
      }
    }
    // Until the model is first read, there is nothing to keep current.
    if (this.state && !this.failed) this.schedule();
  }

  private expect(containerId: string, event: ModelEvent): void {
    this.expected.set(containerId, { event, since: Date.now(), retryMs: LAG_RETRY_MS });
  }

  /**
   * After a read: a container whose entry does not show its latest event yet
   * is listed again a moment later (a few times, then taken as it is).
   */
  private checkLag(read: Iterable<string>): void {
    const now = Date.now();
    const lagging: string[] = [];
    let wait = Infinity;
    for (const id of read) {
      const exp = this.expected.get(id);
      if (!exp) continue;
      if (listShows(exp.event, this.containers.get(id)) || now - exp.since > LAG_GIVE_UP_MS) {
        this.expected.delete(id);
        continue;
      }
      lagging.push(id);
      wait = Math.min(wait, exp.retryMs);
      exp.retryMs *= 2;
    }
    if (lagging.length === 0 || this.closed) return;
    this.counts.lagRetries += lagging.length;
    const timer = setTimeout(() => {
      this.lagTimers.delete(timer);
      for (const id of lagging) this.dirtyContainers.add(id);
      if (!this.failed) this.schedule();
    }, wait);
    timer.unref?.();
    this.lagTimers.add(timer);
  }

  private hasWork(): boolean {
    return this.waiters.length > 0 || this.needFull || this.dirtyContainers.size > 0 || this.dirtyNetworks.size > 0 || this.swarmDirty;
  }

  private schedule(): void {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      // After a failure, wait for someone to ask, but someone who asked while the failing cycle ran has asked already.
      if (this.waiters.length > 0 || (!this.failed && this.hasWork())) this.schedule();
    });
  }

  private async pump(): Promise<void> {
    while (this.hasWork() && !this.closed) {
      const waiters = this.waiters;
      this.waiters = [];
      const full = this.needFull || !this.state;
      const containers = [...this.dirtyContainers];
      const networks = [...this.dirtyNetworks];
      const swarm = this.swarmDirty;
      this.needFull = false;
      this.swarmDirty = false;
      this.dirtyContainers.clear();
      this.dirtyNetworks.clear();
      const generation = this.source.liveness.currentGeneration();
      try {
        if (full) await this.readAll();
        else await this.readSome(containers, networks, swarm);
        await this.rebuild(generation);
        this.warned = false;
        for (const w of waiters) w.resolve();
      } catch (err) {
        // Start over from a full read, when someone next asks or an event comes.
        this.needFull = true;
        // Said once until a cycle succeeds (an engine gone fails every cycle), so a stall in a log has its cause next to it.
        if (!this.warned && !this.closed) console.warn(`[cnmap] the live model could not read the engine (${err instanceof Error ? err.message : String(err)}); it reads in full when next asked`);
        this.failed = true;
        this.warned = true;
        for (const w of waiters) w.reject(err);
        return;
      }
    }
  }

  private async readAll(): Promise<void> {
    const [networks, containers, info] = await Promise.all([this.source.listNetworks(), this.source.listContainers(), this.source.engineInfo()]);
    this.counts.fullReads += 1;
    this.networks.clear();
    for (const n of networks) this.networks.set(n.Id, n);
    this.containers.clear();
    for (const c of containers) this.containers.set(c.Id, c);
    this.info = info;
    this.swarm = info.swarm === "active" ? await this.source.readSwarm(swarmNetworkIds(networks)) : null;
    this.swarmPoll();
    this.startTimer();
    this.checkLag([...this.expected.keys()]);
  }

  private async readSome(containerIds: string[], networkIds: string[], swarm: boolean): Promise<void> {
    const [containers, networks] = await Promise.all([
      containerIds.length > 0 ? this.source.listContainers(containerIds) : [],
      networkIds.length > 0 ? this.source.listNetworks(networkIds) : [],
    ]);
    if (containerIds.length > 0 || networkIds.length > 0) this.counts.targetedReads += 1;
    replace(this.containers, containerIds, containers);
    replace(this.networks, networkIds, networks);
    this.checkLag(containerIds);
    if (swarm) await this.readSwarmAgain();
  }

  /**
   * The swarm alone, read again. Joining or leaving a swarm changes the
   * networks (ingress, docker_gwbridge) and the engine's facts with no event
   * of its own: that calls for a full read.
   */
  private async readSwarmAgain(): Promise<void> {
    const read = await this.source.readSwarm(swarmNetworkIds(this.networks.values()));
    this.counts.swarmReads += 1;
    const wasIn = this.swarm !== null;
    this.swarm = read;
    if (wasIn !== (read !== null) || (read !== null && this.info?.swarm !== "active")) this.needFull = true;
    this.swarmPoll();
  }

  /** Polls the swarm while the engine is in one: tasks change state with no event. */
  private swarmPoll(): void {
    if (!this.swarm) return this.stopSwarmPoll();
    if (this.swarmTimer || this.closed) return;
    this.swarmTimer = setInterval(() => {
      if (!this.state || !this.source.liveness.isLive() || this.failed) return;
      this.swarmDirty = true;
      this.schedule();
    }, this.swarmPollMs);
    this.swarmTimer.unref?.();
  }

  private stopSwarmPoll(): void {
    if (this.swarmTimer) clearInterval(this.swarmTimer);
    this.swarmTimer = null;
  }

  private async rebuild(generation: number): Promise<void> {
    const networks = [...this.networks.values()];
    const containers = [...this.containers.values()];
    const details = await this.source.details.resolve(containers);
    const info = this.info;
    if (!info) throw new Error("the model has no engine info yet");
    const swarm = this.swarm;
    const built: Topology = { engine: info, ...buildTopology({ networks, containers, details, swarm }) };
    const before = this.state?.topology;
    if (!before) {
      this.version += 1;
      this.state = { topology: { ...built, live: { epoch: this.epoch, version: this.version } }, networks, containers, swarm, generation };
      return;
    }
    const patch = diffTopology(before, built, { epoch: this.epoch, from: this.version, to: this.version + 1 });
    if (patch) {
      this.version += 1;
      this.counts.patches += 1;
      this.state = { topology: { ...built, live: { epoch: this.epoch, version: this.version } }, networks, containers, swarm, generation };
      this.source.publish(patch);
    } else {
      this.state = { topology: before, networks, containers, swarm, generation };
    }
  }

  private startTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (this.state && this.source.liveness.isLive() && !this.pumping) void this.refresh({ full: true }).catch(() => undefined);
    }, this.resyncMs);
    this.timer.unref?.();
  }
}

/** The swarm-scope networks, whose peers a manager's swarm read includes. */
function swarmNetworkIds(networks: Iterable<EngineNetwork>): string[] {
  return [...networks].filter((n) => n.Scope === "swarm").map((n) => n.Id);
}

/** Puts what a filtered list found and drops the asked-for IDs it did not find (removed since). */
function replace<T extends { Id: string }>(map: Map<string, T>, asked: string[], found: T[]): void {
  const seen = new Set<string>();
  for (const item of found) {
    map.set(item.Id, item);
    seen.add(item.Id);
  }
  for (const id of asked) if (!seen.has(id)) map.delete(id);
}
