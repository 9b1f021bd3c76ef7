import { randomUUID } from "node:crypto";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { AttemptCounter } from "./attempt-counter";
import type { LimiterStore } from "./limiter-store";
import type { ThrottleRule } from "./throttle.rules";

/** The limiter store could not be reached (or did not answer in time); callers fail closed. */
export class LimiterUnavailableError extends Error {
  constructor(cause: unknown) {
    super("rate limiter store unavailable", { cause });
    this.name = "LimiterUnavailableError";
  }
}

async function guard<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof RateLimiterRes) throw error;
    throw new LimiterUnavailableError(error);
  }
}

/** Adds one to a key and returns its count; a limiter rejects past its points but still counted. */
async function countOne(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    return (await guard(limiter.consume(key))).consumedPoints;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return error.consumedPoints;
  }
}

/**
 * What a reservation got: an attempt to spend (with the count it made and the take's id, to give it
 * back), or the wait until one is free.
 */
export type Reserved =
  { granted: true; count: number; id: string } | { granted: false; retryAfterMs: number };

/**
 * Counts attempts per key, reserving each one *before* the work it stands for: the store adds one
 * atomically (one Lua script in Redis, one synchronous step in memory), so of any number of
 * concurrent requests at most `limit` get an attempt inside a window, across every instance that
 * shares the store. An attempt that should not count (a success, where only failures are limited)
 * is given back with `release`; one that failed is kept with `settleFailure`.
 *
 * When a failure fills the window the key is blocked: for one window the first time, then twice as
 * long each time it trips again (exponential backoff), never longer than `maxBlockSeconds`. Blocks
 * always expire, so strangers cannot lock a customer out for good. A block is its own record beside
 * the attempt count: the count only ever moves by one up or down, so a give-back can never undo a
 * block (as it would if blocking overwrote the count).
 *
 * A reservation the store did not answer in time is cancelled by its id, not given back blindly:
 * the store may apply the increment late (a stalled Redis runs what it was sent once it resumes) or
 * never; the cancel undoes it in either case, so a request refused as LIMITER_UNAVAILABLE counts
 * against nobody.
 */
export class Throttle {
  private readonly attempts: AttemptCounter;
  private readonly blocks: RateLimiterAbstract;
  private readonly trips: RateLimiterAbstract;

  constructor(
    readonly name: string,
    private readonly rule: ThrottleRule,
    private readonly maxBlockSeconds: number,
    store: LimiterStore,
  ) {
    this.attempts = store.counter(`${name}:f`, rule.windowSeconds);
    this.blocks = store.limiter(`${name}:b`, 1, Math.max(maxBlockSeconds, rule.windowSeconds));
    // Trips are remembered long enough for the backoff to keep growing across blocks.
    this.trips = store.limiter(
      `${name}:t`,
      1_000_000,
      Math.max(maxBlockSeconds * 2, rule.windowSeconds),
    );
  }

  /**
   * Takes one attempt for the key, or says how long until one is free. A refusal gives its own
   * count back at once: refused requests must not pile up and keep the key closed once the attempts
   * in flight are settled. Throws LimiterUnavailableError.
   */
  async reserve(key: string): Promise<Reserved> {
    const id = randomUUID();
    let taken, blockedMs;
    try {
      [taken, blockedMs] = await Promise.all([
        guard(this.attempts.take(key, id)),
        this.blockRemainingMs(key),
      ]);
    } catch (error) {
      // Not awaited: when the store is not answering, the cancel waits for it in the background.
      void this.attempts.cancel(key, id);
      throw error;
    }
    const granted = taken.count <= this.rule.limit;
    if (granted && blockedMs === 0) return { granted: true, count: taken.count, id };
    await this.attempts.cancel(key, id, true);
    const retryAfterMs = Math.max(blockedMs, granted ? 0 : taken.msBeforeNext);
    return { granted: false, retryAfterMs: Math.max(1000, retryAfterMs) };
  }

  /**
   * Gives a reserved attempt back: the work it was taken for does not count. With the take's `id`
   * it never throws: false when the store did not answer (the give-back is then retried until it
   * does); without it, one give-back that throws LimiterUnavailableError.
   */
  async release(key: string, id?: string): Promise<boolean> {
    if (id !== undefined) return this.attempts.cancel(key, id, true);
    await guard(this.attempts.giveBack(key));
    return true;
  }

  /**
   * Keeps a reserved attempt as a failure. The failure that took the last attempt of the window (its
   * reservation counted `limit`) trips the block; one key trips once per filling, however many
   * requests fail together.
   */
  async settleFailure(key: string, count: number): Promise<void> {
    if (count < this.rule.limit) return;
    const trips = await countOne(this.trips, key);
    const seconds = Math.min(this.maxBlockSeconds, this.rule.windowSeconds * 2 ** (trips - 1));
    await guard(this.blocks.block(key, seconds));
  }

  /** Milliseconds until the key may try again; 0 when it has attempts left. For inspection and tests. */
  async blockedForMs(key: string): Promise<number> {
    const [res, blockedMs] = await Promise.all([
      guard(this.attempts.get(key)),
      this.blockRemainingMs(key),
    ]);
    const exhaustedMs = res && res.count >= this.rule.limit ? res.msBeforeNext : 0;
    return Math.max(exhaustedMs, blockedMs);
  }

  /** Forgets the key's attempts, block and trips (a support action). */
  async clear(key: string): Promise<void> {
    await Promise.all([
      guard(this.attempts.delete(key)),
      guard(this.blocks.delete(key)),
      guard(this.trips.delete(key)),
    ]);
  }

  private async blockRemainingMs(key: string): Promise<number> {
    const res = await guard(this.blocks.get(key));
    return res && res.consumedPoints > 1 ? Math.max(0, res.msBeforeNext) : 0;
  }
}
