/** Why a throttled operation was not run (the values of the GraphQL enum RateLimitReason). */
export type RefusalReason = "TOO_MANY_ATTEMPTS" | "LIMITER_UNAVAILABLE";

/** A throttled operation that must not run: a domain outcome, mapped to `RateLimited` at the edge. */
export interface ThrottleRefusal {
  reason: RefusalReason;
  retryAfterSeconds: number;
}
