import { withApi } from "@/lib/api/with-api";
import { formatSse, SSE_HEARTBEAT, SSE_RETRY } from "@/lib/events/sse";

const HEARTBEAT_MS = 15_000;

/**
 * GET /api/events: engine events that change the model, as server-sent
 * events. All listeners share the hub's one upstream subscription; a listener
 * is removed when its browser goes away.
 */
export const GET = withApi({ access: "read" }, async ({ request, session, actor }) => {
  const encoder = new TextEncoder();
  let cleanup = (): void => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string): void => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(SSE_RETRY);
      const unsubscribe = session.hub.subscribe((m) => send(formatSse(m)), actor.kind === "local" ? undefined : actor.name.split("/")[0]);
      const heartbeat = setInterval(() => send(SSE_HEARTBEAT), HEARTBEAT_MS);
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
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
