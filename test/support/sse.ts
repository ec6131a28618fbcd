/**
 * A server-sent-events client for tests, on plain fetch: it reads the body
 * stream and parses it as the HTML standard's EventSource does (lines ending
 * in LF, CR or CRLF; `field: value` with one optional space; comments; a
 * blank line dispatches; multi-line data joined with LF), keeping everything
 * it saw so tests can wait for, and assert on, what arrived.
 */

export interface SseMessage {
  /** The `event:` field, or "message" when there was none. */
  event: string;
  data: string;
  id?: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export class SseClient {
  readonly messages: SseMessage[] = [];
  /** Comment lines (": heartbeat" gives "heartbeat"), in order. */
  readonly comments: string[] = [];
  /** The `retry:` values seen, in milliseconds. */
  readonly retries: number[] = [];
  /** Every byte received, decoded. */
  raw = "";
  /** Set when the stream ended or failed. */
  ended = false;
  error: unknown = null;

  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  private pendingCr = false;
  private eventType = "";
  private data: string[] = [];
  private lastId: string | undefined;
  private waiters = new Set<() => void>();
  private pump: Promise<void> = Promise.resolve();
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  /** Opens the stream (with extra request headers, e.g. a session cookie); resolves once the response headers arrived. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal, headers: { ...headers, Accept: "text/event-stream" } });
    const client = new SseClient(response, controller);
    if (response.body) client.pump = client.read(response.body);
    else client.ended = true;
    return client;
  }

  /** Closes the connection (the browser going away). */
  async close(): Promise<void> {
    this.controller.abort();
    // Aborting the request does not always end a read already waiting on the body (seen when the server's last
    // chunk and the abort cross): cancelling the reader does.
    await this.reader?.cancel().catch(() => undefined);
    await this.pump;
  }

  /** The parsed JSON of every default-type (`data:` only) message. */
  dataMessages<T = unknown>(): T[] {
    return this.messages.filter((m) => m.event === "message").map((m) => JSON.parse(m.data) as T);
  }

  /** Resolves with the first message (from `from` on) that satisfies `pred`; rejects after `timeoutMs`. */
  waitForMessage(pred: (m: SseMessage) => boolean, timeoutMs = 10_000, from = 0): Promise<SseMessage> {
    return this.waitUntil(() => this.messages.slice(from).find(pred), timeoutMs, "message");
  }

  /** Resolves with the parsed data of the first default-type message satisfying `pred`. */
  async waitForData<T>(pred: (data: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const m = await this.waitForMessage((msg) => msg.event === "message" && pred(JSON.parse(msg.data) as T), timeoutMs);
    return JSON.parse(m.data) as T;
  }

  waitForComment(text: string, timeoutMs: number): Promise<string> {
    return this.waitUntil(() => this.comments.find((c) => c === text), timeoutMs, `comment "${text}"`);
  }

  /** Polls `check` on every arrival until it returns something other than undefined. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, what = "condition"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value !== undefined) {
          cleanup();
          resolve(value);
          return true;
        }
        if (this.ended) {
          cleanup();
          reject(new Error(`SSE stream ended before ${what} arrived; received:\n${this.raw.slice(-4000)}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within ${timeoutMs} ms; received:\n${this.raw.slice(-4000)}`));
      }, timeoutMs);
      const waiter = (): void => void attempt();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!attempt()) this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    this.reader = reader;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.feed(this.decoder.decode(value, { stream: true }));
      }
      this.feed(this.decoder.decode());
    } catch (err) {
      if (!this.controller.signal.aborted) this.error = err;
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private feed(text: string): void {
    if (!text) return;
    this.raw += text;
    this.buffer += text;
    // Split into complete lines; a CR at the very end may be the first half of a CRLF.
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch === "\n" && this.pendingCr && i === start) {
        // The LF of a CRLF whose CR ended the previous chunk.
        this.pendingCr = false;
        start = i + 1;
        continue;
      }
      this.pendingCr = false;
      if (ch === "\r" || ch === "\n") {
        this.line(this.buffer.slice(start, i));
        if (ch === "\r") {
          if (i + 1 < this.buffer.length) {
            if (this.buffer[i + 1] === "\n") i++;
          } else {
            this.pendingCr = true;
          }
        }
        start = i + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    this.notify();
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) {
      this.comments.push(line.slice(1).replace(/^ /, ""));
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.data.push(value);
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retries.push(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  private dispatch(): void {
    const type = this.eventType || "message";
    const data = this.data;
    this.eventType = "";
    this.data = [];
    if (data.length === 0) return; // no data: nothing is dispatched
    const message: SseMessage = { event: type, data: data.join("\n"), at: Date.now() };
    if (this.lastId !== undefined) message.id = this.lastId;
    this.messages.push(message);
  }
}
