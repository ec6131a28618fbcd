/**
 * One upstream subscription to the engine's event stream, however many
 * browsers listen. It parses the newline-delimited JSON, keeps only events
 * that change the model, fans them out, and on losing the engine reconnects
 * with backoff and tells every listener to resync: events during the gap are
 * lost, so only a full reload is correct.
 *
 * The hub also drives the container-inspect cache: it invalidates entries on
 * events, and bumps `generation` on every (re)connection so that nothing
 * cached across a gap is trusted.
 *
 * When its engine is removed from cnmap, `end` tells every listener so, lets
 * them go, and closes the upstream stream and any pending reconnection: an
 * ended hub holds no connection, timer or listener, and never starts again.
 */
import type { TopologyPatch } from "../topology/patch";
import { NdjsonSplitter } from "./ndjson";
import type { Attribution } from "./attribution";
import { containersTouched, toModelEvent, type EngineEvent, type ModelEvent } from "./model-events";

export type HubMessage =
  | { kind: "event"; event: ModelEvent }
  | { kind: "resync"; reason: string }
  /** The live model changed (lib/server/live-model.ts): apply to the topology of version `from`. */
  | { kind: "patch"; patch: TopologyPatch }
  | { kind: "status"; connected: boolean }
  /** A change made through cnmap, and who made it. */
  | { kind: "attribution"; attribution: Attribution }
  /** Who is watching this engine now (signed-in people; none in single-user mode). */
  | { kind: "presence"; names: string[] }
  /** The engine was removed from cnmap (by `by`): the last message; the listener is let go. */
  | { kind: "removed"; by: string };

export type HubListener = (message: HubMessage) => void;

export interface HubStats {
  connected: boolean;
  listeners: number;
  /** Upstream engine subscriptions open right now: 0 or 1. */
  upstreams: number;
  /** Upstream subscriptions opened since the server started. */
  upstreamsOpened: number;
  generation: number;
  eventsReceived: number;
  /** Event-stream clients dropped for falling too far behind (lib/events/sse-stream.ts). */
  slowClientsDropped: number;
}

const MIN_BACKOFF_MS = 500;
/** At most this long between attempts: an engine back after a restart is seen within it (issue 9: the graph right within 5 s of its return). */
const MAX_BACKOFF_MS = 2000;
/**
 * The engine may send one action twice, stamped ~1.4 ms apart (seen: `docker
 * network disconnect`); drop repeats whose own timestamps are this close
 * together, and no more: a real restart loop repeats actions too. The
 * engine's stamps, not the arrival times: a loaded machine can deliver the
 * two lines far more than 50 ms apart.
 */
const DUPLICATE_WINDOW_MS = 50;
/**
 * `docker network disconnect` of a running container is announced twice
 * (the endpoint's leave and its deletion), 5 to 12 ms apart when idle and
 * further under load. A container cannot leave a network twice without
 * joining it in between, so for connect and disconnect a repeat of the same
 * action on the same pair, with no opposite action between, is one action
 * when stamped within this long. (Connecting a stopped container has no
 * event, so a script could make a true repeat faster: it would show once in
 * the timeline, and the live model, which hears every line, stays right.)
 */
const PAIR_REPEAT_MS = 1000;
/** How long a key is remembered (by arrival), to keep the map small. */
const DUPLICATE_MEMORY_MS = 10_000;

/** The engine's own time of an event, in milliseconds (timeNano loses only sub-microsecond precision as a double). */
export function engineTimeMs(raw: EngineEvent): number | null {
  const nano = typeof raw.timeNano === "string" ? Number(raw.timeNano) : raw.timeNano;
  if (typeof nano === "number" && Number.isFinite(nano) && nano > 0) return nano / 1e6;
  return typeof raw.time === "number" ? raw.time * 1000 : null;
}

/** Ends a stream and its connection (an HTTP response's destroy closes its socket). */
function destroyStream(stream: NodeJS.ReadableStream): void {
  const s = stream as NodeJS.ReadableStream & { destroy?: () => void };
  if (typeof s.destroy === "function") s.destroy();
}

export class EventHub {
  private readonly listeners = new Set<HubListener>();
  /** Who each listener is, for presence (only signed-in people are named). */
  private readonly watchers = new Map<HubListener, string>();
  private readonly invalidators = new Set<(containerIds: string[] | "all") => void>();
  private readonly observers = new Set<(event: ModelEvent | "gap") => void>();
  private started = false;
  private ended: { by: string } | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private connected = false;
  private stream: NodeJS.ReadableStream | null = null;
  private backoff = MIN_BACKOFF_MS;
  private everConnected = false;
  private upstreams = 0;
  private upstreamsOpened = 0;
  private generation = 0;
  private eventsReceived = 0;
  private slowClientsDropped = 0;
  /** Keys of recent events: the engine's time of the last one, and when it arrived, to drop the engine's repeats. */
  private readonly recent = new Map<string, { stamp: number; arrived: number }>();
  /** The last connect or disconnect of each (network, container) pair. */
  private readonly pairs = new Map<string, { action: string; stamp: number; arrived: number }>();

  /** `open` opens the engine's event stream (EngineClient.openEventStream of this hub's engine). */
  constructor(private readonly open: () => Promise<NodeJS.ReadableStream>) {}

  /** Starts the upstream subscription if it is not running. Idempotent. */
  ensureStarted(): void {
    if (this.started || this.ended) return;
    this.started = true;
    void this.connect();
  }

  subscribe(listener: HubListener, who?: string): () => void {
    if (this.ended) {
      // Resolved the engine just before it was removed: told at once, and not kept.
      listener({ kind: "removed", by: this.ended.by });
      return () => undefined;
    }
    this.ensureStarted();
    this.listeners.add(listener);
    listener({ kind: "status", connected: this.connected });
    if (who) {
      this.watchers.set(listener, who);
      this.broadcast({ kind: "presence", names: this.present() });
    } else if (this.watchers.size > 0) {
      listener({ kind: "presence", names: this.present() });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.watchers.delete(listener) && !this.ended) this.broadcast({ kind: "presence", names: this.present() });
    };
  }

  /** The names of the people watching now, each once, sorted. */
  present(): string[] {
    return [...new Set(this.watchers.values())].sort();
  }

  /** Tells everyone watching that a change was made through cnmap, and by whom. */
  announce(attribution: Attribution): void {
    this.broadcast({ kind: "attribution", attribution });
  }

  countSlowClient(): void {
    this.slowClientsDropped += 1;
  }

  /** Sends a live-model patch to everyone watching. */
  publishPatch(patch: TopologyPatch): void {
    this.broadcast({ kind: "patch", patch });
  }

  /**
   * Registers the live model: it hears every model event (after the caches
   * were invalidated for it), and "gap" on every (re)connection, when events
   * may have been missed.
   */
  observe(fn: (event: ModelEvent | "gap") => void): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  /** Registers a cache to invalidate on events ("all" on every reconnection). */
  onInvalidate(fn: (containerIds: string[] | "all") => void): () => void {
    this.invalidators.add(fn);
    return () => this.invalidators.delete(fn);
  }

  /** Whether cached data may be trusted: the stream is live, so any change would have been seen. */
  isLive(): boolean {
    return this.connected;
  }

  currentGeneration(): number {
    return this.generation;
  }

  /**
   * The engine was removed (by `by`): every listener hears so and is let go,
   * the upstream stream is closed, a pending reconnection cancelled, and the
   * hub never starts again. Idempotent.
   */
  end(by: string): void {
    if (this.ended) return;
    this.ended = { by };
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.broadcast({ kind: "removed", by });
    this.listeners.clear();
    this.watchers.clear();
    this.invalidators.clear();
    this.observers.clear();
    this.recent.clear();
    this.pairs.clear();
    this.connected = false;
    const stream = this.stream;
    this.stream = null;
    if (stream) destroyStream(stream);
  }

  /** Whether `end` was called. */
  isEnded(): boolean {
    return this.ended !== null;
  }

  stats(): HubStats {
    return {
      connected: this.connected,
      listeners: this.listeners.size,
      upstreams: this.upstreams,
      upstreamsOpened: this.upstreamsOpened,
      generation: this.generation,
      eventsReceived: this.eventsReceived,
      slowClientsDropped: this.slowClientsDropped,
    };
  }

  private broadcast(message: HubMessage): void {
    for (const l of [...this.listeners]) {
      try {
        l(message);
      } catch (err) {
        console.error("[cnmap] event listener failed", err);
      }
    }
  }

  private invalidate(ids: string[] | "all"): void {
    for (const fn of this.invalidators) fn(ids);
  }

  private notify(event: ModelEvent | "gap"): void {
    for (const fn of this.observers) {
      try {
        fn(event);
      } catch (err) {
        console.error("[cnmap] model observer failed", err);
      }
    }
  }

  private async connect(): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.open();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (this.ended) {
      // Opened while the engine was being removed: nobody wants it.
      destroyStream(stream);
      return;
    }
    this.stream = stream;
    this.upstreams += 1;
    this.upstreamsOpened += 1;
    this.connected = true;
    this.backoff = MIN_BACKOFF_MS;
    this.generation += 1;
    this.invalidate("all");
    this.notify("gap");
    this.broadcast({ kind: "status", connected: true });
    if (this.everConnected) this.broadcast({ kind: "resync", reason: "reconnected to the engine" });
    this.everConnected = true;

    const splitter = new NdjsonSplitter<EngineEvent>(
      (e) => this.handle(e),
      (line) => console.warn("[cnmap] unparsable engine event line:", line.slice(0, 200)),
    );
    let closed = false;
    const onClose = (): void => {
      if (closed) return;
      closed = true;
      this.upstreams -= 1;
      if (this.ended) return;
      splitter.end();
      this.stream = null;
      this.connected = false;
      this.broadcast({ kind: "status", connected: false });
      this.scheduleReconnect();
    };
    stream.on("data", (chunk: Buffer | string) => splitter.push(typeof chunk === "string" ? chunk : new Uint8Array(chunk)));
    stream.on("end", onClose);
    stream.on("close", onClose);
    stream.on("error", onClose);
  }

  private scheduleReconnect(): void {
    if (this.ended) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  /** Whether a connect or disconnect repeats the last action on its (network, container) pair (PAIR_REPEAT_MS); remembers it. */
  private pairRepeat(event: ModelEvent, stamp: number): boolean {
    if (event.type !== "network" || !event.container || (event.action !== "connect" && event.action !== "disconnect")) return false;
    const key = `${event.id}|${event.container}`;
    const last = this.pairs.get(key);
    this.pairs.set(key, { action: event.action, stamp, arrived: Date.now() });
    return last !== undefined && last.action === event.action && Math.abs(stamp - last.stamp) < PAIR_REPEAT_MS;
  }

  private handle(raw: EngineEvent): void {
    const event = toModelEvent(raw);
    if (!event) return;
    const key = `${event.type}|${event.action}|${event.id}|${event.container ?? ""}`;
    const now = Date.now();
    const stamp = engineTimeMs(raw) ?? now;
    for (const [k, seen] of this.recent) if (now - seen.arrived >= DUPLICATE_MEMORY_MS) this.recent.delete(k);
    for (const [k, seen] of this.pairs) if (now - seen.arrived >= DUPLICATE_MEMORY_MS) this.pairs.delete(k);
    const last = this.recent.get(key);
    this.recent.set(key, { stamp, arrived: now });
    const repeat = (last !== undefined && Math.abs(stamp - last.stamp) < DUPLICATE_WINDOW_MS) || this.pairRepeat(event, stamp);
    // The model and the caches hear every line (handling one twice is harmless); the timeline hears each action once.
    this.invalidate(containersTouched(event));
    this.notify(event);
    if (repeat) return;
    this.eventsReceived += 1;
    this.broadcast({ kind: "event", event });
  }
}
