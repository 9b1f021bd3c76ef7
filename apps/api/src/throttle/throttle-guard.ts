import type { AuditEventType, AuditLog } from "../audit/audit-log";
import type { Logger } from "../logging/logger";
import type { RequestMeta } from "../request/request-context";
import { NO_EVENTS, type PortalEvents } from "../metrics/portal-events";
import type { ThrottleRefusal } from "./refusal";
import { LimiterUnavailableError } from "./throttle";
import type { Reservation, ThrottleKey, Throttles } from "./throttles";

export type { RefusalReason, ThrottleRefusal } from "./refusal";

const UNAVAILABLE_RETRY_SECONDS = 30;

/**
 * The attempts an admitted operation holds. Settle once: `fail()` when the work failed (or when
 * every request counts), `release()` when it succeeded where only failures count. Never throws: an
 * unreachable store is logged, and its counters expire on their own.
 */
export class Ticket {
  constructor(
    private readonly reservation: Reservation | null,
    private readonly log: Logger,
    private readonly events: PortalEvents = NO_EVENTS,
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
      this.log.error(
        { err: error.cause, settle: how },
        "rate limiter unavailable: attempt not settled",
      );
    }
  }
}

export type Admission =
  { admitted: true; ticket: Ticket } | { admitted: false; refusal: ThrottleRefusal };

/**
 * The one way a service runs throttled work. `admit` reserves an attempt on every key *before* the
 * work (so a burst of concurrent requests cannot all pass a check made before any of them is
 * counted), and on a refusal logs it and records it: in the audit trail, or where the operation
 * keeps its own log (`admitRecorded`). Either way the caller only maps the refusal to its answer.
 * It fails closed: when the limiter store is unreachable or
 * does not answer within its timeout, the operation is refused with LIMITER_UNAVAILABLE.
 */
export class ThrottleGuard {
  constructor(
    private readonly throttles: Throttles,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly events: PortalEvents = NO_EVENTS,
  ) {}

  /** Admits an operation of the audit trail: a refusal is recorded there as `<operation> THROTTLED`. */
  admit(
    operation: AuditEventType,
    keys: ThrottleKey[],
    request: { meta: RequestMeta; log?: Logger },
    email: string | null = null,
  ): Promise<Admission> {
    return this.reserve(operation, keys, request, (refusal) =>
      this.audit.record(
        { eventType: operation, outcome: "THROTTLED", reason: refusal.reason, email },
        request.meta,
      ),
    );
  }

  /** Admits an operation that records its own refusals (self-enrollment keeps its attempt log). */
  admitRecorded(
    operation: string,
    keys: ThrottleKey[],
    request: { meta: RequestMeta; log?: Logger },
    recordRefusal: (refusal: ThrottleRefusal) => Promise<void>,
  ): Promise<Admission> {
    return this.reserve(operation, keys, request, recordRefusal);
  }

  private async reserve(
    operation: string,
    keys: ThrottleKey[],
    request: { meta: RequestMeta; log?: Logger },
    recordRefusal: (refusal: ThrottleRefusal) => Promise<void>,
  ): Promise<Admission> {
    const log = request.log ?? this.log;
    if (keys.length === 0) return { admitted: true, ticket: new Ticket(null, log) };
    let refusal: ThrottleRefusal;
    let throttle: string;
    try {
      const result = await this.throttles.reserve(keys);
      if (result.granted) return { admitted: true, ticket: new Ticket(result.reservation, log) };
      refusal = { reason: "TOO_MANY_ATTEMPTS", retryAfterSeconds: result.retryAfterSeconds };
      throttle = result.refusedBy;
      log.warn({ operation, throttle, ...refusal }, "throttled");
    } catch (error) {
      if (!(error instanceof LimiterUnavailableError)) throw error;
      refusal = { reason: "LIMITER_UNAVAILABLE", retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS };
      throttle = "store";
      log.error({ err: error.cause, operation }, "rate limiter unavailable: refusing the request");
    }
    this.events.throttled({ operation, throttle, reason: refusal.reason });
    await recordRefusal(refusal);
    return { admitted: false, refusal };
  }

  /** Forgets the attempts and blocks of these keys (support). */
  clear(keys: ThrottleKey[]): Promise<void> {
    return this.throttles.clear(keys);
  }
}
