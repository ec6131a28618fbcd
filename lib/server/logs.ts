/**
 * `docker logs` and `docker service logs`, read-only and bounded: a tail of
 * at most LOG_LIMITS.maxTail lines and maxBytes of text, or a followed
 * stream with a duration, a line count and a byte count it never passes
 * (lib/logs/follow.ts). A container is resolved on the live model like the
 * inspector's (ID, name, unique ID prefix); a service by the engine, which
 * alone knows services (and refuses, 409, on a node that is no swarm manager).
 */
import "server-only";
import { Readable } from "node:stream";
import { ApiError } from "../api/errors";
import type { LogsQuery } from "../api/schemas";
import { refusal } from "../docker/refusals";
import { engineStatus } from "../docker/errors";
import { followSse } from "../logs/follow";
import { boundTail, LineSplitter, LogDemuxer, linesByTime, parseLine } from "../logs/parse";
import { LOG_LIMITS, type FollowEnd, type LogKind, type LogLine, type LogsBody } from "../logs/types";
import type { EngineSession } from "./engine-session";
import { resolveLive } from "./inspect";
import { resolveContainer } from "./networks";

interface LogTarget {
  kind: LogKind;
  id: string;
  name: string;
  tty: boolean;
}

/** The docker command that shows the same lines. */
export function logsCommand(kind: LogKind, name: string, tail: number | "all", follow: boolean): string {
  return `docker ${kind === "service" ? "service logs" : "logs"} --timestamps --tail ${tail}${follow ? " --follow" : ""} ${name}`;
}

async function target(session: EngineSession, kind: LogKind, ref: string): Promise<LogTarget> {
  if (kind === "container") {
    const { container } = await resolveLive(session, (t) => resolveContainer(t, ref));
    const inspected = await session.engine.inspectContainer(container.id);
    if (!inspected) throw new ApiError("not_found", `No such container: ${ref}.`);
    const tty = (inspected as { Config?: { Tty?: boolean } | null }).Config?.Tty === true;
    return { kind, id: container.id, name: container.name, tty };
  }
  let service;
  try {
    service = await session.engine.inspectService(ref);
  } catch (err) {
    const engine = engineStatus(err);
    if (engine?.status === 503) {
      throw new ApiError("conflict", `Service logs need a swarm manager: this engine is not one (the engine said "${engine.message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, "").trim()}").`);
    }
    throw refusal(err, `Could not read service ${ref}`);
  }
  if (!service) throw new ApiError("not_found", `No such service: ${ref}.`);
  const containerSpec = service.Spec.TaskTemplate?.ContainerSpec as { TTY?: boolean } | undefined;
  return { kind, id: service.ID, name: service.Spec.Name, tty: containerSpec?.TTY === true };
}

function engineRefusal(err: unknown, t: LogTarget): unknown {
  const engine = engineStatus(err);
  if (engine && /configured logging driver does not support reading|does not support reading/i.test(engine.message)) {
    return new ApiError("conflict", `The logs of ${t.kind} ${t.name} cannot be read: its logging driver does not keep them for reading (the engine said "${engine.message}").`);
  }
  return refusal(err, `Could not read the logs of ${t.kind} ${t.name}`);
}

/** Reads a whole (non-followed) logs body, stopping at `maxBytes` of what the engine sends: a tail is bounded before it is parsed. */
async function readBounded(stream: NodeJS.ReadableStream, raw: boolean, details: boolean, maxBytes: number): Promise<{ lines: LogLine[]; overflow: boolean }> {
  const lines: LogLine[] = [];
  const splitter = new LineSplitter((s, text) => lines.push(parseLine(s, text, details)));
  const demux = new LogDemuxer((s, chunk) => splitter.push(s, chunk), raw);
  let received = 0;
  let overflow = false;
  // The engine writes the tail oldest first: keep reading (and dropping the oldest) up to a hard cap on what is read at all.
  const hardCap = maxBytes * 4;
  const readable = stream instanceof Readable ? stream : Readable.from(stream as AsyncIterable<Buffer>);
  try {
    for await (const chunk of readable as AsyncIterable<Buffer>) {
      received += chunk.length;
      demux.push(chunk);
      if (lines.length > LOG_LIMITS.maxTail * 2) lines.splice(0, lines.length - LOG_LIMITS.maxTail);
      if (received > hardCap) {
        overflow = true;
        break;
      }
    }
  } finally {
    readable.destroy();
  }
  splitter.end();
  return { lines, overflow };
}

export async function logsTailOp(session: EngineSession, kind: LogKind, ref: string, query: LogsQuery, signal: AbortSignal): Promise<LogsBody> {
  const t = await target(session, kind, ref);
  const tail = query.tail ?? LOG_LIMITS.defaultTail;
  const details = kind === "service";
  let stream: NodeJS.ReadableStream;
  try {
    stream = await session.engine.openLogs(kind, t.id, { follow: false, tail, details }, signal);
  } catch (err) {
    throw engineRefusal(err, t);
  }
  const { lines } = await readBounded(stream, t.tty, details, LOG_LIMITS.maxBytes);
  // A manager applies `tail` to each task and sends their lines as they come: in time order, the last N are the service's.
  const ordered = kind === "service" ? linesByTime(lines) : lines;
  const bounded = boundTail(ordered, tail, LOG_LIMITS.maxBytes);
  return {
    kind,
    id: t.id,
    name: t.name,
    tail,
    lines: bounded.lines,
    cut: bounded.cut === "bytes" ? "bytes" : null,
    tty: t.tty,
    command: logsCommand(kind, t.name, tail, false),
  };
}

export interface FollowResult {
  target: LogTarget;
  body: ReadableStream<Uint8Array>;
  command: string;
}

/**
 * A followed stream: `since` (a line's time, UNIX seconds) continues from a
 * tail already shown, without a gap; without it, only lines written from now
 * (plus `tail` lines of history when asked).
 */
export async function logsFollowOp(session: EngineSession, kind: LogKind, ref: string, query: LogsQuery, signal: AbortSignal, onEnd?: (end: FollowEnd) => void): Promise<FollowResult> {
  const t = await target(session, kind, ref);
  const release = session.followSlot();
  const limits = LOG_LIMITS.follow;
  const tail = query.since !== undefined ? "all" : (query.tail ?? 0);
  const details = kind === "service";
  const abort = new AbortController();
  const engineSignal = AbortSignal.any([signal, abort.signal]);
  const stream = session.engine.openLogs(kind, t.id, { follow: true, tail, details, ...(query.since !== undefined ? { since: query.since } : {}) }, engineSignal);
  const body = followSse(stream as Promise<NodeJS.ReadableStream & { destroy(): void }>, {
    describeError: (err) => {
      const mapped = engineRefusal(err, t);
      return mapped instanceof Error ? mapped.message : String(mapped);
    },
    raw: t.tty,
    details,
    maxLines: query.maxLines ?? limits.defaultLines,
    maxBytes: limits.maxBytes,
    maxMs: (query.maxSeconds ?? limits.defaultSeconds) * 1000,
    signal,
    what: `${kind} ${t.name}`,
    onEnd: (end) => {
      abort.abort();
      release();
      onEnd?.(end);
    },
  });
  return { target: t, body, command: logsCommand(kind, t.name, tail, true) };
}
