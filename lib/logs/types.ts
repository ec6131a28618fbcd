/** The bodies of the logs routes: one declaration for the routes, the panel and the tests. */

export type LogStream = "stdout" | "stderr";

export type LogKind = "container" | "service";

export interface LogLine {
  stream: LogStream;
  text: string;
  /** The engine's time of the line (RFC 3339, nanoseconds): `docker logs -t`. */
  time?: string;
  /** A service's line: the task that wrote it, and its node (IDs). */
  task?: string;
  node?: string;
  /** The line was longer than cnmap keeps (MAX_LINE_CHARS): its start only. */
  cut?: true;
}

/** `GET /api/containers/{ref}/logs`, `GET /api/services/{ref}/logs`. */
export interface LogsBody {
  kind: LogKind;
  /** The engine's full ID. */
  id: string;
  name: string;
  /** The lines asked for (`tail`). */
  tail: number;
  /** Oldest first, at most `tail`. */
  lines: LogLine[];
  /** Set when the byte cap left out lines the tail asked for. */
  cut: "bytes" | null;
  /** The container (or the service's containers) has a TTY: stdout and stderr are one stream, shown as stdout. */
  tty: boolean;
  /** The docker command that shows the same. */
  command: string;
}

/** Why a followed stream ended: a limit, the logs ended (the container stopped), or the engine failed. */
export type FollowEndReason = "lines" | "bytes" | "time" | "ended" | "error";

/** The last event of a followed stream (`event: end`). */
export interface FollowEnd {
  reason: FollowEndReason;
  message: string;
  /** Lines sent before the end. */
  lines: number;
}

/** The bounds of the logs routes, for the routes, the panel and the tests. */
export const LOG_LIMITS = {
  defaultTail: 200,
  maxTail: 2000,
  /** Text of one tail, at most. */
  maxBytes: 1024 * 1024,
  /** A followed stream: how long, how many lines and how many bytes of text, by default and at most. */
  follow: {
    defaultSeconds: 120,
    maxSeconds: 600,
    defaultLines: 2000,
    maxLines: 10_000,
    maxBytes: 2 * 1024 * 1024,
  },
} as const;
