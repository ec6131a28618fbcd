/**
 * Newline-delimited JSON from a byte stream. A chunk is not an event: chunks
 * may hold several lines, part of one, or split a multi-byte character.
 */
export class NdjsonSplitter<T = unknown> {
  private buffer = "";
  private readonly decoder = new TextDecoder("utf-8");

  constructor(
    private readonly onValue: (value: T) => void,
    private readonly onBadLine: (line: string, err: unknown) => void = () => {},
  ) {}

  push(chunk: Uint8Array | string): void {
    this.buffer += typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    let nl = this.buffer.indexOf("\n");
    while (nl !== -1) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.emit(line);
      nl = this.buffer.indexOf("\n");
    }
  }

  /** Flushes a last line that had no trailing newline. */
  end(): void {
    this.buffer += this.decoder.decode();
    const line = this.buffer.trim();
    this.buffer = "";
    if (line) this.emit(line);
  }

  private emit(line: string): void {
    let value: T;
    try {
      value = JSON.parse(line) as T;
    } catch (err) {
      this.onBadLine(line, err);
      return;
    }
    this.onValue(value);
  }
}
