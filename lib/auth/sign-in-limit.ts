/**
 * Limits sign-in attempts: at most MAX_FAILURES failed attempts per user name
 * and per client address in WINDOW_MS; past that every attempt is refused
 * until the oldest failure leaves the window, whether the password is right
 * or not (so guessing cannot go on at full speed). In memory: a restart
 * forgets, which costs an attacker a restart they cannot cause.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length > 0) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before trying again, or 0 when an attempt may be made. */
  retryAfter(username: string, client: string): number {
    let wait = 0;
    for (const key of [`u:${username.toLowerCase()}`, `c:${client}`]) {
      const list = this.recent(key);
      if (list.length >= MAX_FAILURES) wait = Math.max(wait, Math.ceil(((list[0] ?? 0) + WINDOW_MS - this.now()) / 1000));
    }
    return wait;
  }

  failed(username: string, client: string): void {
    for (const key of [`u:${username.toLowerCase()}`, `c:${client}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }
}
