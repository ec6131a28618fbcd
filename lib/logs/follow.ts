/**
 * A followed log (`docker logs --follow`) as server-sent events, bounded:
 * it ends after `maxLines` lines, `maxBytes` bytes of text or `maxMs`,
 * whichever comes first, or when the engine's stream ends, with a last
 * `event: end` saying why. The engine's stream is destroyed when this one
 * ends for any reason, the browser going away included.
 *
 * Frames: `event: open` (the limits), then one default message per line
 * (`data: LogLine`), heartbeats as comments, and `event: end` (FollowEnd).
 * No `retry:`: a browser's EventSource would reconnect after the end, so the
 * panel closes it when it reads `end`.
 */
import { LineSplitter, LogDemuxer, lineBytes, parseLine } from "./parse";
import type { FollowEnd, FollowEndReason, LogLine } from "./types";

export interface FollowOptions {
  /** The container has a TTY: the body is not multiplexed. */
  raw: boolean;
  /** A service's lines carry task attributes. */
  details?: boolean;
  maxLines: number;
  maxBytes: number;
  maxMs: number;
  /** The request's signal: the browser went away. */
  signal: AbortSignal;
  /** What the logs are of, for the end's message ("container web"). */
  what: string;
  heartbeatMs?: number;
  /** The words of an engine's refusal that came after the stream opened. */
  describeError?: (err: unknown) => string;
  /** Called once, when the stream ended, with why. */
  onEnd?: (end: FollowEnd) => void;
}

/** What an engine stream is to this module: bytes, an end, and a way to stop it. */
export interface EngineByteStream {
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  destroy?(): unknown;
}

export function endMessage(reason: FollowEndReason, what: string, opts: Pick<FollowOptions, "maxLines" | "maxBytes" | "maxMs">, detail?: string): string {
  switch (reason) {
    case "lines":
      return `Stopped following after ${opts.maxLines} lines (the limit of one stream). Follow again for more.`;
    case "bytes":
      return `Stopped following after ${Math.round(opts.maxBytes / 1024)} KiB of text (the limit of one stream). Follow again for more.`;
    case "time":
      return `Stopped following after ${Math.round(opts.maxMs / 1000)} s (the limit of one stream). Follow again for more.`;
    case "ended":
      return `The logs of ${what} ended: it is no longer running.`;
    case "error":
      return `The engine's log stream failed${detail ? `: ${detail}` : ""}.`;
  }
}

export const sseLine = (line: LogLine): string => `data: ${JSON.stringify(line)}\n\n`;

/**
 * `opened`: the engine's stream, or its promise: the browser's stream opens
 * at once (a swarm manager answers a followed service's logs only with its
 * first line), and a refusal that comes later ends it with reason `error`.
 */
export function followSse(opened: EngineByteStream | Promise<EngineByteStream>, opts: FollowOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = (): void => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      let source: EngineByteStream | null = null;
      let lines = 0;
      let bytes = 0;
      const enqueue = (text: string): void => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish(null);
        }
      };
      const heartbeat = setInterval(() => enqueue(": heartbeat\n\n"), opts.heartbeatMs ?? 15_000);
      const timer = setTimeout(() => finish("time"), opts.maxMs);
      /** Ends the stream: with a last `end` event, or silently (null) when the browser went away. */
      function finish(reason: FollowEndReason | null, detail?: string): void {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        clearTimeout(timer);
        try {
          source?.destroy?.();
        } catch {
          /* already gone */
        }
        if (reason !== null) {
          const end: FollowEnd = { reason, message: endMessage(reason, opts.what, opts, detail), lines };
          opts.onEnd?.(end);
          try {
            controller.enqueue(encoder.encode(`event: end\ndata: ${JSON.stringify(end)}\n\n`));
            controller.close();
          } catch {
            /* the reader left meanwhile */
          }
        } else {
          opts.onEnd?.({ reason: "ended", message: "the client went away", lines });
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        }
      }
      stop = () => finish(null);

      const splitter = new LineSplitter((stream, text) => {
        if (done) return;
        const line = parseLine(stream, text, opts.details);
        const size = lineBytes(line);
        if (bytes + size > opts.maxBytes) {
          finish("bytes");
          return;
        }
        bytes += size;
        lines += 1;
        enqueue(sseLine(line));
        if (lines >= opts.maxLines) finish("lines");
      });
      const demux = new LogDemuxer((stream, chunk) => splitter.push(stream, chunk), opts.raw);

      enqueue(`event: open\ndata: ${JSON.stringify({ maxLines: opts.maxLines, maxBytes: opts.maxBytes, maxSeconds: Math.round(opts.maxMs / 1000) })}\n\n`);
      const attach = (s: EngineByteStream): void => {
        if (done) {
          s.destroy?.();
          return;
        }
        source = s;
        s.on("data", (chunk: Buffer) => {
          if (!done) demux.push(chunk);
        });
        const ended = (): void => {
          if (done) return;
          splitter.end();
          finish("ended");
        };
        s.on("end", ended);
        s.on("close", ended);
        s.on("error", (err: Error) => finish(opts.signal.aborted ? null : "error", err.message));
      };
      if ("then" in opened) {
        opened.then(attach, (err: unknown) => finish(opts.signal.aborted ? null : "error", opts.describeError?.(err) ?? (err instanceof Error ? err.message : String(err))));
      } else attach(opened);
      if (opts.signal.aborted) finish(null);
      else opts.signal.addEventListener("abort", () => finish(null), { once: true });
    },
    cancel() {
      stop();
    },
  });
}
