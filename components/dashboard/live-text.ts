import type { LiveState } from "@/lib/hooks/use-engine-events";

/** How the live state reads, and its dot, on the dashboard's header and a presentation's status line. */
export const LIVE_TEXT: Record<LiveState, { text: string; dot: string }> = {
  connecting: { text: "connecting", dot: "bg-slate-400" },
  live: { text: "live", dot: "bg-emerald-500" },
  "engine-lost": { text: "engine lost, reconnecting", dot: "bg-amber-500" },
  offline: { text: "server unreachable, retrying", dot: "bg-red-500" },
  removed: { text: "engine gone", dot: "bg-slate-400" },
};
