import type { Logger } from "../logging/logger";
import { LimiterUnavailableError } from "./throttle";
import type { Reservation, ThrottleKey, Throttles } from "./throttles";

const UNAVAILABLE_RETRY_SECONDS = 30;

/** Why a throttled operation was not run (the values of the GraphQL enum RateLimitReason). */
export type RefusalReason = "TOO_MANY_ATTEMPTS" | "LIMITER_UNAVAILABLE";

/** A throttled operation that must not run: a domain outcome, mapped to `RateLimited` at the edge. */
export interface ThrottleRefusal {
  reason: RefusalReason;
  retryAfterSeconds: number;
}

/**
 * The attempts an admitted operation holds. Settle once: `fail()` when the work failed (or when
 * every request counts), `release()` when it succeeded where only failures count. Never throws: an
 * unreachable store is logged, and its counters expire on their own.
 */
export class Ticket {
  constructor(
    private readonly reservation: Reservation | null,
    private readonly log: Logger,
  ) {}

  fail(): Promise<void> {
    return this.settle("fail");
  }

  release(): Promise<void> {
    return this.settle("release");
  }

  private async settle(how: "fail" | "release"): Promise<void> {
    try {
      await this.reservation?.[how]();
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      this.log.error({ err: error.cause, settle: how }, "rate limiter unavailable: attempt not settled");
    }
  }
}

export type Admission = { admitted: true; ticket: Ticket } | { admitted: false; refusal: ThrottleRefusal };

/**
 * The one way a service runs throttled work: `admit` reserves an attempt on every key *before* the
 * work (so a burst of concurrent requests cannot all pass a check made before any of them is
 * counted), logs a refusal, and fails closed: when the limiter store is unreachable or does not
 * answer within its timeout, the operation is refused with LIMITER_UNAVAILABLE, never let through.
 */
export class ThrottleGuard {
  constructor(
    private readonly throttles: Throttles,
    private readonly log: Logger,
  ) {}

  async admit(operation: string, keys: ThrottleKey[], log: Logger = this.log): Promise<Admission> {
    if (keys.length === 0) return { admitted: true, ticket: new Ticket(null, log) };
    try {
      const result = await this.throttles.reserve(keys);
      if (result.granted) return { admitted: true, ticket: new Ticket(result.reservation, log) };
      const refusal: ThrottleRefusal = { reason: "TOO_MANY_ATTEMPTS", retryAfterSeconds: result.retryAfterSeconds };
      log.warn({ operation, ...refusal }, "throttled");
      return { admitted: false, refusal };
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      log.error({ err: error.cause, operation }, "rate limiter unavailable: refusing the request");
      return { admitted: false, refusal: { reason: "LIMITER_UNAVAILABLE", retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS } };
    }
  }

  /** Forgets the attempts and blocks of these keys (support). */
  clear(keys: ThrottleKey[]): Promise<void> {
    return this.throttles.clear(keys);
  }
}
