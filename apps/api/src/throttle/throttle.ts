import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterStore } from "./limiter-store";
import type { ThrottleRule } from "./throttle.rules";

/** The limiter store could not be reached; callers fail closed. */
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
 * Counts failures per key. When a key reaches `limit` failures inside `windowSeconds` it is blocked:
 * for one window the first time, then twice as long each time it trips again (exponential backoff),
 * never longer than `maxBlockSeconds`. Blocks always expire, so strangers cannot lock a customer out
 * for good.
 */
export class Throttle {
  private readonly failures: RateLimiterAbstract;
  private readonly trips: RateLimiterAbstract;

  constructor(
    readonly name: string,
    private readonly rule: ThrottleRule,
    private readonly maxBlockSeconds: number,
    store: LimiterStore,
  ) {
    this.failures = store.limiter(`${name}:f`, rule.limit, rule.windowSeconds);
    // Trips are remembered long enough for the backoff to keep growing across blocks.
    this.trips = store.limiter(`${name}:t`, 1_000_000, Math.max(maxBlockSeconds * 2, rule.windowSeconds));
  }

  /** Milliseconds until the key may try again; 0 when it is not blocked. */
  async blockedForMs(key: string): Promise<number> {
    const res = await guard(this.failures.get(key));
    return res && res.consumedPoints >= this.rule.limit ? res.msBeforeNext : 0;
  }

  async recordFailure(key: string): Promise<void> {
    const consumed = await countOne(this.failures, key);
    if (consumed < this.rule.limit) return;
    const trips = await countOne(this.trips, key);
    const seconds = Math.min(this.maxBlockSeconds, this.rule.windowSeconds * 2 ** (trips - 1));
    await guard(this.failures.block(key, seconds));
  }
}
