import { withApi } from "@/lib/api/with-api";
import { SSE_HEADERS } from "@/lib/events/sse";
import { sseStream } from "@/lib/events/sse-stream";

/**
 * GET /api/events: the live model's patches and the engine's events, as
 * server-sent events. All listeners share the hub's one upstream
 * subscription; a listener is removed when its browser goes away, or
 * dropped when it falls too far behind (lib/events/sse-stream.ts). When the
 * engine is removed from cnmap, the stream says so (`event: removed`) and ends;
 * a presentation link's stream ends when the link is revoked.
 */
export const GET = withApi({ access: "read" }, async ({ request, session, actor }) => {
  const body = sseStream(session.hub, {
    signal: actor.ends ? AbortSignal.any([request.signal, actor.ends]) : request.signal,
    ...(actor.kind === "local" ? {} : { who: actor.name.split("/")[0] }),
    onDrop: () => session.hub.countSlowClient(),
  });
  return new Response(body, { headers: SSE_HEADERS });
});
