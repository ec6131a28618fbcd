/** Server-sent-event framing for hub messages. Pure. */
import type { HubMessage } from "./hub";

/** The response headers of every server-sent-event stream cnmap serves (no caching, no proxy buffering). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export function formatSse(message: HubMessage): string {
  switch (message.kind) {
    case "event":
      return `data: ${JSON.stringify(message.event)}\n\n`;
    case "patch":
      return `event: patch\ndata: ${JSON.stringify(message.patch)}\n\n`;
    case "resync":
      return `event: resync\ndata: ${JSON.stringify({ reason: message.reason })}\n\n`;
    case "status":
      return `event: status\ndata: ${JSON.stringify({ connected: message.connected })}\n\n`;
    case "attribution":
      return `event: attribution\ndata: ${JSON.stringify(message.attribution)}\n\n`;
    case "presence":
      return `event: presence\ndata: ${JSON.stringify({ names: message.names })}\n\n`;
    case "removed":
      return `event: removed\ndata: ${JSON.stringify({ by: message.by })}\n\n`;
  }
}

export const SSE_HEARTBEAT = ": heartbeat\n\n";
export const SSE_RETRY = "retry: 2000\n\n";
