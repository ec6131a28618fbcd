/**
 * One browser's event stream (`GET /api/events`): the hub's messages as
 * server-sent events, a heartbeat, and an end when the browser goes away.
 *
 * What the browser has not read yet waits in this stream's queue, and the
 * queue is bounded: a client that falls `maxQueuedBytes` behind is dropped,
 * not buffered without end. Its EventSource reconnects by itself and, as
 * after any gap, fetches the whole topology again. A `removed` message (the
 * engine was removed from cnmap) is the last: the stream ends after it.
 */
import type { HubMessage } from "./hub";
import { formatSse, SSE_HEARTBEAT, SSE_RETRY } from "./sse";

export interface SseSource {
  subscribe(listener: (message: HubMessage) => void, who?: string): () => void;
}

export interface SseStreamOptions {
  /** The signed-in person watching, for presence. */
  who?: string;
  /** Ends the stream (the request's signal: the browser went away). */
  signal: AbortSignal;
  heartbeatMs?: number;
  maxQueuedBytes?: number;
  /** Called once when the client is dropped for being too slow. */
  onDrop?: () => void;
}

export const HEARTBEAT_MS = 15_000;
/** Unread bytes a client may have waiting: far more than a burst of patches at 1,000 sandboxes. */
export const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export const SLOW_CLIENT_FRAME = `event: resync\ndata: ${JSON.stringify({ reason: "this client fell too far behind" })}\n\n`;

export function sseStream(source: SseSource, opts: SseStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const max = opts.maxQueuedBytes ?? MAX_QUEUED_BYTES;
  let cleanup = (): void => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let unsubscribe = (): void => {};
        const heartbeat = setInterval(() => send(SSE_HEARTBEAT), opts.heartbeatMs ?? HEARTBEAT_MS);
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        const send = (text: string): void => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
            return;
          }
          if ((controller.desiredSize ?? 0) <= 0) {
            // Too far behind: say so (it is read after the rest), and end.
            try {
              controller.enqueue(encoder.encode(SLOW_CLIENT_FRAME));
            } catch {
              /* closed meanwhile */
            }
            opts.onDrop?.();
            cleanup();
          }
        };
        send(SSE_RETRY);
        unsubscribe = source.subscribe((m) => {
          send(formatSse(m));
          if (m.kind === "removed") cleanup();
        }, opts.who);
        // Removed before this stream subscribed: told at once, and ended already.
        if (closed) unsubscribe();
        else if (opts.signal.aborted) cleanup();
        else opts.signal.addEventListener("abort", () => cleanup(), { once: true });
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: max }),
  );
}
