/**
 * Runs an engine's mutations one at a time. Each operation checks the
 * engine's state, then changes it; two at once would both pass their checks
 * (two creates with one name: Docker 20.10 makes both; two connects with one
 * fixed IP: the engine refuses one but leaves it in that running container's
 * configuration, which then cannot restart).
 *
 * The queue is bounded, and every request has one deadline that counts from
 * its arrival, so time spent waiting behind slower changes counts too:
 * - a full queue refuses at once (429 busy);
 * - a request still waiting at its deadline leaves the queue unrun (503
 *   engine_busy), so nothing was changed;
 * - a request still running at its deadline is answered 504, but keeps its
 *   turn until the engine answers it, so the next one never overlaps it.
 */
import { ApiError } from "../api/errors";

export interface QueueLimits {
  /** Requests that may wait behind the running one. */
  maxWaiting: number;
  /** From arrival to answer, waiting included. */
  deadlineMs: number;
}

interface Entry {
  start(): void;
}

export interface QueueStats {
  waiting: number;
  running: boolean;
  refusedFull: number;
  expiredWaiting: number;
}

export class MutationQueue {
  private readonly pending: Entry[] = [];
  private running = false;
  private refusedFull = 0;
  private expiredWaiting = 0;

  constructor(private readonly limits: QueueLimits) {}

  run<T>(op: () => Promise<T>): Promise<T> {
    if (this.pending.length >= this.limits.maxWaiting) {
      this.refusedFull += 1;
      return Promise.reject(
        new ApiError("busy", `${this.limits.maxWaiting} changes are already waiting for this engine; nothing was changed. Try again shortly.`),
      );
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const answer = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const entry: Entry = {
        start: () => {
          op()
            .then(
              (value) => answer(() => resolve(value)),
              (err: unknown) => answer(() => reject(err)),
            )
            .finally(() => this.next());
        },
      };
      const timer = setTimeout(() => {
        const at = this.pending.indexOf(entry);
        if (at !== -1) {
          this.pending.splice(at, 1);
          this.expiredWaiting += 1;
          const seconds = Math.round(this.limits.deadlineMs / 1000);
          answer(() => reject(new ApiError("engine_busy", `This change waited ${seconds} s behind slower ones for the engine and was not run; nothing was changed. Try again.`)));
        } else {
          const seconds = Math.round(this.limits.deadlineMs / 1000);
          answer(() => reject(new ApiError("engine_timeout", `The engine did not finish this change within ${seconds} s; it may still complete. The graph shows the engine's state as it changes.`)));
        }
      }, this.limits.deadlineMs);
      timer.unref?.();
      this.pending.push(entry);
      this.pump();
    });
  }

  stats(): QueueStats {
    return { waiting: this.pending.length, running: this.running, refusedFull: this.refusedFull, expiredWaiting: this.expiredWaiting };
  }

  private pump(): void {
    if (this.running) return;
    const entry = this.pending.shift();
    if (!entry) return;
    this.running = true;
    entry.start();
  }

  private next(): void {
    this.running = false;
    this.pump();
  }
}
