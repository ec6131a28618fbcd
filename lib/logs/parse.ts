/**
 * `docker logs` and `docker service logs` as lines. Pure: no dockerode, no
 * Next, no React.
 *
 * The engine answers a logs request of a container without a TTY with its
 * multiplexed format: frames of an 8-byte header (byte 0 the stream, 1 for
 * stdout and 2 for stderr; bytes 4–7 the payload's length, big-endian)
 * followed by the payload. A container with a TTY answers the raw bytes (one
 * stream: stdout). A chunk of the HTTP body is not a frame: it may hold
 * several, or cut one anywhere, the header included. cnmap asks for
 * timestamps always (`timestamps=1`): each line starts with an RFC 3339 time
 * and a space. A service's lines (asked with `details=1`) carry, after the
 * time, the task's attributes as `key=value,key=value` and a space.
 */
import type { LogLine, LogStream } from "./types";

/** The longest line kept whole; the rest of a longer one is dropped, and the line says so. */
export const MAX_LINE_CHARS = 16 * 1024;

const HEADER = 8;

/**
 * Splits the multiplexed format into (stream, payload) pieces as bytes come.
 * `raw`: the body is not multiplexed (a TTY): everything is stdout.
 */
export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current frame's payload still to come, and its stream. */
  private remaining = 0;
  private stream: LogStream = "stdout";

  constructor(
    private readonly onPayload: (stream: LogStream, bytes: Buffer) => void,
    private readonly raw = false,
  ) {}

  push(chunk: Buffer): void {
    if (this.raw) {
      if (chunk.length > 0) this.onPayload("stdout", chunk);
      return;
    }
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length > 0) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, buf.length);
        this.onPayload(this.stream, buf.subarray(0, take));
        this.remaining -= take;
        buf = buf.subarray(take);
        continue;
      }
      if (buf.length < HEADER) {
        this.pending = Buffer.from(buf);
        return;
      }
      const kind = buf[0];
      // 0 is stdin (never sent for logs); anything else is not this format: treat the rest as stdout rather than lose it.
      if (kind !== 1 && kind !== 2 && kind !== 0) {
        this.onPayload("stdout", buf);
        return;
      }
      this.stream = kind === 2 ? "stderr" : "stdout";
      this.remaining = buf.readUInt32BE(4);
      buf = buf.subarray(HEADER);
    }
  }
}

/** Joins payload pieces into whole lines, one buffer per stream (a line may come in several frames). */
export class LineSplitter {
  private readonly partial: Record<LogStream, string> = { stdout: "", stderr: "" };
  private readonly decoders: Record<LogStream, TextDecoder> = { stdout: new TextDecoder("utf-8"), stderr: new TextDecoder("utf-8") };

  constructor(
    private readonly onLine: (stream: LogStream, text: string) => void,
    private readonly maxChars = MAX_LINE_CHARS,
  ) {}

  push(stream: LogStream, bytes: Buffer): void {
    let text = this.partial[stream] + this.decoders[stream].decode(bytes, { stream: true });
    let nl = text.indexOf("\n");
    while (nl !== -1) {
      this.onLine(stream, text.slice(0, nl).replace(/\r$/, ""));
      text = text.slice(nl + 1);
      nl = text.indexOf("\n");
    }
    // A line without end is kept up to the cap (plus room for the time and the attributes); the rest is dropped until its newline.
    this.partial[stream] = text.length > this.maxChars + 512 ? text.slice(0, this.maxChars + 512) : text;
  }

  /** The last line of each stream, if it had no newline. */
  end(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.partial[stream] + this.decoders[stream].decode();
      this.partial[stream] = "";
      if (rest !== "") this.onLine(stream, rest);
    }
  }
}

const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;
const DETAILS = /^((?:[\w.-]+=[^,\s]*)(?:,[\w.-]+=[^,\s]*)*) /;

/** One line as the engine wrote it (time first; a service's task attributes next when `details`) → a LogLine. */
export function parseLine(stream: LogStream, raw: string, details = false, maxChars = MAX_LINE_CHARS): LogLine {
  let rest = raw;
  const line: LogLine = { stream, text: "" };
  const t = TIME.exec(rest);
  if (t?.[1]) {
    line.time = t[1];
    rest = rest.slice(t[0].length);
  }
  if (details) {
    const d = DETAILS.exec(rest);
    if (d?.[1]) {
      const attrs = Object.fromEntries(d[1].split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
      if (attrs["com.docker.swarm.task.id"]) line.task = attrs["com.docker.swarm.task.id"];
      if (attrs["com.docker.swarm.node.id"]) line.node = attrs["com.docker.swarm.node.id"];
      rest = rest.slice(d[0].length);
    }
  }
  if (rest.length > maxChars) {
    line.text = rest.slice(0, maxChars);
    line.cut = true;
  } else line.text = rest;
  return line;
}

/** The size a line counts for against a byte cap: its text as UTF-8. */
export function lineBytes(line: LogLine): number {
  return Buffer.byteLength(line.text, "utf8");
}

/**
 * The engine's logs body → lines, bounded: at most `maxLines` (the last
 * ones, as a tail is) and `maxBytes` of text (the newest kept when cut).
 */
export function parseLogBody(body: Buffer, opts: { raw: boolean; details?: boolean; maxLines: number; maxBytes: number }): { lines: LogLine[]; cut: "bytes" | "lines" | null } {
  const all: LogLine[] = [];
  const splitter = new LineSplitter((stream, text) => all.push(parseLine(stream, text, opts.details)));
  const demux = new LogDemuxer((stream, bytes) => splitter.push(stream, bytes), opts.raw);
  demux.push(body);
  splitter.end();
  return boundTail(all, opts.maxLines, opts.maxBytes);
}

/** The newest lines within both caps, in order, and which cap cut (if any). */
export function boundTail(lines: LogLine[], maxLines: number, maxBytes: number): { lines: LogLine[]; cut: "bytes" | "lines" | null } {
  let cut: "bytes" | "lines" | null = null;
  let from = lines.length;
  let bytes = 0;
  while (from > 0) {
    if (lines.length - from >= maxLines) {
      cut = "lines";
      break;
    }
    const next = lines[from - 1];
    if (!next) break;
    const size = lineBytes(next);
    if (bytes + size > maxBytes) {
      cut = "bytes";
      break;
    }
    bytes += size;
    from -= 1;
  }
  return { lines: lines.slice(from), cut };
}

/** A line's time as text that sorts in time order (UTC, the fraction padded to nanoseconds), or "" without one. */
const timeKey = (line: LogLine): string => (line.time ?? "").replace(/(?:\.(\d{1,9}))?Z$/, (_m, frac: string | undefined) => `.${(frac ?? "").padEnd(9, "0")}Z`);

/** Lines by their engine time; a line without one keeps its place. */
export function linesByTime(lines: LogLine[]): LogLine[] {
  return lines
    .map((line, i) => ({ line, i, key: timeKey(line) }))
    .sort((a, b) => (a.key && b.key && a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.i - b.i))
    .map((x) => x.line);
}
