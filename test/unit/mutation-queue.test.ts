import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { MutationQueue } from "@/lib/server/mutation-queue";

/** An operation the test finishes by hand. */
function pending(log: string[], name: string): { op: () => Promise<string>; finish: () => void } {
  let finish = (): void => {};
  const op = (): Promise<string> => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve) => {
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
    });
  };
  return { op, finish: () => finish() };
}

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return "ok";
  } catch (err) {
    return err instanceof ApiError ? `${err.status} ${err.code}` : String(err);
  }
};

describe("MutationQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs one change at a time, in arrival order", async () => {
    const q = new MutationQueue({ maxWaiting: 4, deadlineMs: 10_000 });
    const log: string[] = [];
    const a = pending(log, "a");
    const b = pending(log, "b");
    const ra = q.run(a.op);
    const rb = q.run(b.op);
    expect(log).toEqual(["start a"]);
    a.finish();
    await expect(ra).resolves.toBe("a");
    expect(log).toEqual(["start a", "end a", "start b"]);
    b.finish();
    await expect(rb).resolves.toBe("b");
  });

  it("refuses at once when the queue is full, and counts it", async () => {
    const q = new MutationQueue({ maxWaiting: 2, deadlineMs: 10_000 });
    const log: string[] = [];
    const running = pending(log, "run");
    void q.run(running.op);
    void q.run(pending(log, "w1").op);
    void q.run(pending(log, "w2").op);
    expect(await codeOf(q.run(pending(log, "full").op))).toBe("429 busy");
    expect(q.stats()).toMatchObject({ waiting: 2, running: true, refusedFull: 1 });
  });

  it("counts waiting time against the deadline: an expired waiter leaves unrun; a running change answers 504 but keeps its turn", async () => {
    const q = new MutationQueue({ maxWaiting: 4, deadlineMs: 1000 });
    const log: string[] = [];
    const slow = pending(log, "slow");
    const next = pending(log, "next");
    const first = codeOf(q.run(slow.op));
    const second = codeOf(q.run(next.op));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await first).toBe("504 engine_timeout");
    expect(await second).toBe("503 engine_busy");
    // The slow change still holds the engine: nothing starts until it ends.
    const later = pending(log, "later");
    const third = q.run(later.op);
    expect(log).toEqual(["start slow"]);
    slow.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["start slow", "end slow", "start later"]);
    later.finish();
    await expect(third).resolves.toBe("later");
    expect(q.stats()).toMatchObject({ waiting: 0, running: false, expiredWaiting: 1 });
  });

  it("passes an operation's own error through and moves on", async () => {
    const q = new MutationQueue({ maxWaiting: 4, deadlineMs: 1000 });
    const failed = q.run(() => Promise.reject(new ApiError("conflict", "in use")));
    const after = q.run(() => Promise.resolve("after"));
    expect(await codeOf(failed)).toBe("409 conflict");
    await expect(after).resolves.toBe("after");
  });
});
