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
 */
import { NdjsonSplitter } from "./ndjson";
import type { Attribution } from "./attribution";
import { containersTouched, toModelEvent, type EngineEvent, type ModelEvent } from "./model-events";

export type HubMessage =
  | { kind: "event"; event: ModelEvent }
  | { kind: "resync"; reason: string }
  | { kind: "status"; connected: boolean }
  /** A change made through cnmap, and who made it. */
  | { kind: "attribution"; attribution: Attribution }
  /** Who is watching this engine now (signed-in people; none in single-user mode). */
  | { kind: "presence"; names: string[] };

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
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/**
 * The engine may send one action twice, stamped ~1.4 ms apart (seen: `docker
 * network disconnect`); drop repeats whose own timestamps are this close
 * together, and no more: a real restart loop repeats actions too. The
 * engine's stamps, not the arrival times: a loaded machine can deliver the
 * two lines far more than 50 ms apart.
 */
const DUPLICATE_WINDOW_MS = 50;
/** How long a key is remembered (by arrival), to keep the map small. */
const DUPLICATE_MEMORY_MS = 10_000;

/** The engine's own time of an event, in milliseconds (timeNano loses only sub-microsecond precision as a double). */
export function engineTimeMs(raw: EngineEvent): number | null {
  const nano = typeof raw.timeNano === "string" ? Number(raw.timeNano) : raw.timeNano;
  if (typeof nano === "number" && Number.isFinite(nano) && nano > 0) return nano / 1e6;
  return typeof raw.time === "number" ? raw.time * 1000 : null;
}

export class EventHub {
  private readonly listeners = new Set<HubListener>();
  /** Who each listener is, for presence (only signed-in people are named). */
  private readonly watchers = new Map<HubListener, string>();
  private readonly invalidators = new Set<(containerIds: string[] | "all") => void>();
  private started = false;
  private connected = false;
  private stream: NodeJS.ReadableStream | null = null;
  private backoff = MIN_BACKOFF_MS;
  private everConnected = false;
  private upstreams = 0;
  private upstreamsOpened = 0;
  private generation = 0;
  private eventsReceived = 0;
  /** Keys of recent events: the engine's time of the last one, and when it arrived, to drop the engine's repeats. */
  private readonly recent = new Map<string, { stamp: number; arrived: number }>();

  /** `open` opens the engine's event stream (EngineClient.openEventStream of this hub's engine). */
  constructor(private readonly open: () => Promise<NodeJS.ReadableStream>) {}

  /** Starts the upstream subscription if it is not running. Idempotent. */
  ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  subscribe(listener: HubListener, who?: string): () => void {
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
      if (this.watchers.delete(listener)) this.broadcast({ kind: "presence", names: this.present() });
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

  stats(): HubStats {
    return {
      connected: this.connected,
      listeners: this.listeners.size,
      upstreams: this.upstreams,
      upstreamsOpened: this.upstreamsOpened,
      generation: this.generation,
      eventsReceived: this.eventsReceived,
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

  private async connect(): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.open();
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.stream = stream;
    this.upstreams += 1;
    this.upstreamsOpened += 1;
    this.connected = true;
    this.backoff = MIN_BACKOFF_MS;
    this.generation += 1;
    this.invalidate("all");
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
      splitter.end();
      this.upstreams -= 1;
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
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    setTimeout(() => void this.connect(), delay).unref?.();
  }

  private handle(raw: EngineEvent): void {
    const event = toModelEvent(raw);
    if (!event) return;
    const key = `${event.type}|${event.action}|${event.id}|${event.container ?? ""}`;
    const now = Date.now();
    const stamp = engineTimeMs(raw) ?? now;
    for (const [k, seen] of this.recent) if (now - seen.arrived >= DUPLICATE_MEMORY_MS) this.recent.delete(k);
    const last = this.recent.get(key);
    this.recent.set(key, { stamp, arrived: now });
    if (last && Math.abs(stamp - last.stamp) < DUPLICATE_WINDOW_MS) return;
    this.eventsReceived += 1;
    this.invalidate(containersTouched(event));
    this.broadcast({ kind: "event", event });
  }
}
