import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { PortalEvents } from "./portal-events";

/**
 * Every Prometheus metric of the service, in one registry per server (tests run several servers in
 * one process, so nothing is registered globally). Names and labels are the contract documented in
 * docs/operations.md. No label ever carries a value a visitor typed or owns (email, contract id, IP,
 * token): labels come from fixed lists (routes, throttle names, reason codes, result types) or from
 * names the schema or the web app's manifest bound.
 */
export class PortalMetrics implements PortalEvents {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: "portal_http_requests_total",
    help: "HTTP requests answered, by route (a fixed list), method and status code.",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });

  readonly graphqlOperations = new Counter({
    name: "portal_graphql_operations_total",
    help: "GraphQL operations answered, by operation, type and result (the answer's __typename, or error).",
    labelNames: ["operation", "type", "result"] as const,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: "portal_graphql_operation_duration_seconds",
    help: "Time from a GraphQL request's arrival to its answer, by operation, type and result.",
    labelNames: ["operation", "type", "result"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly enrollmentAttempts = new Counter({
    name: "portal_enrollment_attempts_total",
    help: "selfEnroll requests that reached the enrollment service (valid or not).",
    registers: [this.registry],
  });

  readonly enrollmentRejections = new Counter({
    name: "portal_enrollment_rejections_total",
    help: "Self-enrollments refused, by internal reason (the rule that failed, INPUT_INVALID, RATE_LIMITED, LIMITER_UNAVAILABLE).",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });

  readonly enrollmentsStarted = new Counter({
    name: "portal_enrollments_started_total",
    help: "Self-enrollments found eligible: an account is pending and its verification mail queued.",
    registers: [this.registry],
  });

  readonly enrollmentsCompleted = new Counter({
    name: "portal_enrollments_completed_total",
    help: "Enrollments completed: a verification link used to set the first password.",
    registers: [this.registry],
  });

  readonly throttleRefusals = new Counter({
    name: "portal_throttle_refusals_total",
    help: "Operations refused by a rate limit, by operation, the limit that refused (its key kind) and reason.",
    labelNames: ["operation", "throttle", "reason"] as const,
    registers: [this.registry],
  });

  readonly mailDeliveries = new Counter({
    name: "portal_mail_delivered_total",
    help: "Mail handed to the transport, by transport (smtp or dev-mailbox).",
    labelNames: ["via"] as const,
    registers: [this.registry],
  });

  readonly mailFailures = new Counter({
    name: "portal_mail_delivery_failures_total",
    help: "Mail deliveries that failed, by whether the message will be tried again (retry) or was given up (final).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  readonly mailRequestsDropped = new Counter({
    name: "portal_mail_requests_dropped_total",
    help: "Requests for account emails dropped unmailed after their last try, by kind (VERIFICATION_EMAIL, PASSWORD_RESET).",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });

  /** Read from the database at each scrape (see `observeOnScrape`). */
  readonly outboxDepth = new Gauge({
    name: "portal_mail_outbox_depth",
    help: "Messages in the outbox not yet delivered nor given up (the same figure on every instance).",
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: "portal_mail_outbox_oldest_age_seconds",
    help: "Age of the oldest message not yet delivered nor given up; 0 when the outbox is empty.",
    registers: [this.registry],
  });

  readonly mailRequestsPending = new Gauge({
    name: "portal_mail_requests_pending",
    help: "Requests for account emails (reset, verification) not yet turned into mail.",
    registers: [this.registry],
  });

  readonly dbPool = new Gauge({
    name: "portal_db_pool_connections",
    help: "PostgreSQL pool connections by pool (prisma, hot) and state (total, idle, waiting, max). Absent on the embedded database.",
    labelNames: ["pool", "state"] as const,
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: "portal_metrics_scrape_errors_total",
    help: "Scrapes whose database-read figures (outbox, mail requests) could not be read.",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  enrollmentAttempted(): void {
    this.enrollmentAttempts.inc();
  }

  enrollmentDecided(
    decision: { outcome: "started" } | { outcome: "rejected"; reason: string },
  ): void {
    if (decision.outcome === "started") this.enrollmentsStarted.inc();
    else this.enrollmentRejections.inc({ reason: decision.reason });
  }

  enrollmentCompleted(): void {
    this.enrollmentsCompleted.inc();
  }

  throttled(refusal: { operation: string; throttle: string; reason: string }): void {
    this.throttleRefusals.inc(refusal);
  }

  mailDelivered(via: string): void {
    this.mailDeliveries.inc({ via });
  }

  mailFailed(final: boolean): void {
    this.mailFailures.inc({ outcome: final ? "final" : "retry" });
  }

  mailRequestDropped(kind: string): void {
    this.mailRequestsDropped.inc({ kind });
  }

  /**
   * Figures read at scrape time rather than counted: a scrape reads them fresh (so every instance
   * reports the same outbox), and nothing runs between scrapes.
   */
  observeOnScrape(read: () => Promise<ScrapeFigures>): void {
    this.scrapeReader = read;
  }

  /** The text exposition, after refreshing the figures read at scrape time. */
  async expose(): Promise<string> {
    if (this.scrapeReader) {
      try {
        const figures = await this.scrapeReader();
        this.outboxDepth.set(figures.outbox.depth);
        this.outboxOldestAge.set(figures.outbox.oldestAgeSeconds);
        this.mailRequestsPending.set(figures.mailRequestsPending);
        this.dbPool.reset();
        for (const pool of figures.pools)
          for (const state of ["total", "idle", "waiting", "max"] as const)
            this.dbPool.set({ pool: pool.pool, state }, pool[state]);
      } catch {
        // The database is down: the gauges keep their last values, the error counter says so.
        this.scrapeErrors.inc();
      }
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private scrapeReader: (() => Promise<ScrapeFigures>) | undefined;
}

export interface ScrapeFigures {
  outbox: { depth: number; oldestAgeSeconds: number };
  mailRequestsPending: number;
  pools: { pool: string; total: number; idle: number; waiting: number; max: number }[];
}
