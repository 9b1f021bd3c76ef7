import type { AuditEventType, AuditLog } from "../audit/audit-log";
import type { Logger } from "../logging/logger";
import type { RequestMeta } from "../request/request-context";
import { NO_EVENTS, type PortalEvents } from "../metrics/portal-events";
import type { ThrottleRefusal } from "./refusal";
import type { Reservation, ThrottleKey, Throttles } from "./throttles";

export type { RefusalReason, ThrottleRefusal } from "./refusal";

/**
 * What is throttled, and where its refusals are recorded: an operation of the audit trail (recorded
 * there as `<audit> THROTTLED`), or one named for the logs and metrics that records its refusals
 * itself, if anywhere (self-enrollment keeps its attempt log). Either way only the first refusal of
 * a key in an hour is recorded so; every refusal is counted (`throttle_refusal`).
 */
type Operation =
  | { audit: AuditEventType; email?: string | null }
  | { name: string; onRefusal?: (refusal: ThrottleRefusal) => Promise<void> };

/**
 * The one way a service runs throttled work. `admit` reserves an attempt on every key *before* the
 * work (so a burst of concurrent requests cannot all pass a check made before any of them is
 * counted); a refusal is logged, counted and recorded here, so the caller only maps it to its
 * answer (`RateLimited` at the edge). Refusals are counted per operation, limit, key and hour, and
 * only the first of each is written as a row of its own: a client that keeps knocking on a closed
 * limit cannot fill the audit trail (which is append-only) or the attempt log. It fails closed: when the limiter store is unreachable or
 * does not answer within its timeout, the operation is refused with LIMITER_UNAVAILABLE.
 */
export class ThrottleGuard {
  constructor(
    private readonly throttles: Throttles,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly events: PortalEvents = NO_EVENTS,
  ) {}

  async admit(
    operation: Operation,
    keys: ThrottleKey[],
    request: { meta: RequestMeta; log?: Logger },
  ): Promise<
    { admitted: true; reservation: Reservation } | { admitted: false; refusal: ThrottleRefusal }
  > {
    const log = request.log ?? this.log;
    const result = await this.throttles.reserve(keys, log);
    if (result.granted) return { admitted: true, reservation: result.reservation };
    const { refusal, refusedBy: throttle, refusedKey } = result;
    const name = "audit" in operation ? operation.audit : operation.name;
    if (refusal.reason === "LIMITER_UNAVAILABLE")
      log.error(
        { err: result.cause, operation: name },
        "rate limiter unavailable: refusing the request",
      );
    else log.warn({ operation: name, throttle, ...refusal }, "throttled");
    this.events.throttled({ operation: name, throttle, reason: refusal.reason });
    // An operation that records its refusals nowhere (a skipped mail, decided inside a transaction)
    // is only logged and counted by the metrics.
    if (!("audit" in operation) && operation.onRefusal === undefined)
      return { admitted: false, refusal };
    const first = await this.audit.countRefusal({
      operation: name,
      throttle,
      keyHash: refusedKey,
      reason: refusal.reason,
    });
    if (!first) return { admitted: false, refusal };
    if ("audit" in operation)
      await this.audit.record(
        {
          eventType: operation.audit,
          outcome: "THROTTLED",
          reason: refusal.reason,
          email: operation.email ?? null,
        },
        request.meta,
      );
    else await operation.onRefusal!(refusal);
    return { admitted: false, refusal };
  }

  /** Forgets the attempts and blocks of these keys (support). */
  clear(keys: ThrottleKey[]): Promise<void> {
    return this.throttles.clear(keys);
  }
}
