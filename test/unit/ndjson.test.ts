import { describe, expect, it } from "vitest";
import { NdjsonSplitter } from "@/lib/events/ndjson";

interface Ev {
  n: number;
  s?: string;
}

function collect() {
  const values: Ev[] = [];
  const bad: { line: string; err: unknown }[] = [];
  const splitter = new NdjsonSplitter<Ev>(
    (v) => values.push(v),
    (line, err) => bad.push({ line, err }),
  );
  return { values, bad, splitter };
}

const enc = new TextEncoder();

describe("NdjsonSplitter", () => {
  it("emits several events from one chunk", () => {
    const { values, bad, splitter } = collect();
    splitter.push(enc.encode('{"n":1}\n{"n":2}\n{"n":3}\n'));
    expect(values).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(bad).toEqual([]);
  });

  it("waits for the newline of an event split over several chunks", () => {
    const { values, splitter } = collect();
    const bytes = enc.encode('{"n":7,"s":"hello"}\n');
    splitter.push(bytes.slice(0, 3));
    splitter.push(bytes.slice(3, 10));
    expect(values).toEqual([]);
    splitter.push(bytes.slice(10, bytes.length - 1));
    expect(values).toEqual([]);
    splitter.push(bytes.slice(bytes.length - 1));
    expect(values).toEqual([{ n: 7, s: "hello" }]);
  });

  it("decodes a multi-byte UTF-8 character split across chunks", () => {
    const { values, bad, splitter } = collect();
    const text = '{"n":1,"s":"caf\u00e9 \u20ac \u{1F433}"}\n';
    const bytes = enc.encode(text);
    // Cut one byte into the 2-byte é, one into the 3-byte euro sign, and twice inside the 4-byte whale.
    const offset = (ch: string): number => enc.encode(text.slice(0, text.indexOf(ch))).length;
    const cuts = [offset("\u00e9") + 1, offset("\u20ac") + 1, offset("\u{1F433}") + 1, offset("\u{1F433}") + 3];
    expect(cuts).toEqual([16, 19, 23, 25]);
    let at = 0;
    for (const cut of cuts) {
      splitter.push(bytes.slice(at, cut));
      at = cut;
    }
    splitter.push(bytes.slice(at));
    expect(bad).toEqual([]);
    expect(values).toEqual([{ n: 1, s: "caf\u00e9 \u20ac \u{1F433}" }]);
  });

  it("decodes a character split byte by byte", () => {
    const { values, splitter } = collect();
    const bytes = enc.encode('{"n":2,"s":"\u{1F433}\u00fc"}\n');
    for (let i = 0; i < bytes.length; i++) splitter.push(bytes.slice(i, i + 1));
    expect(values).toEqual([{ n: 2, s: "\u{1F433}\u00fc" }]);
  });

  it("skips blank and whitespace-only lines, and trims CRLF", () => {
    const { values, bad, splitter } = collect();
    splitter.push('\n\n   \n{"n":1}\r\n\r\n\t\n{"n":2}\n');
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
    expect(bad).toEqual([]);
  });

  it("reports a bad line and carries on with the next", () => {
    const { values, bad, splitter } = collect();
    splitter.push('{"n":1}\n{not json\n{"n":2}\n');
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.line).toBe("{not json");
    expect(bad[0]?.err).toBeInstanceOf(SyntaxError);
  });

  it("ignores bad lines without a handler", () => {
    const values: unknown[] = [];
    const splitter = new NdjsonSplitter((v) => values.push(v));
    expect(() => splitter.push("nope\n[1]\n")).not.toThrow();
    expect(values).toEqual([[1]]);
  });

  it("end() flushes a last line that has no newline", () => {
    const { values, splitter } = collect();
    splitter.push('{"n":1}\n{"n":');
    splitter.push(enc.encode("2}"));
    expect(values).toEqual([{ n: 1 }]);
    splitter.end();
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
    splitter.end();
    expect(values).toHaveLength(2);
  });

  it("end() reports a truncated last line as bad", () => {
    const { values, bad, splitter } = collect();
    splitter.push('{"n":1');
    splitter.end();
    expect(values).toEqual([]);
    expect(bad.map((b) => b.line)).toEqual(['{"n":1']);
  });

  it("end() with nothing buffered emits nothing", () => {
    const { values, bad, splitter } = collect();
    splitter.push('{"n":1}\n');
    splitter.end();
    expect(values).toEqual([{ n: 1 }]);
    expect(bad).toEqual([]);
  });

  it("parses real engine events", () => {
    const events: unknown[] = [];
    const splitter = new NdjsonSplitter((v) => events.push(v));
    const line =
      '{"Type":"network","Action":"connect","Actor":{"ID":"c91524921829","Attributes":{"container":"c950ea928934","name":"fx-front","type":"bridge"}},"scope":"local","time":1795430527,"timeNano":1795430527123456789}\n';
    splitter.push(enc.encode(line + line));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ Type: "network", Action: "connect", time: 1795430527 });
  });
});
