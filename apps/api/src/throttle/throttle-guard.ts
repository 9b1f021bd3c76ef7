import type { Logger } from "../logging/logger";
import { RateLimitReason, type RateLimited, rateLimited } from "./rate-limited.types";
import { LimiterUnavailableError } from "./throttle";
import type { ThrottleKey, Throttles } from "./throttles";

const UNAVAILABLE_RETRY_SECONDS = 30;

/**
 * The checks services make around a throttled operation. Both fail closed: when the limiter
 * store is unreachable the operation is refused with LIMITER_UNAVAILABLE, never let through.
 */
export class ThrottleGuard {
  constructor(
    private readonly throttles: Throttles,
    private readonly log: Logger,
  ) {}

  /** A RateLimited answer when any key is blocked (or limits cannot be checked), else null. */
  async check(keys: ThrottleKey[]): Promise<RateLimited | null> {
    try {
      const wait = await this.throttles.retryAfterSeconds(keys);
      return wait > 0 ? rateLimited(wait) : null;
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      this.log.error({ err: error.cause }, "rate limiter unavailable: refusing the request");
      return rateLimited(UNAVAILABLE_RETRY_SECONDS, RateLimitReason.LIMITER_UNAVAILABLE);
    }
  }

  /** Counts a failure; an unreachable store is logged (the next check refuses). */
  async fail(keys: ThrottleKey[]): Promise<void> {
    try {
      await this.throttles.recordFailure(keys);
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      this.log.error({ err: error.cause }, "rate limiter unavailable: failure not counted");
    }
  }
}
