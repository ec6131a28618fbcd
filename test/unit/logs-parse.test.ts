/** The logs' pure core: the multiplexed frame demuxer, lines across frames and chunks, times, task attributes, and the tail's bounds. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { followSse } from "@/lib/logs/follow";
import { boundTail, LineSplitter, LogDemuxer, linesByTime, parseLine, parseLogBody } from "@/lib/logs/parse";
import type { LogLine } from "@/lib/logs/types";

/** One frame of Docker's multiplexed format: stream byte, three zero bytes, big-endian length, payload. */
function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const T1 = "2024-05-01T10:00:00.123456789Z";
const T2 = "2024-05-01T10:00:01.000000001Z";

describe("LogDemuxer and LineSplitter", () => {
  it("splits frames into stdout and stderr lines, in order", () => {
    const body = Buffer.concat([frame(1, `${T1} out one\n`), frame(2, `${T1} err one\n`), frame(1, `${T2} out two\n`)]);
    const { lines } = parseLogBody(body, { raw: false, maxLines: 10, maxBytes: 1000 });
    expect(lines).toEqual([
      { stream: "stdout", time: T1, text: "out one" },
      { stream: "stderr", time: T1, text: "err one" },
      { stream: "stdout", time: T2, text: "out two" },
    ]);
  });

  it("reads frames cut anywhere, the 8-byte header included, and multi-byte characters split across chunks", () => {
    const body = Buffer.concat([frame(1, `${T1} héllo wörld\n`), frame(2, `${T2} ünïcode\n`)]);
    for (let size = 1; size <= 9; size++) {
      const got: LogLine[] = [];
      const splitter = new LineSplitter((s, t) => got.push(parseLine(s, t)));
      const demux = new LogDemuxer((s, b) => splitter.push(s, b));
      for (let i = 0; i < body.length; i += size) demux.push(body.subarray(i, i + size));
      splitter.end();
      expect(got.map((l) => `${l.stream}:${l.text}`), `chunks of ${size}`).toEqual(["stdout:héllo wörld", "stderr:ünïcode"]);
    }
  });

  it("joins a line written in several frames, per stream, and keeps a last line without newline", () => {
    const body = Buffer.concat([frame(1, `${T1} par`), frame(2, `${T1} err\n`), frame(1, "tial\n"), frame(1, `${T2} no newline`)]);
    const { lines } = parseLogBody(body, { raw: false, maxLines: 10, maxBytes: 1000 });
    expect(lines.map((l) => `${l.stream}:${l.text}`)).toEqual(["stderr:err", "stdout:partial", "stdout:no newline"]);
  });

  it("a TTY's raw body is stdout, with CRLF line ends", () => {
    const { lines } = parseLogBody(Buffer.from(`${T1} one\r\n${T2} two\r\n`), { raw: true, maxLines: 10, maxBytes: 1000 });
    expect(lines).toEqual([
      { stream: "stdout", time: T1, text: "one" },
      { stream: "stdout", time: T2, text: "two" },
    ]);
  });

  it("cuts a very long line and says so", () => {
    const line = parseLine("stdout", `${T1} ${"x".repeat(50)}`, false, 10);
    expect(line).toEqual({ stream: "stdout", time: T1, text: "x".repeat(10), cut: true });
  });
});

describe("parseLine", () => {
  it("takes a service line's task and node from its attributes", () => {
    const raw = `${T1} com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello there`;
    expect(parseLine("stdout", raw, true)).toEqual({ stream: "stdout", time: T1, task: "t1", node: "n1", text: "hello there" });
  });
  it("leaves a container line's text alone, even when it looks like attributes", () => {
    expect(parseLine("stdout", `${T1} a=b hello`)).toEqual({ stream: "stdout", time: T1, text: "a=b hello" });
  });
  it("a line without a time is kept whole", () => {
    expect(parseLine("stderr", "no time here")).toEqual({ stream: "stderr", text: "no time here" });
  });
});

describe("boundTail", () => {
  const lines: LogLine[] = ["a", "bb", "ccc", "dddd"].map((text) => ({ stream: "stdout", text }));
  it("keeps the newest lines within the line count", () => {
    expect(boundTail(lines, 2, 100)).toEqual({ lines: lines.slice(2), cut: "lines" });
    expect(boundTail(lines, 4, 100)).toEqual({ lines, cut: null });
  });
  it("keeps the newest lines within the byte cap", () => {
    expect(boundTail(lines, 10, 7)).toEqual({ lines: lines.slice(2), cut: "bytes" });
  });
});

describe("linesByTime (a service's tail: the manager sends each task's lines as they come)", () => {
  const line = (text: string, time?: string): LogLine => ({ stream: "stdout", text, ...(time ? { time } : {}) });

  it("orders the tasks' lines by the engine's time, nanoseconds included, however many fraction digits", () => {
    const a = line("a", "2026-11-26T19:14:52.5Z");
    const b = line("b", "2026-11-26T19:14:52.55Z");
    const c = line("c", "2026-11-26T19:14:52.100000001Z");
    const d = line("d", "2026-11-26T19:14:53Z");
    expect(linesByTime([d, b, a, c]).map((l) => l.text)).toEqual(["c", "a", "b", "d"]);
  });

  it("keeps equal times, and lines without a time, in the order they came", () => {
    const t = "2026-11-26T19:14:52.000000001Z";
    expect(linesByTime([line("x", t), line("y"), line("z", t)]).map((l) => l.text)).toEqual(["x", "y", "z"]);
  });
});

describe("followSse", () => {
  async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
    return await new Response(stream).text();
  }
  const base = { raw: false, maxBytes: 10_000, maxMs: 5_000, what: "container web" };

  it("sends lines as events and ends at the line limit, destroying the engine's stream", async () => {
    const source = new PassThrough();
    const sse = followSse(source, { ...base, maxLines: 2, signal: new AbortController().signal });
    source.write(frame(1, `${T1} one\n${T1} two\n${T1} three\n`));
    const text = await read(sse);
    expect(text).toMatch(/^event: open\n/);
    expect(text).toContain(`data: {"stream":"stdout","text":"one","time":"${T1}"}`);
    expect(text).toContain('"text":"two"');
    expect(text).not.toContain('"text":"three"');
    expect(text).toMatch(/event: end\ndata: \{"reason":"lines","message":"Stopped following after 2 lines[^"]*","lines":2\}\n\n$/);
    expect(source.destroyed).toBe(true);
  });

  it("ends at the byte limit and at the time limit", async () => {
    const bytes = new PassThrough();
    const byBytes = followSse(bytes, { ...base, maxLines: 100, maxBytes: 5, signal: new AbortController().signal });
    bytes.write(frame(2, `${T1} abc\n${T1} defgh\n`));
    expect(await read(byBytes)).toMatch(/"reason":"bytes".*"lines":1/);
    const idle = new PassThrough();
    const byTime = followSse(idle, { ...base, maxLines: 100, maxMs: 50, signal: new AbortController().signal });
    expect(await read(byTime)).toMatch(/"reason":"time"/);
    expect(idle.destroyed).toBe(true);
  });

  it("says the logs ended when the engine's stream ends, and stops silently when the client goes away", async () => {
    const source = new PassThrough();
    const sse = followSse(source, { ...base, maxLines: 100, signal: new AbortController().signal });
    source.end(frame(1, `${T1} last`));
    const text = await read(sse);
    expect(text).toContain('"text":"last"');
    expect(text).toMatch(/"reason":"ended","message":"The logs of container web ended/);

    const left = new PassThrough();
    const abort = new AbortController();
    const gone = followSse(left, { ...base, maxLines: 100, signal: abort.signal });
    abort.abort();
    expect(await read(gone)).not.toContain("event: end");
    expect(left.destroyed).toBe(true);
  });
});

describe("the panel's rules", async () => {
  const { keepNewest, logsPath, RepeatFilter, shortTime, sinceOf } = await import("@/lib/logs/view");
  it("turns a line's time into the engine's since, to the nanosecond", () => {
    expect(sinceOf("2024-05-01T10:00:00.123456789Z")).toBe("1714557600.123456789");
    expect(sinceOf("2024-05-01T10:00:00.5Z")).toBe("1714557600.500000000");
    expect(sinceOf("2024-05-01T12:00:00+02:00")).toBe("1714557600.000000000");
    expect(sinceOf("yesterday")).toBeNull();
    expect(sinceOf(undefined)).toBeNull();
  });
  it("drops the lines the engine repeats at the since time, and nothing after", () => {
    const shown: LogLine[] = [
      { stream: "stdout", time: T1, text: "a" },
      { stream: "stderr", time: T2, text: "b" },
    ];
    const f = new RepeatFilter(shown);
    expect(f.fresh({ stream: "stderr", time: T2, text: "b" })).toBe(false);
    expect(f.fresh({ stream: "stdout", time: T2, text: "c" })).toBe(true);
    expect(f.fresh({ stream: "stderr", time: T2, text: "b" })).toBe(true);
    expect(new RepeatFilter([]).fresh({ stream: "stdout", text: "x" })).toBe(true);
  });
  it("paths, the newest lines kept, short times", () => {
    expect(logsPath("service", "web", { tail: 5 })).toBe("/api/services/web/logs?tail=5");
    expect(logsPath("container", "a b", { follow: 1, since: "1.5" })).toBe("/api/containers/a%20b/logs?follow=1&since=1.5");
    expect(keepNewest([1, 2, 3].map((n) => ({ stream: "stdout" as const, text: String(n) })), 2).map((l) => l.text)).toEqual(["2", "3"]);
    expect(shortTime(T1)).toBe("10:00:00.123");
  });
});

describe("followSse with an engine stream still opening", () => {
  it("opens at once, takes lines once the engine answers, and ends with the engine's refusal as an error", async () => {
    const source = new PassThrough();
    let open: (s: PassThrough) => void = () => {};
    const later = new Promise<PassThrough>((resolve) => (open = resolve));
    const sse = followSse(later, { raw: false, maxLines: 1, maxBytes: 1000, maxMs: 5000, what: "service web", signal: new AbortController().signal });
    open(source);
    source.write(frame(1, `${T1} first\n`));
    expect(await new Response(sse).text()).toMatch(/^event: open[^]*"text":"first"[^]*"reason":"lines"/);

    const refused = followSse(Promise.reject(new Error("no")), {
      raw: false, maxLines: 1, maxBytes: 1000, maxMs: 5000, what: "service web", signal: new AbortController().signal, describeError: () => "the engine said no",
    });
    expect(await new Response(refused).text()).toMatch(/"reason":"error","message":"The engine's log stream failed: the engine said no\."/);
  });
});
